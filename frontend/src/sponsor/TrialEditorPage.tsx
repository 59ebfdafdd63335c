import { Alert, Anchor, Badge, Container, Group, List, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isProblemError } from '../api';
import { FullPageLoader } from '../components/FullPageLoader';
import { notify } from '../components/notify';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { getTrial, trialKeys, updateTrial } from './api';
import { CriteriaEditor } from './criteria/CriteriaEditor';
import { RecruitmentSection } from './RecruitmentSection';
import { TrialStatusBadge } from './shared/badges';
import { SitesSection } from './SitesSection';
import { StatusActions } from './StatusActions';
import { TrialForm } from './TrialForm';
import type { FieldWarning, Trial } from './types';

const SECTIONS = ['details', 'criteria', 'sites', 'recruitment'] as const;
type Section = (typeof SECTIONS)[number];

function isSection(value: string | undefined): value is Section {
  return (SECTIONS as readonly (string | undefined)[]).includes(value);
}

/** Warnings of an import, handed over by the import page. */
interface ImportState {
  imported?: { warnings: FieldWarning[] };
}

function ImportNotice({ warnings }: { warnings: FieldWarning[] }) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <Alert
      color={warnings.length > 0 ? 'yellow' : 'blue'}
      icon={<IconInfoCircle aria-hidden />}
      title={warnings.length > 0 ? t('trial.importWarnings') : t('trial.importClean')}
      withCloseButton
      closeButtonLabel={tc('common.close')}
      onClose={() => setOpen(false)}
      data-testid="import-warnings"
    >
      {warnings.length > 0 && (
        <List size="sm" spacing={2}>
          {warnings.map((w, i) => (
            <List.Item key={`${w.field}-${i}`}>{w.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

function DetailsSection({ trial }: { trial: Trial }) {
  const { t } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="details-title">
      <Stack gap="md">
        <Title order={2} id="details-title">
          {t('trial.detailsTitle')}
        </Title>
        <TrialForm
          key={trial.version}
          initial={trial}
          readOnly={!trial.can_edit}
          unmapped={trial.unmapped_conditions}
          submitLabel={t('common.save')}
          onSubmit={async (request) => {
            const updated = await updateTrial(trial.id, request);
            queryClient.setQueryData(trialKeys.one(trial.id), updated);
            void queryClient.invalidateQueries({ queryKey: trialKeys.list() });
            notify(tc, { color: 'teal', icon: <IconCheck size={18} aria-hidden />, message: t('trial.detailsSaved') });
          }}
        />
      </Stack>
    </Paper>
  );
}

export default function TrialEditorPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const { trialId = '', section } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const imported = (location.state as ImportState | null)?.imported;
  const active: Section = isSection(section) ? section : 'details';

  const query = useQuery({ queryKey: trialKeys.one(trialId), queryFn: ({ signal }) => getTrial(trialId, signal) });
  const trial = query.data;
  usePageTitle(trial?.title ?? t('trials.title'));

  if (query.isPending) return <FullPageLoader />;
  if (!trial) {
    const notFound = isProblemError(query.error) && query.error.status === 404;
    return (
      <Container size="md" py="xl" px="md">
        <Stack gap="md">
          <PageHeading>{t('trials.title')}</PageHeading>
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {notFound ? t('common.notFound') : problemText(tc, query.error, i18n.language)}
          </Alert>
        </Stack>
      </Container>
    );
  }

  return (
    <Container size="xl" py={{ base: 'lg', sm: 28 }} px="md">
      <Stack gap="md">
        <Anchor component={Link} to="/sponsor/trials" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {t('trials.title')}
          </Group>
        </Anchor>
        <Stack gap={6}>
          <PageHeading size="h2">{trial.title}</PageHeading>
          <Group gap="xs">
            <TrialStatusBadge status={trial.status} size="lg" />
            {trial.nct_id && (
              <Badge variant="outline" color="gray" c="dark.8" tt="none" ff="monospace">
                {trial.nct_id}
              </Badge>
            )}
            {trial.source === 'ctgov' && (
              <Badge variant="light" color="grape" c="dark.8" tt="none">
                {t('trial.imported')}
              </Badge>
            )}
            {trial.registry_status && (
              <Text size="sm" c="dimmed">
                {t('trial.registryStatus', { status: trial.registry_status })}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('trial.sponsor', { name: trial.sponsor.name })}
            </Text>
          </Group>
        </Stack>
        {!trial.can_edit && (
          <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
            {t('trial.viewOnly')}
          </Alert>
        )}
        <StatusActions trial={trial} />
        {imported && <ImportNotice warnings={imported.warnings} />}
        <Tabs
          value={active}
          onChange={(value) => {
            if (isSection(value ?? undefined)) {
              void navigate(`/sponsor/trials/${trial.id}/${value}`, { replace: true, state: location.state as ImportState | null });
            }
          }}
        >
          <Tabs.List aria-label={t('trial.tabs.label')}>
            {SECTIONS.map((s) => (
              <Tabs.Tab key={s} value={s} fw={600}>
                {t(`trial.tabs.${s}`)}
                {s === 'criteria' && ` (${trial.criteria.length})`}
                {s === 'sites' && ` (${trial.sites.length})`}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="details" pt="md">
            <DetailsSection trial={trial} />
          </Tabs.Panel>
          <Tabs.Panel value="criteria" pt="md">
            <CriteriaEditor key={trial.id} trial={trial} />
          </Tabs.Panel>
          <Tabs.Panel value="sites" pt="md">
            <SitesSection trial={trial} />
          </Tabs.Panel>
          <Tabs.Panel value="recruitment" pt="md">
            <RecruitmentSection trial={trial} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
