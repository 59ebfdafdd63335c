import { Alert, Group, Loader, Paper, SimpleGrid, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isProblemError } from '../../api';
import { problemText } from '../../components/problems';
import type { Count, Feasibility } from '../types';
import { formatDay } from './labels';

function CountBox({ label, count, testId }: { label: string; count: Count | undefined; testId: string }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2} data-testid={testId} data-suppressed={count?.suppressed ? 'true' : 'false'}>
        {count?.display ?? '…'}
      </Text>
    </Stack>
  );
}

export function FeasibilityCounts({
  query,
  edited = false,
  titleOrder = 2,
  title,
}: {
  query: { data: Feasibility | undefined; error: unknown; isFetching: boolean; isPending: boolean };
  edited?: boolean;
  titleOrder?: TitleOrder;
  title?: string;
}) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const invalid = isProblemError(query.error) && query.error.status === 422;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="feasibility-title" aria-busy={query.isFetching}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={titleOrder} size="h4" id="feasibility-title">
            {title ?? t('feasibility.title')}
          </Title>
          {query.isFetching && <Loader size="xs" aria-label={t('feasibility.working')} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('feasibility.intro')} {edited && t('feasibility.edited')}
        </Text>
        {query.error && !query.data ? (
          <Alert color={invalid ? 'yellow' : 'red'} p="xs">
            {invalid ? t('feasibility.unavailable') : problemText(tc, query.error, i18n.language)}
          </Alert>
        ) : (
          <>
            <SimpleGrid cols={3} spacing="sm" aria-live="polite">
              <CountBox label={t('feasibility.eligible')} count={query.data?.eligible} testId="feasibility-eligible" />
              <CountBox
                label={t('feasibility.possiblyEligible')}
                count={query.data?.possibly_eligible}
                testId="feasibility-possibly"
              />
              <CountBox label={t('feasibility.total')} count={query.data?.total} testId="feasibility-total" />
            </SimpleGrid>
            {query.error !== null && invalid && (
              <Text size="sm" c="yellow.9">
                {t('feasibility.unavailable')}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('feasibility.suppressed')}
              {query.data && ` ${t('feasibility.asOf', { date: formatDay(query.data.reference_date, i18n.language) })}`}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
