import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Container, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES, updateMe, type UpdateMeRequest, type User } from '../api';
import { useAuth } from '../auth/context';
import { accountSchema, type AccountValues } from '../auth/schemas';
import { formatDate } from '../components/format';
import { PageHeading } from '../components/PageHeading';
import { applyServerFieldErrors, fieldText, problemText } from '../components/problems';
import { notify } from '../components/notify';
import { usePageTitle } from '../components/usePageTitle';

const ENDONYMS = { en: 'English', tr: 'Türkçe', ru: 'Русский', kk: 'Қазақша' } as const;

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" fw={600} m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

function AccountForm({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const { updateUser } = useAuth();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<AccountValues>({
    resolver: zodResolver(accountSchema),
    defaultValues: { display_name: user.display_name, locale: user.locale },
  });

  const save = useMutation({
    mutationFn: (changes: UpdateMeRequest) => updateMe(changes),
    onSuccess: (updated) => {
      updateUser(updated);
      reset({ display_name: updated.display_name, locale: updated.locale });
      notify(t, { color: 'teal', message: t('account.saved') });
    },
    onError: (error) => {
      if (applyServerFieldErrors(error, setError, ['display_name', 'locale'], t)) return;
      setFormError(problemText(t, error, i18n.language));
    },
  });

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    save.mutate(values);
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {formError}
          </Alert>
        )}
        <TextInput
          label={t('common.displayName')}
          autoComplete="name"
          required
          error={fieldText(t, errors.display_name?.message)}
          {...register('display_name')}
        />
        <NativeSelect
          label={t('common.language')}
          description={t('account.languageHint')}
          error={fieldText(t, errors.locale?.message)}
          data={LOCALES.map((locale) => ({ value: locale, label: ENDONYMS[locale] }))}
          {...register('locale')}
        />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!isDirty}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('account.title'));
  const { user } = useAuth();
  if (!user) return null;

  return (
    <Container size="sm" py={{ base: 'lg', sm: 40 }} px="md">
      <Stack gap="lg">
        <PageHeading>{t('account.title')}</PageHeading>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="account-details">
          <Stack gap="md">
            <Title order={2} id="account-details">
              {t('account.detailsTitle')}
            </Title>
            <SimpleGrid component="dl" cols={{ base: 1, xs: 2 }} spacing="md" m={0}>
              <Detail label={t('account.email')} value={user.email} />
              <Detail label={t('account.role')} value={t(`roles.${user.role}`)} />
              <Detail label={t('account.status')} value={t(`statuses.${user.status}`)} />
              <Detail label={t('account.memberSince')} value={formatDate(user.created_at, i18n.language)} />
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="account-preferences">
          <Stack gap="md">
            <Title order={2} id="account-preferences">
              {t('account.preferencesTitle')}
            </Title>
            <AccountForm key={`${user.display_name}|${user.locale}`} user={user} />
          </Stack>
        </Paper>
      </Stack>
    </Container>
  );
}
