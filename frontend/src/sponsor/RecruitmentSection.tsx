import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconCheck, IconDownload, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { notify } from '../components/notify';
import { problemText } from '../components/problems';
import { addEthicsApproval, getFhirBundle, setInvitationMessage, trialKeys } from './api';
import { saveJson } from './shared/download';
import { messageText, placeServerErrors } from './shared/forms';
import { formatDay, todayIso } from './shared/labels';
import { fieldProblems, fieldProblemText } from './shared/problems';
import type { Trial } from './types';

const messageSchema = z.object({ message: z.string().max(2000, 'recruitment.too_long') });

function InvitationMessageForm({ trial }: { trial: Trial }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<{ message: string }>({
    resolver: zodResolver(messageSchema),
    defaultValues: { message: trial.invitation_message },
  });
  const length = useWatch({ control, name: 'message' }).length;

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const updated = await setInvitationMessage(trial.id, values.message);
      queryClient.setQueryData(trialKeys.one(trial.id), updated);
      reset({ message: updated.invitation_message });
      notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('recruitment.messageSaved') });
    } catch (error) {
      const problem = fieldProblems(error).find((p) => p.field === 'invitation_message');
      if (problem) {
        setError('message', { type: 'server', message: fieldProblemText(t, problem, 'recruitment') }, { shouldFocus: true });
        return;
      }
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="message-title">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={!trial.can_edit} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <Title order={2} size="h3" id="message-title">
              {t('recruitment.messageTitle')}
            </Title>
            <Text size="sm">{t('recruitment.messageIntro')}</Text>
            {formError && (
              <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
                {formError}
              </Alert>
            )}
            <Textarea
              label={t('recruitment.message')}
              description={t('recruitment.messageCount', { count: length })}
              autosize
              minRows={4}
              maxRows={12}
              {...register('message')}
              error={messageText(t, errors.message?.message)}
            />
            {trial.can_edit && (
              <Group>
                <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
                  {t('common.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Paper>
  );
}

const ethicsSchema = z
  .object({
    site_id: z.string(),
    reference: z.string().trim().min(1, 'common.required').max(200, 'problems.too_long'),
    approving_body: z.string().trim().min(1, 'common.required').max(300, 'problems.too_long'),
    approved_on: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/, 'problems.invalid'),
    expires_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'common.required'),
  })
  .refine((v) => !v.approved_on || v.approved_on <= v.expires_on, {
    path: ['expires_on'],
    message: 'recruitment.before_approval',
  });
type EthicsValues = z.infer<typeof ethicsSchema>;

function EthicsForm({ trial, onDone }: { trial: Trial; onDone: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<EthicsValues>({
    resolver: zodResolver(ethicsSchema),
    defaultValues: { site_id: '', reference: '', approving_body: '', approved_on: todayIso(), expires_on: '' },
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await addEthicsApproval(trial.id, {
        site_id: values.site_id || null,
        reference: values.reference.trim(),
        approving_body: values.approving_body.trim(),
        approved_on: values.approved_on || null,
        expires_on: values.expires_on,
      });
      await queryClient.invalidateQueries({ queryKey: trialKeys.one(trial.id) });
      notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('recruitment.recorded') });
      onDone();
    } catch (error) {
      const fields = ['site_id', 'reference', 'approving_body', 'approved_on', 'expires_on'] as const;
      if (placeServerErrors(error, setError, fields, t, 'recruitment')) return;
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {formError}
          </Alert>
        )}
        <NativeSelect
          label={t('recruitment.site')}
          data={[
            { value: '', label: t('recruitment.allSites') },
            ...trial.sites.map((s) => ({ value: s.id, label: `${s.name} (${s.city})` })),
          ]}
          {...register('site_id')}
          error={messageText(t, errors.site_id?.message)}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('recruitment.reference')}
            required
            {...register('reference')}
            error={messageText(t, errors.reference?.message)}
          />
          <TextInput
            label={t('recruitment.approvingBody')}
            required
            {...register('approving_body')}
            error={messageText(t, errors.approving_body?.message)}
          />
          <TextInput
            type="date"
            label={t('recruitment.approvedOn')}
            max={todayIso()}
            {...register('approved_on')}
            error={messageText(t, errors.approved_on?.message)}
          />
          <TextInput
            type="date"
            label={t('recruitment.expiresOn')}
            required
            {...register('expires_on')}
            error={messageText(t, errors.expires_on?.message)}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting}>
            {t('recruitment.addApproval')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EthicsApprovals({ trial }: { trial: Trial }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [adding, setAdding] = useState(false);
  const approvals = trial.ethics_approvals ?? [];
  const today = todayIso();
  const siteName = (id: string | null) =>
    id === null ? t('recruitment.allSites') : (trial.sites.find((s) => s.id === id)?.name ?? id);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="ethics-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Stack gap={2}>
            <Title order={2} size="h3" id="ethics-title">
              {t('recruitment.ethicsTitle')}
            </Title>
            <Text size="sm">{t('recruitment.ethicsIntro')}</Text>
          </Stack>
          {trial.can_edit && (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
              {t('recruitment.addApproval')}
            </Button>
          )}
        </Group>
        {approvals.length === 0 ? (
          <Text c="dimmed">{t('recruitment.ethicsEmpty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" striped>
              <VisuallyHidden component="caption">{t('recruitment.ethicsCaption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('recruitment.colSite')}</Table.Th>
                  <Table.Th scope="col">{t('recruitment.colReference')}</Table.Th>
                  <Table.Th scope="col">{t('recruitment.colBody')}</Table.Th>
                  <Table.Th scope="col">{t('recruitment.colApproved')}</Table.Th>
                  <Table.Th scope="col">{t('recruitment.colExpires')}</Table.Th>
                  <Table.Th scope="col">{t('recruitment.colState')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {approvals.map((a) => {
                  const inForce = a.expires_on >= today;
                  return (
                    <Table.Tr key={a.id}>
                      <Table.Th scope="row">{siteName(a.site_id)}</Table.Th>
                      <Table.Td>{a.reference}</Table.Td>
                      <Table.Td>{a.approving_body}</Table.Td>
                      <Table.Td>{formatDay(a.approved_on, i18n.language)}</Table.Td>
                      <Table.Td>{formatDay(a.expires_on, i18n.language)}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={inForce ? 'teal' : 'gray'} c="dark.8" tt="none">
                          {inForce ? t('recruitment.inForce') : t('recruitment.expired')}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('recruitment.addApproval')}
        size="lg"
        closeButtonProps={{ 'aria-label': tc('common.close') }}
      >
        <EthicsForm trial={trial} onDone={() => setAdding(false)} />
      </Modal>
    </Paper>
  );
}

/** The referrals of a trial as a FHIR R4 Bundle, downloaded with the bearer token. */
export function FhirExportButton({ trialId, label }: { trialId: string; label: string }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const exportBundle = useMutation({
    mutationFn: () => getFhirBundle(trialId),
    onSuccess: (bundle) => {
      saveJson(`trial-${trialId}-referrals.fhir.json`, bundle);
      notify(tc, { color: 'teal', message: t('recruitment.fhirDone') });
    },
    onError: (error) => notify(tc, { color: 'red', message: problemText(tc, error, i18n.language) }),
  });
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden />}
      onClick={() => exportBundle.mutate()}
      loading={exportBundle.isPending}
    >
      {label}
    </Button>
  );
}

export function RecruitmentSection({ trial }: { trial: Trial }) {
  const { t } = useTranslation('staff');
  return (
    <Stack gap="md">
      <InvitationMessageForm trial={trial} />
      <EthicsApprovals trial={trial} />
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="export-title">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h3" id="export-title">
            {t('recruitment.exportTitle')}
          </Title>
          <Text size="sm">{t('recruitment.exportIntro')}</Text>
          <FhirExportButton trialId={trial.id} label={t('recruitment.fhir')} />
        </Stack>
      </Paper>
    </Stack>
  );
}
