import { Alert, Anchor, Button, Container, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconRoute, IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { PageHeading } from '../components/PageHeading';
import { problemText } from '../components/problems';
import { usePageTitle } from '../components/usePageTitle';
import { listAllTrials, trialKeys } from '../sponsor/api';
import { TrialStatusBadge } from '../sponsor/shared/badges';

export default function InvestigatorTrialsPage() {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  usePageTitle(t('investigator.trialsTitle'));
  const trials = useQuery({ queryKey: trialKeys.list(), queryFn: ({ signal }) => listAllTrials(signal) });
  // GET /trials also lists every recruiting trial; these have a site of mine.
  const mine = (trials.data ?? []).filter((trial) => trial.my_site_ids.length > 0);

  return (
    <Container size="xl" py={{ base: 'lg', sm: 32 }} px="md">
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>{t('investigator.trialsTitle')}</PageHeading>
          <Text>{t('investigator.trialsIntro')}</Text>
        </Stack>
        {trials.isPending ? (
          <FullPageLoader />
        ) : trials.isError ? (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
            {problemText(tc, trials.error, i18n.language)}
          </Alert>
        ) : mine.length === 0 ? (
          <Paper withBorder radius="md" p="lg">
            <Text>{t('investigator.empty')}</Text>
          </Paper>
        ) : (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" horizontalSpacing="md" striped>
                <VisuallyHidden component="caption">{t('investigator.caption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('investigator.colTitle')}</Table.Th>
                    <Table.Th scope="col">{t('investigator.colStatus')}</Table.Th>
                    <Table.Th scope="col">{t('investigator.colSites')}</Table.Th>
                    <Table.Th scope="col">{t('investigator.colActions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mine.map((trial) => (
                    <Table.Tr key={trial.id} data-trial-id={trial.id}>
                      <Table.Th scope="row" fw={600} maw={460}>
                        <Anchor component={Link} to={`/investigator/trials/${trial.id}/candidates`}>
                          {trial.title}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        <TrialStatusBadge status={trial.status} />
                      </Table.Td>
                      <Table.Td>
                        {trial.sites
                          .filter((s) => trial.my_site_ids.includes(s.id))
                          .map((s) => `${s.name} (${s.city})`)
                          .join('; ')}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            component={Link}
                            to={`/investigator/trials/${trial.id}/candidates`}
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconUsersGroup size={14} aria-hidden />}
                            aria-label={t('investigator.candidatesFor', { title: trial.title })}
                          >
                            {t('investigator.candidates')}
                          </Button>
                          <Button
                            component={Link}
                            to={`/investigator/trials/${trial.id}/pipeline`}
                            size="compact-sm"
                            variant="light"
                            leftSection={<IconRoute size={14} aria-hidden />}
                            aria-label={t('investigator.pipelineFor', { title: trial.title })}
                          >
                            {t('investigator.pipeline')}
                          </Button>
                        </Group>
                      </Table.Td>
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
