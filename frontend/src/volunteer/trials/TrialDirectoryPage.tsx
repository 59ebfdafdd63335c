import { Anchor, Button, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { usePageTitle } from '../../components/usePageTitle';
import { countryName, formatKm, joinList, useConditionNames } from '../../eligibility';
import type { Trial } from '../api';
import { QueryState } from '../components/QueryState';
import { nearestKm } from './distance';
import { DistanceButton, PhaseBadges, SignUpCall } from './parts';
import { usePublicTrials } from '../queries';
import { summaryIn, summaryLang } from './summary';
import { useGeolocation, type GeoState } from './useGeolocation';
import { wrapLabel } from '../components/wrap';

function TrialCard({ trial, geo }: { trial: Trial; geo: GeoState }) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { nameOf } = useConditionNames();
  const km = nearestKm(trial, geo);
  const countries = [...new Set(trial.sites.map((s) => s.country))];
  const headingId = `trial-${trial.id}`;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="article" aria-labelledby={headingId} data-testid="trial-card">
      <Stack gap="sm">
        <Title order={2} size="h3" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          <Anchor component={Link} to={`/trials/${trial.id}`} inherit c="blue.9">
            {trial.title}
          </Anchor>
        </Title>
        <Group gap={6}>
          <PhaseBadges phases={trial.phases} />
        </Group>
        <Text lang={summaryLang(trial, lang)}>{summaryIn(trial, lang)}</Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('trials.conditions')}
          </Text>{' '}
          {joinList(trial.conditions.map(nameOf), lang)}
        </Text>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconMapPin size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="sm">
            {t('trials.sitesIn', { n: trial.sites.length, countries: joinList(countries.map((c) => countryName(c, lang)), lang) })}
            {km !== null && (
              <>
                {' '}
                <Text span fw={600} size="sm">
                  {t('trials.nearest', { distance: formatKm(km, lang) })}
                </Text>
              </>
            )}
          </Text>
        </Group>
        <Group>
          <Button {...wrapLabel} component={Link} to={`/trials/${trial.id}`} variant="light" size="sm" aria-label={t('trials.moreAbout', { title: trial.title })}>
            {t('trials.details')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function TrialDirectoryPage() {
  const { t } = useTranslation('volunteer');
  usePageTitle(t('trials.title'));
  const trials = usePublicTrials();
  const geo = useGeolocation();
  const recruiting = (trials.data ?? []).filter((tr) => tr.status === 'recruiting');
  const sorted =
    geo.state.status === 'known'
      ? [...recruiting].sort((a, b) => (nearestKm(a, geo.state) ?? Infinity) - (nearestKm(b, geo.state) ?? Infinity))
      : recruiting;
  return (
    <Container size="lg" py={{ base: 'lg', sm: 40 }} px={{ base: 'sm', xs: 'md' }}>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('trials.title')}</PageHeading>
          <Text size="lg">{t('trials.intro')}</Text>
        </Stack>
        <DistanceButton geo={geo.state} ask={geo.ask} supported={geo.supported} />
        <QueryState isLoading={trials.isLoading} error={trials.error} onRetry={() => void trials.refetch()} />
        {trials.data && sorted.length === 0 && <Text>{t('trials.none')}</Text>}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {sorted.map((trial) => (
            <TrialCard key={trial.id} trial={trial} geo={geo.state} />
          ))}
        </SimpleGrid>
        <SignUpCall />
        <Text size="sm" c="dimmed">
          {t('trials.disclaimer')}
        </Text>
      </Stack>
    </Container>
  );
}
