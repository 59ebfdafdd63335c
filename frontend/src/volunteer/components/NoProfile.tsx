import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { wrapLabel } from './wrap';

/** Shown where a page needs a profile and the account has none yet. */
export function NoProfile() {
  const { t } = useTranslation('volunteer');
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="sm" align="flex-start">
        <Title order={2}>{t('noProfile.title')}</Title>
        <Text>{t('noProfile.body')}</Text>
        <Group gap="sm">
          <Button {...wrapLabel} component={Link} to="/volunteer/profiles?add=child" leftSection={<IconUserPlus size={18} aria-hidden />}>
            {t('noProfile.addChild')}
          </Button>
          <Button {...wrapLabel} component={Link} to="/volunteer/profiles?add=self" variant="default">
            {t('noProfile.addSelf')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
