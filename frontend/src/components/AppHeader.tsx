import { AppShell, Burger, Button, Group, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../auth/context';
import { NotificationBell } from '../volunteer/notifications/NotificationBell';
import { LanguageSwitcher } from './LanguageSwitcher';
import { UserMenu } from './UserMenu';

interface AppHeaderProps {
  /** Present when the page has a side menu that folds away on phones. */
  nav?: { opened: boolean; toggle: () => void };
}

export function AppHeader({ nav }: AppHeaderProps) {
  const { t } = useTranslation();
  const { status } = useAuth();
  const signedIn = status === 'signed_in';
  const onSignInPage = useLocation().pathname === '/signin';

  return (
    <AppShell.Header>
      <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap">
          {nav && (
            <Burger
              opened={nav.opened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={nav.opened ? t('nav.closeNavigation') : t('nav.openNavigation')}
              aria-expanded={nav.opened}
              aria-controls="main-navigation"
            />
          )}
          <UnstyledButton component={Link} to={signedIn ? '/app' : '/'}>
            <Group gap={8} wrap="nowrap">
              <ThemeIcon size={30} radius="md" aria-hidden>
                <IconHeartHandshake size={20} />
              </ThemeIcon>
              <Text fw={800} fz="lg" c="blue.9">
                {t('app.name')}
              </Text>
            </Group>
          </UnstyledButton>
        </Group>
        <Group gap={4} wrap="nowrap">
          <LanguageSwitcher />
          {signedIn && <NotificationBell />}
          {signedIn ? (
            <UserMenu />
          ) : (
            status === 'signed_out' &&
            !onSignInPage && (
              <Button component={Link} to="/signin" variant="default" size="sm">
                {t('common.signIn')}
              </Button>
            )
          )}
        </Group>
      </Group>
    </AppShell.Header>
  );
}
