import { ActionIcon, Box, Button, Divider, Indicator, Popover, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth/context';
import { formatDate } from '../../components/format';
import { notificationApi, type Notification } from '../api';
import classes from './NotificationBell.module.css';
import { keys, useNotifications } from '../queries';

function safePath(path: string | undefined): string | null {
  if (!path || !path.startsWith('/') || path.startsWith('//')) return null;
  return path;
}

function useNotificationText(): (n: Notification) => string {
  const { t } = useTranslation('volunteer');
  return (n) => {
    const trial = n.payload.trial_title ?? '';
    switch (n.kind) {
      case 'invitation':
        return t('notifications.invitation', { trial });
      case 'trial_matches':
        return t('notifications.trial_matches', { trial });
      case 'referral_changed': {
        const state = n.payload.state ?? '';
        const known = ['invited', 'accepted', 'declined', 'interested', 'prescreening', 'screen_failed', 'eligible', 'consented', 'enrolled', 'treated', 'completed', 'withdrawn'];
        return t('notifications.referral_changed', {
          trial,
          state: known.includes(state) ? t(`applications.states.${state}.short` as 'applications.states.invited.short') : state,
        });
      }
      case 'volunteer_replied':
        return t('notifications.volunteer_replied', { trial });
      default:
        return t('notifications.other');
    }
  };
}

/** The bell in the header, for every signed-in person: unread count, the
 * latest notifications, each a link to where it happened. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('volunteer');
  const { status } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useNotifications(status === 'signed_in');
  const text = useNotificationText();
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const markRead = useMutation({
    mutationFn: (ids: string[]) => Promise.all(ids.map((id) => notificationApi.markRead(id))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.notifications }),
  });

  const [opened, setOpened] = useState(false);

  const open = (n: Notification) => {
    setOpened(false);
    if (!n.read_at) markRead.mutate([n.id]);
    const path = safePath(n.payload.path);
    if (path) void navigate(path);
  };

  const label = unread > 0 ? t('notifications.labelUnread', { n: unread }) : t('notifications.label');

  return (
    <Popover
      position="bottom-end"
      shadow="md"
      width={320}
      opened={opened}
      onChange={setOpened}
      trapFocus
      returnFocus
      onOpen={() => void list.refetch()}
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="dark"
          size={32}
          aria-label={label}
          data-testid="notification-bell"
          onClick={() => setOpened((o) => !o)}
        >
          <Indicator disabled={unread === 0} label={unread > 9 ? '9+' : unread} size={16} color="red.8" offset={1}>
            <IconBell size={20} aria-hidden />
          </Indicator>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p="xs" aria-label={t('notifications.title')}>
        <Stack gap={4}>
          <Text fw={700} size="sm" px={6}>
            {t('notifications.title')}
          </Text>
          {items.length === 0 && (
            <Text size="sm" px={6} py="xs">
              {t('notifications.empty')}
            </Text>
          )}
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((n) => (
              <li key={n.id}>
                <UnstyledButton
                  onClick={() => open(n)}
                  w="100%"
                  px={6}
                  py={6}
                  className={classes.item}
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                  data-unread={n.read_at ? undefined : true}
                >
                  <Text span size="sm" fw={n.read_at ? 400 : 700} display="block">
                    {!n.read_at && <VisuallyHidden>{t('notifications.unread')} </VisuallyHidden>}
                    {text(n)}
                  </Text>
                  <Text span size="xs" c="dimmed" display="block">
                    {formatDate(n.created_at, i18n.language)}
                  </Text>
                </UnstyledButton>
              </li>
            ))}
          </Box>
          {unread > 0 && (
            <>
              <Divider />
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconChecks size={16} aria-hidden />}
                onClick={() => markRead.mutate(items.filter((n) => !n.read_at).map((n) => n.id))}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('notifications.markAll')}
              </Button>
            </>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
