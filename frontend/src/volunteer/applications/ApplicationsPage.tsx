import { Accordion, Alert, Anchor, Badge, Blockquote, Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconCheck, IconInfoCircle, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from '../../eligibility/tone';
import { Link } from 'react-router';
import { isProblemError } from '../../api';
import { formatDate } from '../../components/format';
import { notify } from '../../components/notify';
import { problemText } from '../../components/problems';
import { countryName, EligibilityExplanation } from '../../eligibility';
import { volunteerApi, type Referral, type ReferralState, type Volunteer } from '../api';
import { useActiveProfile } from '../activeProfile';
import { ConfirmModal } from '../components/ConfirmModal';
import { PageShell } from '../components/PageShell';
import { QueryState } from '../components/QueryState';
import { keys, useMatches, useReferrals } from '../queries';
import { wrapLabel } from '../components/wrap';

type Action = 'accept' | 'decline' | 'withdraw';

const OPEN_STATES: ReferralState[] = ['invited', 'accepted', 'interested', 'prescreening', 'eligible', 'consented', 'enrolled', 'treated'];

const STATE_COLOR: Record<ReferralState, Tone> = {
  invited: 'blue',
  accepted: 'teal',
  interested: 'teal',
  prescreening: 'blue',
  eligible: 'teal',
  consented: 'teal',
  enrolled: 'teal',
  treated: 'teal',
  completed: 'gray',
  declined: 'gray',
  screen_failed: 'gray',
  withdrawn: 'gray',
};

function History({ referral }: { referral: Referral }) {
  const { t, i18n } = useTranslation('volunteer');
  const events = [...referral.history].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  return (
    <Timeline active={events.length - 1} bulletSize={18} lineWidth={2} color="blue.8">
      {events.map((e, i) => (
        <Timeline.Item key={`${e.occurred_at}-${i}`} title={t(`applications.states.${e.to_state}.short`)}>
          <Text size="xs" c="dimmed">
            {formatDate(e.occurred_at, i18n.language)}
            {' · '}
            {e.actor_role === 'volunteer' ? t('applications.byYou') : e.actor_role ? t('applications.byTeam') : t('applications.bySystem')}
          </Text>
          {e.reason_code && (
            <Text size="xs">{t(`applications.screenFail.${e.reason_code}` as 'applications.screenFail.other')}</Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** Why the research team thinks the trial may fit: the same explanation as
 * on the matches page, for the profile the invitation is for. */
function InvitationExplanation({ referral, profile }: { referral: Referral; profile: Volunteer }) {
  const { t } = useTranslation('volunteer');
  const matches = useMatches(profile.id);
  const match = matches.data?.find((m) => m.trial.id === referral.trial_id);
  if (!match) return null;
  return (
    <Accordion variant="contained" radius="md">
      <Accordion.Item value="why">
        <Accordion.Control>{t('applications.why')}</Accordion.Control>
        <Accordion.Panel>
          <EligibilityExplanation
            result={match.result}
            audience="volunteer"
            criteria={match.trial.criteria}
            settleLink={(step) => `/volunteer/health?step=${step}`}
            headingLevel={4}
          />
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

function ReferralCard({
  referral,
  profile,
  onAct,
}: {
  referral: Referral;
  profile: Volunteer | undefined;
  onAct: (r: Referral, a: Action) => void;
}) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const headingId = `referral-${referral.id}`;
  const canWithdraw = referral.allowed_moves.includes('withdrawn') && referral.state !== 'invited';
  const invited = referral.state === 'invited';
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="article" aria-labelledby={headingId} data-testid="referral" data-state={referral.state}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2} style={{ flex: '1 1 16rem' }}>
            <Title order={3} id={headingId} style={{ overflowWrap: 'anywhere' }}>
              {referral.trial_title}
            </Title>
            {referral.volunteer_name && (
              <Text size="sm" c="dimmed">
                {t('applications.forPerson', { name: referral.volunteer_name })}
              </Text>
            )}
          </Stack>
          <Badge variant="light" {...tone(STATE_COLOR[referral.state])} styles={{ label: { textTransform: 'none' } }}>
            {t(`applications.states.${referral.state}.short`)}
          </Badge>
        </Group>
        <Text>{t(`applications.states.${referral.state}.long`)}</Text>
        {referral.state === 'screen_failed' && referral.screen_fail_reason && (
          <Text size="sm">
            {t('applications.reason', {
              reason: t(`applications.screenFail.${referral.screen_fail_reason}` as 'applications.screenFail.other'),
            })}
          </Text>
        )}
        <Text size="sm">
          {t('applications.site', {
            site: referral.site.name,
            place: `${referral.site.city}, ${countryName(referral.site.country, lang)}`,
          })}
        </Text>
        {referral.invitation_message && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('applications.message')}
            </Text>
            <Blockquote color="blue" p="sm" style={{ whiteSpace: 'pre-line' }}>
              {referral.invitation_message}
            </Blockquote>
          </Stack>
        )}
        {invited && profile && <InvitationExplanation referral={referral} profile={profile} />}
        {referral.identity_released && !invited && (
          <Text size="sm" c="dimmed">
            {t('applications.identityShared')}
          </Text>
        )}
        <Stack gap={4}>
          <Text fw={600} size="sm">
            {t('applications.history')}
          </Text>
          <History referral={referral} />
        </Stack>
        <Group gap="sm">
          {invited && (
            <>
              <Button {...wrapLabel} leftSection={<IconCheck size={18} aria-hidden />} onClick={() => onAct(referral, 'accept')}>
                {t('applications.accept')}
              </Button>
              <Button {...wrapLabel} variant="default" leftSection={<IconX size={18} aria-hidden />} onClick={() => onAct(referral, 'decline')}>
                {t('applications.decline')}
              </Button>
            </>
          )}
          {canWithdraw && (
            <Button {...wrapLabel} variant="default" {...tone('red')} onClick={() => onAct(referral, 'withdraw')}>
              {t('applications.withdraw')}
            </Button>
          )}
          <Anchor c="blue.9" component={Link} to={`/trials/${referral.trial_id}`} size="sm" fw={600}>
            {t('applications.aboutTrial')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}

export default function ApplicationsPage() {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const referrals = useReferrals();
  const { profiles } = useActiveProfile();
  const [pending, setPending] = useState<{ referral: Referral; action: Action } | null>(null);

  const act = useMutation({
    mutationFn: ({ referral, action }: { referral: Referral; action: Action }) => {
      if (action === 'accept') return volunteerApi.accept(referral.id);
      if (action === 'decline') return volunteerApi.decline(referral.id);
      return volunteerApi.withdraw(referral.id, referral.version);
    },
    onSuccess: async (updated, { action }) => {
      setPending(null);
      await queryClient.invalidateQueries({ queryKey: keys.referrals });
      const name = updated.volunteer_name ?? '';
      const message =
        action === 'accept'
          ? t('applications.accepted', { name })
          : action === 'decline'
            ? t('applications.declined')
            : t('applications.withdrawn');
      notify(tShell, { color: 'teal', message, autoClose: action === 'accept' ? 12_000 : 6000 });
    },
    onError: async (error) => {
      if (isProblemError(error) && error.status === 409) await queryClient.invalidateQueries({ queryKey: keys.referrals });
    },
  });

  const items = referrals.data ?? [];
  const invitations = items.filter((r) => r.state === 'invited');
  const open = items.filter((r) => r.state !== 'invited' && OPEN_STATES.includes(r.state));
  const closed = items.filter((r) => !OPEN_STATES.includes(r.state));
  const paused = profiles.filter((p) => p.invitations_paused);
  // A referral names the person by first name only; the profile is known when
  // the name is unambiguous.
  const profileOf = (r: Referral) => {
    const same = profiles.filter((p) => p.given_name === r.volunteer_name);
    return same.length === 1 ? same[0] : undefined;
  };

  const onAct = (referral: Referral, action: Action) => {
    act.reset();
    setPending({ referral, action });
  };

  const errorText = (() => {
    if (!act.error) return null;
    if (isProblemError(act.error) && act.error.code === 'stale_version') return t('applications.stale');
    return problemText(tShell, act.error, i18n.language);
  })();

  const section = (id: string, title: string, list: Referral[], empty: string) => (
    <Stack gap="md" component="section" aria-labelledby={id}>
      <Title order={2} id={id}>
        {title}
      </Title>
      {list.length === 0 ? <Text>{empty}</Text> : list.map((r) => <ReferralCard key={r.id} referral={r} profile={profileOf(r)} onAct={onAct} />)}
    </Stack>
  );

  const name = pending?.referral.volunteer_name ?? '';
  return (
    <PageShell title={t('applications.title')} intro={t('applications.intro')}>
      <QueryState isLoading={referrals.isLoading} error={referrals.error} onRetry={() => void referrals.refetch()} />
      {paused.length > 0 && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('applications.paused', { names: paused.map((p) => p.given_name).join(', ') })}{' '}
          <Anchor c="blue.9" component={Link} to="/volunteer/consent" fw={600}>
            {t('applications.changePause')}
          </Anchor>
        </Alert>
      )}
      {referrals.data && (
        <>
          {section('invitations-heading', t('applications.invitationsTitle'), invitations, t('applications.noInvitations'))}
          {section('open-heading', t('applications.openTitle'), open, t('applications.noOpen'))}
          {closed.length > 0 && section('closed-heading', t('applications.closedTitle'), closed, '')}
          <Text size="sm">
            {t('applications.findMore')}{' '}
            <Anchor c="blue.9" component={Link} to="/volunteer/matches" fw={600}>
              {t('applications.seeMatches')}
            </Anchor>
          </Text>
        </>
      )}
      <ConfirmModal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={pending ? t(`applications.confirm.${pending.action}.title`) : ''}
        confirmLabel={pending ? t(`applications.confirm.${pending.action}.button`) : ''}
        onConfirm={() => pending && act.mutate(pending)}
        loading={act.isPending}
        danger={pending?.action !== 'accept'}
        error={errorText}
      >
        <Text fw={600}>{pending?.referral.trial_title}</Text>
        <Text>{pending ? t(`applications.confirm.${pending.action}.body`, { name }) : ''}</Text>
      </ConfirmModal>
    </PageShell>
  );
}
