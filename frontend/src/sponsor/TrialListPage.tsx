import { Alert, Anchor, Button, Container, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconFileImport, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { listAllTrials, trialKeys } from './api';
import { TrialStatusBadge } from './shared/badges';
import { formatDateTime, labels } from './shared/labels';

export default function TrialListPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('trials.title'));
  const trials = useQuery({ queryKey: trialKeys.list(), queryFn: ({ signal }) => listAllTrials(signal) });
  // GET /trials also lists other sponsors' recruiting trials; these are ours.
  const mine = (trials.data ?? []).filter((trial) => trial.can_edit);

  return (
    <Container size="xl" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-end">
          <Stack gap="xs">
            <PageHeading>{t('trials.title')}</PageHeading>
            <Text>{t('trials.intro')}</Text>
          </Stack>
          <Group gap="sm">
            <Button component={Link} to="/sponsor/import" variant="default" leftSection={<IconFileImport size={18} aria-hidden />}>
              {t('trials.import')}
            </Button>
            <Button component={Link} to="/sponsor/trials/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('trials.new')}
            </Button>
          </Group>
        </Group>
        {trials.isPending ? (
          <FullPageLoader />
        ) : trials.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, trials.error, i18n.language)}
          </Alert>
        ) : mine.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('trials.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
                <VisuallyHidden component="caption">{t('trials.caption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('trials.colTitle')}</Table.Th>
                    <Table.Th scope="col">{t('trials.colStatus')}</Table.Th>
                    <Table.Th scope="col">{t('trials.colPhases')}</Table.Th>
                    <Table.Th scope="col">{t('trials.colSites')}</Table.Th>
                    <Table.Th scope="col">{t('trials.colTarget')}</Table.Th>
                    <Table.Th scope="col">{t('trials.colUpdated')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mine.map((trial) => (
                    <Table.Tr key={trial.id} data-trial-id={trial.id}>
                      <Table.Th scope="row" fw={600} maw={480}>
                        <Anchor component={Link} to={`/sponsor/trials/${trial.id}`}>
                          {trial.title}
                        </Anchor>
                        {trial.nct_id && (
                          <Text size="xs" c="dimmed" ff="monospace">
                            {trial.nct_id}
                          </Text>
                        )}
                      </Table.Th>
                      <Table.Td>
                        <TrialStatusBadge status={trial.status} />
                      </Table.Td>
                      <Table.Td>{labels(t, 'phases', trial.phases)}</Table.Td>
                      <Table.Td>{trial.sites.length}</Table.Td>
                      <Table.Td>{trial.target_enrollment ?? t('common.none')}</Table.Td>
                      <Table.Td>{formatDateTime(trial.updated_at, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </Stack>
    </Container>
  );
}
