import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isProblemError } from '../api';
import { problemText } from '../components/problems';
import { ConditionPicker } from './shared/ConditionPicker';
import { messageText } from './shared/forms';
import { label } from './shared/labels';
import { fieldProblemText } from './shared/problems';
import { toTrialRequest, trialSchema, trialValues, type TrialValues } from './trialSchema';
import { PHASES, SUMMARY_LANGUAGES, type Trial, type TrialRequest } from './types';

const FIELDS: Path<TrialValues>[] = [
  'title',
  'nct_id',
  'summary.en',
  'summary.tr',
  'summary.ru',
  'summary.kk',
  'phases',
  'target_enrollment',
  'conditions',
];

/** The trial's description: title, NCT number, summaries, phases, target, conditions. */
export function TrialForm({
  initial,
  submitLabel,
  onSubmit,
  unmapped,
  readOnly = false,
}: {
  initial?: Trial;
  submitLabel: string;
  onSubmit: (request: TrialRequest) => Promise<void>;
  unmapped?: string[];
  readOnly?: boolean;
}) {
  const { t, i18n } = useTranslation('staff');
  const { t: tc } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting, isDirty },
    reset,
  } = useForm<TrialValues>({ resolver: zodResolver(trialSchema), defaultValues: trialValues(initial) });

  const text = (message: string | undefined) => messageText(t, message);

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(toTrialRequest(values));
      reset(values);
    } catch (error) {
      if (isProblemError(error) && error.fieldErrors.length > 0) {
        let placed = false;
        for (const problem of error.fieldErrors) {
          const base = problem.field.replace(/\[\d+\]$/, '');
          const field = FIELDS.find((f) => f === base);
          if (!field) continue;
          setError(field, { type: 'server', message: fieldProblemText(t, problem) }, { shouldFocus: !placed });
          placed = true;
        }
        if (placed) return;
      }
      setFormError(problemText(tc, error, i18n.language));
    }
  });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
        <Stack gap="md">
          {formError && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />}>
              {formError}
            </Alert>
          )}
          <TextInput label={t('trial.title')} required {...register('title')} error={text(errors.title?.message)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('trial.nctId')}
              description={t('trial.nctIdHint')}
              {...register('nct_id')}
              error={text(errors.nct_id?.message)}
            />
            <Controller
              control={control}
              name="target_enrollment"
              render={({ field }) => (
                <NumberInput
                  label={t('trial.target')}
                  description={'\u00a0'}
                  value={field.value ?? ''}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
                  onBlur={field.onBlur}
                  min={0}
                  max={1_000_000}
                  allowDecimal={false}
                  allowNegative={false}
                  error={text(errors.target_enrollment?.message)}
                />
              )}
            />
          </SimpleGrid>
          <Controller
            control={control}
            name="phases"
            render={({ field }) => (
              <Checkbox.Group label={t('trial.phases')} value={field.value} onChange={field.onChange} error={text(errors.phases?.message)}>
                <Group gap="md" mt={6}>
                  {PHASES.map((p) => (
                    <Checkbox key={p} value={p} label={label(t, 'phases', p)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
          />
          <Controller
            control={control}
            name="conditions"
            render={({ field }) => (
              <ConditionPicker
                label={t('trial.conditions')}
                value={field.value}
                onChange={field.onChange}
                error={text(errors.conditions?.message)}
                description={
                  unmapped && unmapped.length > 0 ? t('trial.unmapped', { list: unmapped.join('; ') }) : undefined
                }
                testId="trial-conditions"
              />
            )}
          />
          {SUMMARY_LANGUAGES.map((lang) => (
            <Textarea
              key={lang}
              label={t('trial.summary', { language: tc(`languages.${lang}`) })}
              description={lang === 'en' ? t('trial.summaryHint') : undefined}
              lang={lang}
              autosize
              minRows={2}
              maxRows={8}
              {...register(`summary.${lang}`)}
              error={text(errors.summary?.[lang]?.message)}
            />
          ))}
          {!readOnly && (
            <Group>
              <Button type="submit" loading={isSubmitting} disabled={initial !== undefined && !isDirty}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
