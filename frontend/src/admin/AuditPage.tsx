import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Autocomplete,
  Button,
  Code,
  Container,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle, IconDownload, IconFilter, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { FullPageLoader } from '../components/FullPageLoader';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { saveFile } from '../sponsor/shared/download';
import { messageText } from '../sponsor/shared/forms';
import { fieldProblems, fieldProblemText } from '../sponsor/shared/problems';
import { formatDateTime, label } from '../sponsor/shared/labels';
import type { AuditFilter } from '../sponsor/types';
import { exportAuditCsv, listAuditEvents } from './api';

const ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.register',
  'auth.logout',
  'auth.refresh_token_reused',
  'admin.user_approved',
  'volunteer.profile_read',
  'volunteer.deleted',
  'consent.granted',
  'consent.withdrawn',
  'account.exported',
  'account.deleted',
  'trial.imported',
  'trial.site_staff_added',
  'trial.ethics_recorded',
  'referral.transition',
  'referral.identity_read',
];
const SUBJECT_TYPES = ['user', 'volunteer', 'trial', 'trial_site', 'referral'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const filterSchema = z
  .object({
    actor_id: z.string().trim().refine((v) => v === '' || UUID.test(v), 'problems.invalid'),
    action: z.string().trim().max(100, 'problems.too_long'),
    subject_type: z.string().trim().max(100, 'problems.too_long'),
    subject_id: z.string().trim().max(200, 'problems.too_long'),
    from: z.string(),
    to: z.string(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'problems.min_above_max' });
type FilterValues = z.infer<typeof filterSchema>;

const EMPTY: FilterValues = { actor_id: '', action: '', subject_type: '', subject_id: '', from: '', to: '' };

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The form's values as the API's filter: "to" includes the whole day chosen. */
function toFilter(values: FilterValues): AuditFilter {
  const filter: AuditFilter = {};
  if (values.actor_id.trim()) filter.actor_id = values.actor_id.trim();
  if (values.action.trim()) filter.action = values.action.trim();
  if (values.subject_type.trim()) filter.subject_type = values.subject_type.trim();
  if (values.subject_id.trim()) filter.subject_id = values.subject_id.trim();
  if (values.from) filter.from = values.from;
  if (values.to) filter.to = nextDay(values.to);
  return filter;
}

export default function AuditPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('audit.title'));
  const [filter, setFilter] = useState<AuditFilter>({});
  const {
    register,
    control,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<FilterValues>({ resolver: zodResolver(filterSchema), defaultValues: EMPTY });

  const events = useInfiniteQuery({
    queryKey: ['admin', 'audit', filter],
    queryFn: ({ pageParam, signal }) => listAuditEvents(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    retry: false,
  });

  const exportCsv = useMutation({
    mutationFn: () => exportAuditCsv(filter),
    onSuccess: (blob) => {
      saveFile(`audit-events-${new Date().toISOString().slice(0, 10)}.csv`, blob);
      notify(tc, { color: 'teal', message: t('audit.exported') });
    },
    onError: (error) => notify(tc, { color: 'red', message: problemText(tc, error, i18n.language) }),
  });

  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Container size="xl" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <Stack gap="xs">
            <PageHeading>{t('audit.title')}</PageHeading>
            <Text>{t('audit.intro')}</Text>
          </Stack>
          <Button
            variant="default"
            leftSection={<IconDownload size={18} aria-hidden />}
            onClick={() => exportCsv.mutate()}
            loading={exportCsv.isPending}
          >
            {t('audit.exportCsv')}
          </Button>
        </Group>

        <Paper withBorder radius="md" p="md">
          <form
            aria-label={t('audit.filters')}
            onSubmit={(e) => void handleSubmit((values) => setFilter(toFilter(values)))(e)}
            noValidate
          >
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                <Controller
                  control={control}
                  name="action"
                  render={({ field }) => (
                    <Autocomplete
                      size="sm"
                      label={t('audit.action')}
                      data={ACTIONS}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      error={messageText(t, errors.action?.message)}
                    />
                  )}
                />
                <Controller
                  control={control}
                  name="subject_type"
                  render={({ field }) => (
                    <Autocomplete
                      size="sm"
                      label={t('audit.subjectType')}
                      data={SUBJECT_TYPES}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      error={messageText(t, errors.subject_type?.message)}
                    />
                  )}
                />
                <TextInput size="sm" label={t('audit.subjectId')} {...register('subject_id')} error={messageText(t, errors.subject_id?.message)} />
                <TextInput
                  size="sm"
                  label={t('audit.actorId')}
                  {...register('actor_id')}
                  error={messageText(t, errors.actor_id?.message)}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
                <TextInput size="sm" type="date" label={t('audit.from')} {...register('from')} error={messageText(t, errors.from?.message)} />
                <TextInput size="sm" type="date" label={t('audit.to')} {...register('to')} error={messageText(t, errors.to?.message)} />
              </SimpleGrid>
              <Group gap="sm">
                <Button type="submit" size="sm" leftSection={<IconFilter size={16} aria-hidden />}>
                  {t('common.apply')}
                </Button>
                <Button
                  size="sm"
                  variant="default"
                  leftSection={<IconX size={16} aria-hidden />}
                  onClick={() => {
                    reset(EMPTY);
                    setFilter({});
                  }}
                >
                  {t('common.clear')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>

        {events.isPending ? (
          <FullPageLoader />
        ) : events.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {fieldProblems(events.error).length > 0
              ? fieldProblems(events.error)
                  .map((p) => t('problems.field', { field: p.field, message: fieldProblemText(t, p) }))
                  .join(' ')
              : problemText(tc, events.error, i18n.language)}
          </Alert>
        ) : items.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('audit.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing={6} horizontalSpacing="sm" striped fz="sm" data-testid="audit-table">
                <VisuallyHidden component="caption">{t('audit.caption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('audit.colTime')}</Table.Th>
                    <Table.Th scope="col">{t('audit.colAction')}</Table.Th>
                    <Table.Th scope="col">{t('audit.colActor')}</Table.Th>
                    <Table.Th scope="col">{t('audit.colSubject')}</Table.Th>
                    <Table.Th scope="col">{t('audit.colDetails')}</Table.Th>
                    <Table.Th scope="col">{t('audit.colRequest')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e) => (
                    <Table.Tr key={e.id} data-action={e.action}>
                      <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(e.occurred_at, i18n.language)}
                      </Table.Th>
                      <Table.Td>
                        <Code>{e.action}</Code>
                      </Table.Td>
                      <Table.Td>
                        {e.actor_role ? label(t, 'actorRoles', e.actor_role) : t('audit.anonymous')}
                        {e.actor_id && (
                          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {e.actor_id}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {e.subject_type}
                        {e.subject_id && (
                          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                            {e.subject_id}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td maw={320}>
                        {Object.keys(e.details).length > 0 ? (
                          <Code style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{JSON.stringify(e.details)}</Code>
                        ) : (
                          t('common.none')
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {e.request_id ?? t('common.none')}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
        {events.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Container>
  );
}
