import { Anchor, Group, NativeSelect, Paper, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActiveProfile } from '../activeProfile';
import { useProfileName } from './profileName';

/** Whose profile the page shows: "me" or a dependent. */
export function ProfileSwitcher() {
  const { t } = useTranslation('volunteer');
  const { profiles, active, setActive } = useActiveProfile();
  const nameOf = useProfileName();
  if (!active) return null;
  return (
    <Paper withBorder radius="md" p="sm" bg="blue.0">
      <Group gap="sm" align="flex-end" wrap="wrap" justify="space-between">
        {profiles.length > 1 ? (
          <NativeSelect
            label={t('switcher.label')}
            value={active.id}
            onChange={(e) => setActive(e.currentTarget.value)}
            data={profiles.map((p) => ({ value: p.id, label: nameOf(p) }))}
            leftSection={<IconUsers size={18} aria-hidden />}
            style={{ flex: '1 1 14rem' }}
            data-testid="profile-switcher"
          />
        ) : (
          <Text fw={600}>
            <IconUsers size={18} aria-hidden style={{ verticalAlign: 'text-bottom', marginInlineEnd: 6 }} />
            {t('switcher.only', { name: nameOf(active) })}
          </Text>
        )}
        <Anchor c="blue.9" component={Link} to="/volunteer/profiles" size="sm" fw={600}>
          {t('switcher.manage')}
        </Anchor>
      </Group>
    </Paper>
  );
}
