import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Anchor,
  Button,
  Container,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { isProblemError } from '../api';
import { FullPageLoader } from '../components/FullPageLoader';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { getTrial, trialKeys } from '../sponsor/api';
import { flattenIds } from '../sponsor/criteria/model';
import { StateBadge } from '../sponsor/shared/badges';
import { messageText } from '../sponsor/shared/forms';
import { formatDateTime, label, type StaffT } from '../sponsor/shared/labels';
import { SCREEN_FAIL_REASONS, type Referral } from '../sponsor/types';
import { getReferral, transition } from './api';

// The order in which the site's next steps are offered: forward first.
const MOVE_ORDER = ['prescreening', 'eligible', 'consented', 'enrolled', 'treated', 'completed', 'screen_failed', 'withdrawn'];

function moveLabel(t: StaffT, to: string): string {
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(`referral.moves.${to}`, { defaultValue: label(t, 'states', to) });
}

const moveSchema = z
  .object({
    to: z.string(),
    reason_code: z.string(),
    criterion_id: z.string(),
    note: z.string().max(2000, 'problems.too_long'),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'screen_failed' && !v.reason_code) {
      ctx.addIssue({ code: 'custom', path: ['reason_code'], message: 'common.required' });
    }
    if (v.to === 'withdrawn' && v.note.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'common.required' });
    }
  });
type MoveValues = z.infer<typeof moveSchema>;

