import { Alert, Group, JsonInput, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblemError } from '../../api';
import { problemText } from '../../components/problems';
import { evaluate } from '../api';
import { EligibilityExplanation } from '../../eligibility';
import type { Criterion } from '../types';
import { SAMPLE_IDS, sampleProfile, type SampleId } from './sampleProfiles';

type Choice = SampleId | 'custom';

/**
 * The live preview: the criteria as edited, judged against a sample profile
 * (three built in, or the author's own JSON) by POST /eligibility/evaluate.
 */
export function PreviewPanel({ criteria, criteriaKey }: { criteria: Criterion[]; criteriaKey: string }) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [choice, setChoice] = useState<Choice>('child_ball');
  const [json, setJson] = useState('');
  const [debouncedJson] = useDebouncedValue(json, 500);

  const profile = useMemo((): { value: unknown; error: boolean } => {
    if (choice !== 'custom') return { value: sampleProfile(choice), error: false };
    try {
      const value: unknown = JSON.parse(debouncedJson);
      return { value, error: typeof value !== 'object' || value === null || Array.isArray(value) };
    } catch {
      return { value: null, error: true };
    }
  }, [choice, debouncedJson]);

  const profileKey = choice === 'custom' ? debouncedJson : choice;
  const result = useQuery({
    queryKey: ['evaluate', criteriaKey, profileKey],
    queryFn: ({ signal }) => evaluate({ criteria, profile: profile.value }, signal),
    enabled: !profile.error && criteria.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const choose = (next: Choice) => {
    if (next === 'custom') {
      // Start from the sample shown so far.
      const from = choice === 'custom' ? json : JSON.stringify(sampleProfile(choice), null, 2);
      setJson(from);
    }
    setChoice(next);
  };

  const error = result.error;
  const criteriaInvalid =
    isProblemError(error) && error.status === 422 && error.fieldErrors.some((f) => f.field.startsWith('criteria'));
  const profileProblems =
    isProblemError(error) && !criteriaInvalid && error.status === 400 ? (error.problem.detail ?? error.message) : null;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="preview-title" aria-busy={result.isFetching}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="preview-title">
            {t('preview.title')}
          </Title>
          {result.isFetching && <Loader size="xs" aria-label={t('preview.working')} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('preview.intro')}
        </Text>
        <NativeSelect
          size="sm"
          label={t('preview.sample')}
          value={choice}
          onChange={(e) => choose(e.currentTarget.value as Choice)}
          data={[...SAMPLE_IDS, 'custom' as const].map((id) => ({ value: id, label: t(`preview.samples.${id}`) }))}
        />
        {choice === 'custom' && (
          <JsonInput
            size="sm"
            label={t('preview.json')}
            description={t('preview.jsonHint')}
            value={json}
            onChange={setJson}
            validationError={t('preview.invalidJson')}
            formatOnBlur
            autosize
            minRows={8}
            maxRows={20}
            styles={{ input: { fontSize: 12 } }}
          />
        )}
        {criteria.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('preview.noCriteria')}
          </Text>
        ) : criteriaInvalid && !result.data ? (
          <Alert color="yellow" p="xs">
            {t('preview.fixCriteria')}
          </Alert>
        ) : profileProblems ? (
          <Alert color="yellow" p="xs" title={t('preview.profileProblems')}>
            {profileProblems}
          </Alert>
        ) : error && !result.data ? (
          <Alert color="red" p="xs">
            {problemText(tc, error, i18n.language)}
          </Alert>
        ) : result.data ? (
          <Stack gap={4} data-testid="preview-result" style={{ opacity: result.isPlaceholderData ? 0.6 : 1 }}>
            {criteriaInvalid && (
              <Text size="sm" c="yellow.9">
                {t('preview.fixCriteria')}
              </Text>
            )}
            <EligibilityExplanation
              result={result.data}
              audience="staff"
              criteria={criteria}
              headingLevel={3}
            />
          </Stack>
        ) : (
          <Loader size="sm" aria-label={t('preview.working')} />
        )}
      </Stack>
    </Paper>
  );
}
