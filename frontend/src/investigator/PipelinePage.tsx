import {
  Alert,
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconUsersGroup } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { FhirExportButton } from '../sponsor/RecruitmentSection';
import { StateBadge } from '../sponsor/shared/badges';
import { formatDateTime, label } from '../sponsor/shared/labels';
import { REFERRAL_STATES } from '../sponsor/types';
import { listReferrals } from './api';
import { useStaffTrial } from './useTrial';

export default function PipelinePage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const { trialId = '' } = useParams();
  const { query: trialQuery, trial, mySites } = useStaffTrial(trialId);
  usePageTitle(t('pipeline.title'));
  const [siteId, setSiteId] = useState('');
  const [state, setState] = useState('');

  const referrals = useInfiniteQuery({
    queryKey: ['referrals', trialId, siteId, state],
    queryFn: ({ pageParam, signal }) =>
      listReferrals(
        { trial_id: trialId, site_id: siteId || undefined, state: state || undefined, cursor: pageParam, limit: 100 },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

  if (trialQuery.isPending) return <FullPageLoader />;
  if (!trial) {
    return (
      <Container size="md" py="xl" px="md">
        <Stack gap="md">
          <PageHeading>{t('pipeline.title')}</PageHeading>
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, trialQuery.error, i18n.language)}
          </Alert>
        </Stack>
      </Container>
    );
  }

  const items = referrals.data?.pages.flatMap((p) => p.items) ?? [];
  const complete = referrals.isSuccess && !referrals.hasNextPage;
  const byState = REFERRAL_STATES.map((s) => ({ state: s, count: items.filter((r) => r.state === s).length })).filter(
    (x) => x.count > 0,
  );
  // Newest activity first, as a coordinator works through the list.
  const sorted = [...items].sort((a, b) => b.updated_at.localeCompare(a.updated_at));

  return (
    <Container size="xl" py={{ base: 'lg', sm: 28 }} px="md">
      <Stack gap="md">
        <Anchor component={Link} to="/investigator/trials" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('investigator.trialsTitle')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <Stack gap={4} maw={900}>
            <PageHeading size="h2">{t('pipeline.title')}</PageHeading>
            <Text fw={600}>{trial.title}</Text>
            <Text size="sm">{t('pipeline.intro')}</Text>
          </Stack>
          <Group gap="sm">
            <Button
              component={Link}
              to={`/investigator/trials/${trial.id}/candidates`}
              variant="default"
              leftSection={<IconUsersGroup size={18} aria-hidden />}
            >
              {t('investigator.candidates')}
            </Button>
            <FhirExportButton trialId={trial.id} label={t('pipeline.fhir')} />
          </Group>
        </Group>

        <Paper withBorder radius="md" p="sm" component="form" aria-label={t('candidates.filters')} onSubmit={(e) => e.preventDefault()}>
          <Group gap="md" align="flex-end" wrap="wrap">
            <NativeSelect
              size="sm"
              label={t('pipeline.site')}
              value={siteId}
              onChange={(e) => setSiteId(e.currentTarget.value)}
              data={[
                { value: '', label: t('pipeline.siteAll') },
                ...mySites.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
              ]}
            />
            <NativeSelect
              size="sm"
              label={t('pipeline.state')}
              value={state}
              onChange={(e) => setState(e.currentTarget.value)}
              data={[
                { value: '', label: t('pipeline.stateAll') },
                ...REFERRAL_STATES.map((s) => ({ value: s, label: label(t, 'states', s) })),
              ]}
            />
          </Group>
        </Paper>

        {complete && byState.length > 0 && (
          <Stack gap={6} component="section" aria-labelledby="board-title">
            <Title order={2} size="h5" id="board-title">
              {t('pipeline.board')}
            </Title>
            <Group gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {byState.map((x) => (
                <li key={x.state}>
                  <Button
                    size="compact-sm"
                    variant={state === x.state ? 'filled' : 'light'}
                    onClick={() => setState(state === x.state ? '' : x.state)}
                    aria-pressed={state === x.state}
                    rightSection={
                      <Badge size="sm" variant="white" color="dark" circle>
                        {x.count}
                      </Badge>
                    }
                  >
                    {label(t, 'states', x.state)}
                  </Button>
                </li>
              ))}
            </Group>
          </Stack>
        )}

        {referrals.isPending ? (
          <FullPageLoader />
        ) : referrals.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, referrals.error, i18n.language)}
          </Alert>
        ) : sorted.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('pipeline.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
                <VisuallyHidden component="caption">{t('pipeline.caption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('pipeline.colCandidate')}</Table.Th>
                    <Table.Th scope="col">{t('pipeline.colState')}</Table.Th>
                    <Table.Th scope="col">{t('pipeline.colSite')}</Table.Th>
                    <Table.Th scope="col">{t('pipeline.colOrigin')}</Table.Th>
                    <Table.Th scope="col">{t('pipeline.colUpdated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted.map((r) => (
                    <Table.Tr key={r.id} data-referral-id={r.id} data-candidate-id={r.candidate_id}>
                      <Table.Th scope="row">
                        <Anchor
                          component={Link}
                          to={`/investigator/referrals/${r.id}`}
                          ff="monospace"
                          fw={600}
                          aria-label={t('pipeline.open', { id: r.candidate_id })}
                        >
                          {r.candidate_id}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        <StateBadge state={r.state} />
                      </Table.Td>
                      <Table.Td>
                        {r.site.name}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          ({r.site.city})
                        </Text>
                      </Table.Td>
                      <Table.Td>{label(t, 'origins', r.origin)}</Table.Td>
                      <Table.Td>{formatDateTime(r.updated_at, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {referrals.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void referrals.fetchNextPage()} loading={referrals.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Container>
  );
}
