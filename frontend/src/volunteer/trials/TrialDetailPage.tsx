import { Anchor, Container, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblemError } from '../../api';
import { PageHeading } from '../../components/PageHeading';
import { usePageTitle } from '../../components/usePageTitle';
import { countryName, CriteriaList, formatKm, joinList, useConditionNames } from '../../eligibility';
import { QueryState } from '../components/QueryState';
import { distanceKm } from '../health/places';
import { usePublicTrial } from '../queries';
import { DistanceButton, PhaseBadges, SignUpCall } from './parts';
import { summaryIn, summaryLang } from './summary';
import { useGeolocation } from './useGeolocation';

export default function TrialDetailPage() {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { id = '' } = useParams();
  const trial = usePublicTrial(id);
  const geo = useGeolocation();
  const { nameOf } = useConditionNames();
  usePageTitle(trial.data?.title ?? t('trials.title'));
  const notFound = isProblemError(trial.error) && trial.error.status === 404;

  const sites = (trial.data?.sites ?? []).map((s) => ({
    ...s,
    km:
      geo.state.status === 'known' && s.latitude !== null && s.longitude !== null
        ? distanceKm(geo.state.lat, geo.state.lon, s.latitude, s.longitude)
        : null,
  }));
  if (geo.state.status === 'known') sites.sort((a, b) => (a.km ?? Infinity) - (b.km ?? Infinity));

  return (
    <Container size="md" py={{ base: 'lg', sm: 40 }} px={{ base: 'sm', xs: 'md' }}>
      <Stack gap="lg">
        <Anchor c="blue.9" component={Link} to="/trials" size="sm" fw={600}>
          <IconArrowLeft size={16} aria-hidden style={{ verticalAlign: 'text-bottom', marginInlineEnd: 4 }} />
          {t('trials.backToList')}
        </Anchor>
        {notFound ? (
          <>
            <PageHeading>{t('trials.notFoundTitle')}</PageHeading>
            <Text>{t('trials.notFoundBody')}</Text>
          </>
        ) : (
          <>
            {!trial.data && <PageHeading>{t('trials.title')}</PageHeading>}
            <QueryState isLoading={trial.isLoading} error={trial.error} onRetry={() => void trial.refetch()} />
          </>
        )}
        {trial.data && (
          <>
            <Stack gap="xs">
              <PageHeading style={{ overflowWrap: 'anywhere' }}>{trial.data.title}</PageHeading>
              <Group gap={6}>
                <PhaseBadges phases={trial.data.phases} />
              </Group>
              <Text size="lg" lang={summaryLang(trial.data, lang)}>
                {summaryIn(trial.data, lang)}
              </Text>
            </Stack>
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="facts-heading">
              <Stack gap="xs">
                <Title order={2} size="h3" id="facts-heading">
                  {t('trials.factsTitle')}
                </Title>
                <List spacing={4}>
                  <List.Item>
                    <Text span fw={600}>
                      {t('trials.conditions')}
                    </Text>{' '}
                    {joinList(trial.data.conditions.map(nameOf), lang)}
                  </List.Item>
                  <List.Item>
                    <Text span fw={600}>
                      {t('trials.sponsor')}
                    </Text>{' '}
                    {trial.data.sponsor.name}
                  </List.Item>
                  {trial.data.target_enrollment !== null && (
                    <List.Item>
                      <Text span fw={600}>
                        {t('trials.target')}
                      </Text>{' '}
                      {trial.data.target_enrollment}
                    </List.Item>
                  )}
                  {trial.data.nct_id && (
                    <List.Item>
                      <Text span fw={600}>
                        {t('trials.registry')}
                      </Text>{' '}
                      <Anchor c="blue.9" href={`https://clinicaltrials.gov/study/${trial.data.nct_id}`} target="_blank" rel="noreferrer">
                        {trial.data.nct_id}
                      </Anchor>
                    </List.Item>
                  )}
                </List>
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="criteria-heading">
              <Stack gap="sm">
                <Title order={2} size="h3" id="criteria-heading">
                  {t('trials.criteriaTitle')}
                </Title>
                <Text size="sm">{t('trials.criteriaIntro')}</Text>
                <CriteriaList criteria={trial.data.criteria} headingLevel={3} />
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="sites-heading">
              <Stack gap="sm">
                <Title order={2} size="h3" id="sites-heading">
                  {t('trials.sitesTitle')}
                </Title>
                <DistanceButton geo={geo.state} ask={geo.ask} supported={geo.supported} />
                <Table.ScrollContainer minWidth={320}>
                  <Table striped verticalSpacing="xs" data-testid="sites">
                    <Table.Caption>{t('trials.sitesCaption')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('trials.site')}</Table.Th>
                        <Table.Th scope="col">{t('trials.place')}</Table.Th>
                        {geo.state.status === 'known' && <Table.Th scope="col">{t('trials.distance')}</Table.Th>}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {sites.map((s) => (
                        <Table.Tr key={s.id}>
                          <Table.Td>{s.name}</Table.Td>
                          <Table.Td>
                            {s.city}, {countryName(s.country, lang)}
                          </Table.Td>
                          {geo.state.status === 'known' && <Table.Td>{s.km === null ? '—' : formatKm(s.km, lang)}</Table.Td>}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            </Paper>
            <SignUpCall />
            <Text size="sm" c="dimmed">
              {t('trials.disclaimer')}
            </Text>
          </>
        )}
      </Stack>
    </Container>
  );
}
