import { Accordion, Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconMapPin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countryName, EligibilityExplanation, formatKm, VerdictBadge } from '../../eligibility';
import type { Match, Referral, Volunteer } from '../api';
import { useActiveProfile } from '../activeProfile';
import { NoProfile } from '../components/NoProfile';
import { PageShell } from '../components/PageShell';
import { ProfileSwitcher } from '../components/ProfileSwitcher';
import { QueryState } from '../components/QueryState';
import { useMatches, useReferrals } from '../queries';
import { summaryIn, summaryLang } from '../trials/summary';
import { InterestButton } from './InterestButton';
import { tone } from '../../eligibility/tone';
import { wrapLabel } from '../components/wrap';

function Distance({ match }: { match: Match }) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const nearest = match.nearest_site_km;
  const reach =
    match.within_reach === true ? t('matches.withinReach') : match.within_reach === false ? t('matches.outOfReach') : '';
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <IconMapPin size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Text size="sm">
        {nearest === null
          ? t('matches.distanceUnknown', {
              countries: [...new Set(match.trial.sites.map((s) => countryName(s.country, lang)))].join(', '),
            })
          : nearest < 1
            ? t('matches.nearestSiteClose')
            : t('matches.nearestSite', { distance: formatKm(nearest, lang) })}{' '}
        <Text span size="sm" fw={600}>
          {reach}
        </Text>
      </Text>
    </Group>
  );
}

function MatchCard({ match, profile, referral }: { match: Match; profile: Volunteer; referral?: Referral }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: te } = useTranslation('eligibility');
  const lang = i18n.resolvedLanguage ?? 'en';
  const headingId = `match-${match.trial.id}`;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      aria-labelledby={headingId}
      data-trial={match.trial.id}
      data-testid="match"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} id={headingId} style={{ flex: '1 1 16rem', overflowWrap: 'anywhere' }}>
            {match.trial.title}
          </Title>
          <VerdictBadge verdict={match.result.verdict} audience="volunteer" />
        </Group>
        <Text size="sm" fw={600}>
          {te(`verdict.volunteerHint.${match.result.verdict}`)}
        </Text>
        <Text lang={summaryLang(match.trial, lang)}>{summaryIn(match.trial, lang)}</Text>
        <Distance match={match} />
        <Accordion variant="contained" radius="md" chevronPosition="right">
          <Accordion.Item value="why">
            <Accordion.Control>{t('matches.why')}</Accordion.Control>
            <Accordion.Panel>
              <EligibilityExplanation
                result={match.result}
                audience="volunteer"
                criteria={match.trial.criteria}
                settleLink={(step) => `/volunteer/health?step=${step}`}
                headingLevel={4}
                showVerdict={false}
              />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        <Group gap="sm" align="center">
          {match.result.verdict !== 'ineligible' && <InterestButton profile={profile} trial={match.trial} referral={referral} />}
          <Anchor c="blue.9" component={Link} to={`/trials/${match.trial.id}`} size="sm" fw={600}>
            {t('matches.trialDetails')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function MatchesPage() {
  const { t } = useTranslation('volunteer');
  const { active, isLoading, error } = useActiveProfile();
  const matches = useMatches(active?.id);
  const referrals = useReferrals(!!active);
  const fitting = (matches.data ?? []).filter((m) => m.result.verdict !== 'ineligible');
  const others = (matches.data ?? []).filter((m) => m.result.verdict === 'ineligible');
  const referralFor = (trialId: string) =>
    (referrals.data ?? []).find(
      (r) => r.trial_id === trialId && (r.volunteer_name === undefined || r.volunteer_name === active?.given_name),
    );

  return (
    <PageShell
      title={active ? t('matches.titleFor', { name: active.given_name }) : t('matches.title')}
      intro={t('matches.intro')}
      aside={active ? <ProfileSwitcher /> : undefined}
      size="lg"
    >
      <QueryState isLoading={isLoading || matches.isLoading} error={error ?? matches.error} onRetry={() => void matches.refetch()} />
      {!isLoading && !error && !active && <NoProfile />}
      {active && matches.data === null && (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="sm" align="flex-start">
            <Title order={2}>{t('matches.noProfileTitle')}</Title>
            <Text>{t('matches.noProfileBody')}</Text>
            <Button {...wrapLabel} component={Link} to="/volunteer/health">
              {t('matches.startProfile')}
            </Button>
          </Stack>
        </Paper>
      )}
      {active && matches.data && (
        <>
          {!active.consents.includes('matching') && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t('matches.noConsent', { name: active.given_name })}{' '}
              <Anchor c="blue.9" component={Link} to="/volunteer/consent" fw={600}>
                {t('matches.giveConsent')}
              </Anchor>
            </Alert>
          )}
          <Stack gap="md" component="section" aria-labelledby="fitting-heading">
            <Group gap="xs">
              <Title order={2} id="fitting-heading">
                {t('matches.fittingTitle')}
              </Title>
              <Badge variant="light" {...tone('blue')}>
                {fitting.length}
              </Badge>
            </Group>
            {fitting.length === 0 && <Text>{t('matches.noneFitting')}</Text>}
            {fitting.map((m) => (
              <MatchCard key={m.trial.id} match={m} profile={active} referral={referralFor(m.trial.id)} />
            ))}
          </Stack>
          {others.length > 0 && (
            <Stack gap="md" component="section" aria-labelledby="others-heading">
              <Title order={2} id="others-heading">
                {t('matches.othersTitle')}
              </Title>
              <Text size="sm">{t('matches.othersIntro')}</Text>
              {others.map((m) => (
                <MatchCard key={m.trial.id} match={m} profile={active} referral={referralFor(m.trial.id)} />
              ))}
            </Stack>
          )}
          <Text size="sm" c="dimmed">
            {t('matches.disclaimer')}
          </Text>
        </>
      )}
    </PageShell>
  );
}
