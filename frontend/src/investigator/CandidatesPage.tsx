import {
  Alert,
  Anchor,
  Blockquote,
  Button,
  Container,
  Grid,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck, IconInfoCircle, IconRoute } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isProblemError } from '../api';
import { newIdempotencyKey } from '../api/client';
import { FullPageLoader } from '../components/FullPageLoader';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { FeasibilityCounts } from '../sponsor/shared/Feasibility';
import { useFeasibility } from '../sponsor/shared/useFeasibility';
import { staffProblemText } from '../sponsor/shared/problems';
import type { Candidate, Site, Trial } from '../sponsor/types';
import { invite, listCandidates } from './api';
import { CandidateCard } from './CandidateCard';
import { useStaffTrial } from './useTrial';

function InviteDialog({
  trial,
  sites,
  candidate,
  defaultSite,
  onClose,
  onInvited,
}: {
  trial: Trial;
  sites: Site[];
  candidate: Candidate;
  defaultSite: string;
  onClose: () => void;
  onInvited: (candidateId: string, referralId: string) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [siteId, setSiteId] = useState(defaultSite || sites[0]?.id || '');
  // Pressing "Send" again after a lost answer repeats the same invitation
  // (same key) instead of making a second one. The server keeps every answer
  // under its key, so after a refusal the next try needs a new key.
  const [key, setKey] = useState(newIdempotencyKey);
  const send = useMutation({
    mutationFn: () => invite(trial.id, { candidate_id: candidate.candidate_id, site_id: siteId }, key),
    onSuccess: (referral) => {
      notify(tc, {
        color: 'teal',
        icon: <IconCheck size={18} aria-hidden />,
        message: t('candidates.inviteSent', { id: candidate.candidate_id }),
      });
      onInvited(candidate.candidate_id, referral.id);
    },
    onError: (error) => {
      if (isProblemError(error) && error.status > 0) setKey(newIdempotencyKey());
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">{t('candidates.inviteIntro')}</Text>
      {send.error && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="invite-error">
          {staffProblemText(t, tc, send.error, i18n.language, 'candidates')}
        </Alert>
      )}
      <NativeSelect
        label={t('candidates.inviteSite')}
        value={siteId}
        onChange={(e) => setSiteId(e.currentTarget.value)}
        data={sites.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` }))}
        data-autofocus
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('candidates.inviteMessage')}
        </Text>
        {trial.invitation_message ? (
          <Blockquote p="sm" color="gray" fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {trial.invitation_message}
          </Blockquote>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {t('candidates.noMessage')}
          </Text>
        )}
      </Stack>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => send.mutate()} loading={send.isPending} disabled={!siteId}>
          {t('candidates.sendInvite')}
        </Button>
      </Group>
    </Stack>
  );
}

export default function CandidatesPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const { trialId = '' } = useParams();
  const { query: trialQuery, trial, mySites } = useStaffTrial(trialId);
  usePageTitle(t('candidates.title'));
  const [verdict, setVerdict] = useState('');
  const [siteId, setSiteId] = useState('');
  const [inviting, setInviting] = useState<Candidate | null>(null);
  const [invited, setInvited] = useState<Record<string, string>>({});

  const counts = useFeasibility(trialId);
  const candidates = useInfiniteQuery({
    queryKey: ['candidates', trialId, verdict, siteId],
    queryFn: ({ pageParam, signal }) =>
      listCandidates(trialId, { verdict: verdict || undefined, site_id: siteId || undefined, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: trial !== undefined,
  });

  if (trialQuery.isPending) return <FullPageLoader />;
  if (!trial) {
    return (
      <Container size="md" py="xl" px="md">
        <Stack gap="md">
          <PageHeading>{t('candidates.title')}</PageHeading>
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, trialQuery.error, i18n.language)}
          </Alert>
        </Stack>
      </Container>
    );
  }

  const items = candidates.data?.pages.flatMap((p) => p.items) ?? [];

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
            <PageHeading size="h2">{t('candidates.title')}</PageHeading>
            <Text fw={600}>{trial.title}</Text>
            <Text size="sm">{t('candidates.intro')}</Text>
          </Stack>
          <Button
            component={Link}
            to={`/investigator/trials/${trial.id}/pipeline`}
            variant="default"
            leftSection={<IconRoute size={18} aria-hidden />}
          >
            {t('investigator.pipeline')}
          </Button>
        </Group>
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} p="sm">
          {t('candidates.deidentified')}
        </Alert>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Paper withBorder radius="md" p="sm" component="form" aria-label={t('candidates.filters')} onSubmit={(e) => e.preventDefault()}>
              <Group gap="md" align="flex-end" wrap="wrap">
                <NativeSelect
                  size="sm"
                  label={t('candidates.verdict')}
                  value={verdict}
                  onChange={(e) => setVerdict(e.currentTarget.value)}
                  data={[
                    { value: '', label: t('candidates.verdictAll') },
                    { value: 'eligible', label: t('verdict.eligible') },
                    { value: 'possibly_eligible', label: t('verdict.possibly_eligible') },
                  ]}
                />
                <NativeSelect
                  size="sm"
                  label={t('candidates.site')}
                  value={siteId}
                  onChange={(e) => setSiteId(e.currentTarget.value)}
                  data={[
                    { value: '', label: t('candidates.siteAll') },
                    ...mySites.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
                  ]}
                />
              </Group>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <FeasibilityCounts query={counts} title={t('candidates.feasibilityTitle')} />
          </Grid.Col>
        </Grid>

        {candidates.isPending ? (
          <FullPageLoader />
        ) : candidates.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, candidates.error, i18n.language)}
          </Alert>
        ) : items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('candidates.empty')}</Text>
          </Paper>
        ) : (
          <Stack gap="sm" component="section" aria-label={t('candidates.listLabel')} aria-busy={candidates.isFetching}>
            {items.map((candidate) => (
              <CandidateCard
                key={candidate.candidate_id}
                candidate={candidate}
                criteria={trial.criteria}
                invitedReferralId={invited[candidate.candidate_id]}
                canInvite={mySites.length > 0}
                onInvite={setInviting}
              />
            ))}
          </Stack>
        )}
        {candidates.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void candidates.fetchNextPage()} loading={candidates.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        opened={inviting !== null}
        onClose={() => setInviting(null)}
        title={inviting ? t('candidates.inviteTitle', { id: inviting.candidate_id }) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': tc('common.close') }}
      >
        {inviting && (
          <InviteDialog
            key={inviting.candidate_id}
            trial={trial}
            sites={mySites}
            candidate={inviting}
            defaultSite={siteId}
            onClose={() => setInviting(null)}
            onInvited={(candidateId, referralId) => {
              setInvited((m) => ({ ...m, [candidateId]: referralId }));
              setInviting(null);
            }}
          />
        )}
      </Modal>
    </Container>
  );
}
