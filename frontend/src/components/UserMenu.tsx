import { Avatar, Button, Menu, Text } from '@mantine/core';
import { IconLogout, IconUserCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../auth/context';

function initials(name: string): string {
  const parts = name
    .split(/\s+/)
    .map((part) => part.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => Array.from(p ?? '')[0] ?? '').join('').toLocaleUpperCase() || '?';
}

export function UserMenu() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  if (!user) return null;

  const onSignOut = async () => {
    // Leave the signed-in pages first; once the session ends they would send
    // the visitor to the sign-in page instead.
    await navigate('/', { replace: true });
    await signOut();
  };

  return (
    <Menu position="bottom-end" shadow="md" width={240}>
      <Menu.Target>
        <Button
          variant="subtle"
          color="dark"
          size="sm"
          px={4}
          aria-label={t('nav.userMenu', { name: user.display_name })}
          leftSection={
            <Avatar size={30} color="blue" radius="xl" aria-hidden>
              {initials(user.display_name)}
            </Avatar>
          }
        >
          <Text span size="sm" fw={600} visibleFrom="sm" maw={160} truncate="end" data-testid="user-name">
            {user.display_name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('nav.signedInAs')}</Menu.Label>
        <Text px="sm" pb="xs" size="sm" fw={600} truncate="end">
          {user.email}
        </Text>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCog size={16} aria-hidden />}>
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item onClick={() => void onSignOut()} leftSection={<IconLogout size={16} aria-hidden />}>
          {t('common.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
