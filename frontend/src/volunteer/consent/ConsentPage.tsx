import { Alert, Anchor, Badge, Button, Group, Paper, Spoiler, Stack, Switch, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { Link } from 'react-router';
import { formatDate } from '../../components/format';
import { notify } from '../../components/notify';
import { problemText } from '../../components/problems';
import { currentLanguage } from '../../i18n';
import { volunteerApi, type ConsentScope, type ConsentText, type Volunteer } from '../api';
import { useActiveProfile } from '../activeProfile';
import { ConfirmModal } from '../components/ConfirmModal';
import { NoProfile } from '../components/NoProfile';
import { PageShell } from '../components/PageShell';
import { ProfileSwitcher } from '../components/ProfileSwitcher';
import { QueryState } from '../components/QueryState';
import { keys, useConsents, useConsentTexts } from '../queries';
import { wrapLabel } from '../components/wrap';

function ScopeCard({ profile, text, grantedAt }: { profile: Volunteer; text: ConsentText; grantedAt: string | null }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const scope = text.scope;
  const given = grantedAt !== null;
  const dependent = profile.relationship !== 'self';
  const headingId = `consent-${scope}`;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: keys.consents(profile.id) });
    await queryClient.invalidateQueries({ queryKey: keys.volunteers });
  };

  const grant = useMutation({
    mutationFn: () => volunteerApi.grantConsent(profile.id, { scope, version: text.version, locale: text.locale }),
    onSuccess: async () => {
      await refresh();
      notify(tShell, { color: 'teal', message: t(`consent.granted.${scope}`, { name: profile.given_name }) });
    },
  });
  const withdraw = useMutation({
    mutationFn: () => volunteerApi.withdrawConsent(profile.id, scope),
    onSuccess: async () => {
      setConfirming(false);
      await refresh();
      notify(tShell, { color: 'teal', message: t(`consent.withdrawn.${scope}`, { name: profile.given_name }) });
    },
  });

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={headingId} data-scope={scope}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={2} size="h3" id={headingId} style={{ flex: '1 1 14rem' }}>
            {t(`consent.scopes.${scope}.title`)}
          </Title>
          <Badge
            variant="light"
            {...tone(given ? 'teal' : 'gray')}
            leftSection={given ? <IconCircleCheck size={14} aria-hidden /> : null}
            styles={{ label: { textTransform: 'none' } }}
          >
            {given ? t('consent.given', { date: formatDate(grantedAt, i18n.language) }) : t('consent.notGiven')}
          </Badge>
        </Group>
        <Text>{t(`consent.scopes.${scope}.plain`)}</Text>
        <Paper bg="gray.0" p="sm" radius="md">
          <Stack gap={6}>
            <Text fw={600} size="sm">
              {t('consent.fullText', { title: text.title, version: text.version })}
            </Text>
            <Spoiler maxHeight={96} showLabel={t('consent.readMore')} hideLabel={t('consent.readLess')}>
              <Text size="sm" style={{ whiteSpace: 'pre-line' }} lang={text.locale}>
                {text.body}
              </Text>
            </Spoiler>
          </Stack>
        </Paper>
        {dependent && (
          <Text size="sm" c="dimmed">
            {t('consent.guardian', { name: profile.given_name })}
          </Text>
        )}
        {(grant.error || withdraw.error) && !confirming && (
          <Alert color="red" role="alert">
            {problemText(tShell, grant.error ?? withdraw.error, i18n.language)}
          </Alert>
        )}
        <Group>
          {given ? (
            <Button {...wrapLabel} variant="default" onClick={() => setConfirming(true)}>
              {t(`consent.withdraw.${scope}`)}
            </Button>
          ) : (
            <Button {...wrapLabel} onClick={() => grant.mutate()} loading={grant.isPending}>
              {dependent ? t(`consent.grantFor.${scope}`, { name: profile.given_name }) : t(`consent.grant.${scope}`)}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t(`consent.withdrawTitle.${scope}`)}
        confirmLabel={t(`consent.withdraw.${scope}`)}
        onConfirm={() => withdraw.mutate()}
        loading={withdraw.isPending}
        error={withdraw.error ? problemText(tShell, withdraw.error, i18n.language) : null}
      >
        <Text>{t(`consent.withdrawBody.${scope}`, { name: profile.given_name })}</Text>
      </ConfirmModal>
    </Paper>
  );
}

function PauseInvitations({ profile }: { profile: Volunteer }) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const pause = useMutation({
    mutationFn: (paused: boolean) => volunteerApi.update(profile.id, { invitations_paused: paused }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.volunteers });
      notify(tShell, {
        color: 'teal',
        message: saved.invitations_paused ? t('consent.pausedOn') : t('consent.pausedOff'),
      });
    },
  });
  const checked = pause.isPending ? (pause.variables ?? profile.invitations_paused) : profile.invitations_paused;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="pause-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="pause-heading">
          {t('consent.pauseTitle')}
        </Title>
        <Text>{t('consent.pauseBody')}</Text>
        <Switch
          size="md"
          label={t('consent.pauseLabel')}
          checked={checked}
          disabled={pause.isPending}
          onChange={(e) => pause.mutate(e.currentTarget.checked)}
        />
        {pause.error && (
          <Alert color="red" role="alert">
            {problemText(tShell, pause.error, i18n.language)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

export default function ConsentPage() {
  const { t } = useTranslation('volunteer');
  const { active, isLoading, error } = useActiveProfile();
  const locale = currentLanguage();
  const texts = useConsentTexts(locale);
  const consents = useConsents(active?.id);

  const grantedAt = (scope: ConsentScope): string | null => {
    if (!consents.data?.active.includes(scope)) return null;
    const current = consents.data.items.find((c) => c.scope === scope && c.withdrawn_at === null);
    return current?.granted_at ?? '';
  };

  return (
    <PageShell
      title={active ? t('consent.titleFor', { name: active.given_name }) : t('consent.title')}
      intro={t('consent.intro')}
      aside={active ? <ProfileSwitcher /> : undefined}
    >
      <QueryState
        isLoading={isLoading || texts.isLoading || consents.isLoading}
        error={error ?? texts.error ?? consents.error}
        onRetry={() => {
          void texts.refetch();
          void consents.refetch();
        }}
      />
      {!isLoading && !error && !active && <NoProfile />}
      {active && texts.data && consents.data && (
        <>
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t('consent.privacy')}
          </Alert>
          {texts.data
            .slice()
            .sort((a, b) => (a.scope === 'matching' ? -1 : b.scope === 'matching' ? 1 : 0))
            .map((text) => (
              <ScopeCard key={`${text.scope}-${text.version}`} profile={active} text={text} grantedAt={grantedAt(text.scope)} />
            ))}
          <PauseInvitations profile={active} />
          <Text size="sm">
            {t('consent.nextStep')}{' '}
            <Anchor component={Link} to="/volunteer/matches" c="blue.9" fw={600}>
              {t('consent.seeMatches')}
            </Anchor>
          </Text>
        </>
      )}
    </PageShell>
  );
}
