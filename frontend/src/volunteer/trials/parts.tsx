import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCurrentLocation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { Link } from 'react-router';
import { useAuth } from '../../auth/context';
import type { GeoState } from './useGeolocation';
import { wrapLabel } from '../components/wrap';

export function PhaseBadges({ phases }: { phases: string[] }) {
  const { t } = useTranslation('volunteer');
  return (
    <>
      {phases.map((p) => (
        <Badge key={p} variant="light" {...tone('gray')} styles={{ label: { textTransform: 'none' } }}>
          {t(`trials.phases.${p}` as 'trials.phases.phase1')}
        </Badge>
      ))}
    </>
  );
}

export function SignUpCall() {
  const { t } = useTranslation('volunteer');
  const { status, user } = useAuth();
  if (status === 'signed_in' && user?.role === 'volunteer') {
    return (
      <Paper radius="md" p="lg" bg="blue.0">
        <Stack gap="xs" align="flex-start">
          <Text fw={600}>{t('trials.signedInCall')}</Text>
          <Button {...wrapLabel} component={Link} to="/volunteer/matches">
            {t('trials.seeMatches')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  if (status === 'signed_in') return null;
  return (
    <Paper radius="md" p="lg" bg="blue.0" component="section" aria-labelledby="signup-call">
      <Stack gap="xs" align="flex-start">
        <Title order={2} size="h3" id="signup-call">
          {t('trials.callTitle')}
        </Title>
        <Text>{t('trials.callBody')}</Text>
        <Group gap="sm">
          <Button {...wrapLabel} component={Link} to="/signup?role=volunteer">
            {t('trials.callSignUp')}
          </Button>
          <Button {...wrapLabel} component={Link} to="/signin" variant="default">
            {t('trials.callSignIn')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function DistanceButton({ geo, ask, supported }: { geo: GeoState; ask: () => void; supported: boolean }) {
  const { t } = useTranslation('volunteer');
  if (!supported) return null;
  return (
    <Stack gap={6} align="flex-start">
      {geo.status !== 'known' && (
        <Button {...wrapLabel} variant="default" leftSection={<IconCurrentLocation size={18} aria-hidden />} onClick={ask} loading={geo.status === 'asking'}>
          {t('trials.showDistances')}
        </Button>
      )}
      <Text size="sm" c="dimmed">
        {geo.status === 'known' ? t('trials.distancesShown') : t('trials.locationPrivacy')}
      </Text>
      {geo.status === 'denied' && (
        <Alert color="yellow" variant="light" p="xs" role="status">
          {t('trials.locationDenied')}
        </Alert>
      )}
    </Stack>
  );
}

