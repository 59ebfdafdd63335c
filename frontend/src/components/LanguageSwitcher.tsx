import { Button, Menu, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LOCALES, updateMe, type Locale } from '../api';
import { useAuth } from '../auth/context';
import { changeLanguage, currentLanguage } from '../i18n';
import { problemText } from './problems';
import { notify } from './notify';

/** Language names are written in their own language, whatever the interface
 * language, so that anyone can find theirs. */
const ENDONYMS: Record<Locale, string> = {
  en: 'English',
  tr: 'Türkçe',
  ru: 'Русский',
  kk: 'Қазақша',
};

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { user, updateUser } = useAuth();
  const language = currentLanguage();

  const saveLocale = useMutation({
    mutationFn: (locale: Locale) => updateMe({ locale }),
    onSuccess: (updated) => updateUser(updated),
    onError: (error) => {
      notify(t, { color: 'red', message: problemText(t, error, i18n.language) });
    },
  });

  const choose = (locale: Locale) => {
    void changeLanguage(locale);
    // A signed-in person's choice is saved to the account, which then drives
    // the language on every device.
    if (user && user.locale !== locale) saveLocale.mutate(locale);
  };

  return (
    <Menu position="bottom-end" shadow="md" width={180}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          px="xs"
          leftSection={<IconLanguage size={20} aria-hidden />}
        >
          <VisuallyHidden>{t('common.language')}: </VisuallyHidden>
          <span lang={language}>{ENDONYMS[language]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            aria-current={locale === language ? 'true' : undefined}
            onClick={() => choose(locale)}
            leftSection={
              locale === language ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />
            }
          >
            {ENDONYMS[locale]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