function MoveForm({
  referral,
  to,
  criterionIds,
  onDone,
  onStale,
}: {
  referral: Referral;
  to: string;
  criterionIds: string[];
  onDone: (updated: Referral) => void;
  onStale: (message: string) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<MoveValues>({
    resolver: zodResolver(moveSchema),
    defaultValues: { to, reason_code: '', criterion_id: '', note: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await transition(referral.id, {
        to,
        version: referral.version,
        ...(to === 'screen_failed' ? { reason_code: values.reason_code as (typeof SCREEN_FAIL_REASONS)[number] } : {}),
        ...(to === 'screen_failed' && values.criterion_id ? { criterion_id: values.criterion_id } : {}),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      });
      onDone(updated);
    } catch (error) {
      if (isProblemError(error) && error.status === 409) {
        onStale(error.code === 'stale_version' ? t('referral.stale') : t('referral.invalid_transition'));
        return;
      }
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  const noteRequired = to === 'withdrawn';
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t('referral.dialogIntro', { from: label(t, 'states', referral.state), to: label(t, 'states', to) })}
        </Text>
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {formError}
          </Alert>
        )}
        {to === 'screen_failed' && (
          <>
            <NativeSelect
              label={t('referral.reasonCode')}
              required
              data-autofocus
              data={[
                { value: '', label: t('common.none') },
                ...SCREEN_FAIL_REASONS.map((r) => ({ value: r, label: label(t, 'screenFail', r) })),
              ]}
              {...register('reason_code')}
              error={messageText(t, errors.reason_code?.message)}
            />
            <NativeSelect
              label={t('referral.criterion')}
              data={[{ value: '', label: t('referral.noCriterion') }, ...criterionIds.map((id) => ({ value: id, label: id }))]}
              {...register('criterion_id')}
            />
          </>
        )}
        <Textarea
          label={noteRequired ? t('referral.noteRequired') : t('referral.note')}
          required={noteRequired}
          autosize
          minRows={2}
          maxLength={2000}
          data-autofocus={to !== 'screen_failed' ? true : undefined}
          {...register('note')}
          error={messageText(t, errors.note?.message)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(referral)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting} color={to === 'screen_failed' || to === 'withdrawn' ? 'red' : undefined}>
            {t('referral.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Fact({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" component="dt">
        {title}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export default function ReferralPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const { referralId = '' } = useParams();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Each read of a released identity is audited: read once, on purpose, not
  // again on every window focus.
  const query = useQuery({
    queryKey: ['referral', referralId],
    queryFn: ({ signal }) => getReferral(referralId, signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const referral = query.data;
  const trial = useQuery({
    queryKey: trialKeys.one(referral?.trial_id ?? ''),
    queryFn: ({ signal }) => getTrial(referral?.trial_id ?? '', signal),
    enabled: referral !== undefined,
  });
  usePageTitle(referral ? t('referral.title', { id: referral.candidate_id }) : t('pipeline.title'));

  if (query.isPending) return <FullPageLoader />;
  if (!referral) {
    return (
      <Container size="md" py="xl" px="md">
        <Stack gap="md">
          <PageHeading>{t('pipeline.title')}</PageHeading>
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, query.error, i18n.language)}
          </Alert>
        </Stack>
      </Container>
    );
  }

  const moves = [...referral.allowed_moves].sort((a, b) => MOVE_ORDER.indexOf(a) - MOVE_ORDER.indexOf(b));
  const identity = referral.identity;

  const afterMove = (updated: Referral) => {
    setMoving(null);
    if (updated === referral) return;
    setNotice(null);
    queryClient.setQueryData(['referral', referralId], updated);
    void queryClient.invalidateQueries({ queryKey: ['referrals'] });
    notify(tc, {
      color: 'teal',
      icon: <IconCheck size={18} aria-hidden />,
      message: t('referral.moved', { state: label(t, 'states', updated.state) }),
    });
  };

  return (
    <Container size="lg" py={{ base: 'lg', sm: 28 }} px="md">
      <Stack gap="md">
        <Anchor component={Link} to={`/investigator/trials/${referral.trial_id}/pipeline`} size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('referral.back')}
          </Group>
        </Anchor>
        <Stack gap={6}>
          <Group gap="sm">
            <PageHeading size="h2">{t('referral.title', { id: referral.candidate_id })}</PageHeading>
            <StateBadge state={referral.state} size="lg" data-testid="referral-state" />
          </Group>
          <Text fw={600}>{referral.trial_title}</Text>
        </Stack>

        {notice && (
          <Alert color="orange" icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="referral-notice" withCloseButton closeButtonLabel={tc('common.close')} onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}

        <Paper withBorder radius="md" p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} component="dl" m={0} spacing="md">
            <Fact title={t('referral.site')}>
              {referral.site.name} ({referral.site.city})
            </Fact>
            <Fact title={t('referral.origin')}>{label(t, 'origins', referral.origin)}</Fact>
            <Fact title={t('referral.created')}>{formatDateTime(referral.created_at, i18n.language)}</Fact>
            {referral.screen_fail_reason && (
              <Fact title={t('referral.screenFailReason')}>{label(t, 'screenFail', referral.screen_fail_reason)}</Fact>
            )}
          </SimpleGrid>
        </Paper>

        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="identity-title" data-testid="identity">
          <Stack gap="sm">
            <Title order={2} size="h4" id="identity-title">
              {t('referral.identityTitle')}
            </Title>
            {identity ? (
              <>
                <Alert color="blue" icon={<IconShieldCheck aria-hidden />} p="xs">
                  {t('referral.identityAudited')}
                </Alert>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0} spacing="md">
                  <Fact title={t('referral.givenName')}>{identity.given_name}</Fact>
                  <Fact title={t('referral.familyName')}>{identity.family_name}</Fact>
                  <Fact title={t('referral.email')}>{identity.email ?? t('common.none')}</Fact>
                  <Fact title={t('referral.phone')}>{identity.phone ?? t('common.none')}</Fact>
                  <Fact title={t('referral.language')}>
                    {tc(`languages.${identity.preferred_language as 'en'}`, { defaultValue: identity.preferred_language })}
                  </Fact>
                </SimpleGrid>
              </>
            ) : (
              <Group gap="xs" wrap="nowrap">
                <IconLock size={18} aria-hidden />
                <Text size="sm">{t('referral.identityHidden')}</Text>
              </Group>
            )}
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="actions-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="actions-title">
              {t('referral.actionsTitle')}
            </Title>
            {moves.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('referral.noMoves')}
              </Text>
            ) : (
              <Group gap="xs">
                {moves.map((to) => (
                  <Button
                    key={to}
                    variant={to === 'screen_failed' || to === 'withdrawn' ? 'outline' : 'filled'}
                    color={to === 'screen_failed' || to === 'withdrawn' ? 'red' : undefined}
                    onClick={() => setMoving(to)}
                    data-move={to}
                  >
                    {moveLabel(t, to)}
                  </Button>
                ))}
              </Group>
            )}
          </Stack>
        </Paper>

        <Paper withBorder radius="md" component="section" aria-labelledby="history-title">
          <Stack gap={0}>
            <Title order={2} size="h4" id="history-title" p="md" pb="xs">
              {t('referral.historyTitle')}
            </Title>
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" horizontalSpacing="md" striped>
                <VisuallyHidden component="caption">{t('referral.historyCaption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('referral.colWhen')}</Table.Th>
                    <Table.Th scope="col">{t('referral.colFrom')}</Table.Th>
                    <Table.Th scope="col">{t('referral.colTo')}</Table.Th>
                    <Table.Th scope="col">{t('referral.colBy')}</Table.Th>
                    <Table.Th scope="col">{t('referral.colReason')}</Table.Th>
                    <Table.Th scope="col">{t('referral.colNote')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {referral.history.map((e, i) => (
                    <Table.Tr key={`${e.occurred_at}-${i}`}>
                      <Table.Th scope="row" fw={400}>
                        {formatDateTime(e.occurred_at, i18n.language)}
                      </Table.Th>
                      <Table.Td>{e.from_state ? label(t, 'states', e.from_state) : t('common.none')}</Table.Td>
                      <Table.Td>{label(t, 'states', e.to_state)}</Table.Td>
                      <Table.Td>{label(t, 'actorRoles', e.actor_role ?? 'system')}</Table.Td>
                      <Table.Td>
                        {e.reason_code ? label(t, 'screenFail', e.reason_code) : t('common.none')}
                        {e.criterion_id && (
                          <Text span ff="monospace" size="xs">
                            {' '}
                            ({e.criterion_id})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{e.note ?? t('common.none')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Paper>
      </Stack>
      <Modal
        opened={moving !== null}
        onClose={() => setMoving(null)}
        title={moving ? t('referral.dialogTitle', { state: label(t, 'states', moving) }) : ''}
        closeButtonProps={{ 'aria-label': tc('common.close') }}
      >
        {moving && (
          <MoveForm
            referral={referral}
            to={moving}
            criterionIds={flattenIds(trial.data?.criteria ?? [])}
            onDone={afterMove}
            onStale={(message) => {
              setMoving(null);
              setNotice(message);
              void query.refetch();
            }}
          />
        )}
      </Modal>
    </Container>
  );
}
