import { ActionIcon, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { useConditionNames } from '../../eligibility';
import { CNS_STATUSES, DISEASE_STATUSES, RELAPSE_SITES } from '../api';
import { ConditionPicker } from './ConditionPicker';
import { ChoiceField, DateField, TextField } from './fields';
import { useFieldError } from './fieldError';
import { antigensFor, familyOf } from './family';
import { emptyDiagnosis, fieldId, type ProfileForm } from './model';
import { wrapLabel } from '../components/wrap';

function Relapses({ index }: { index: number }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const { fields, append, remove } = useFieldArray({ control, name: `diagnoses.${index}.relapses` });
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('health.diagnosis.relapsesKnown')}</Text>
      <Text size="sm" c="dimmed">
        {t('health.diagnosis.relapsesKnownHint')}
      </Text>
      {fields.map((field, j) => (
        <Paper key={field.id} withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm">
                {t('health.diagnosis.relapseN', { n: j + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                {...tone('red')}
                onClick={() => remove(j)}
                aria-label={t('health.diagnosis.removeRelapse', { n: j + 1 })}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <Group gap="sm" align="flex-start" wrap="wrap">
              <DateField name={`diagnoses.${index}.relapses.${j}.date`} label={t('health.diagnosis.relapseDate')} />
              <RelapseSite index={index} j={j} />
            </Group>
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button {...wrapLabel}
          variant="default"
          size="sm"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => append({ date: '', site: 'bone_marrow' })}
        >
          {t('health.diagnosis.addRelapse')}
        </Button>
      </Group>
    </Stack>
  );
}

function RelapseSite({ index, j }: { index: number; j: number }) {
  const { t } = useTranslation('volunteer');
  const { register } = useFormContext<ProfileForm>();
  const name = `diagnoses.${index}.relapses.${j}.site` as const;
  const error = useFieldError(name);
  return (
    <NativeSelect
      id={fieldId(name)}
      label={t('health.diagnosis.relapseSite')}
      error={error}
      data={RELAPSE_SITES.map((s) => ({ value: s, label: t(`health.diagnosis.site.${s}`) }))}
      style={{ flex: '1 1 14rem' }}
      {...register(name)}
    />
  );
}

function DiagnosisCard({ index, count, person, onRemove }: { index: number; count: number; person: string; onRemove: () => void }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const { lineageOf } = useConditionNames();
  const code = useWatch({ control, name: `diagnoses.${index}.condition_code` });
  const family = familyOf(code ? lineageOf(code) : []);
  const antigens = antigensFor(family);
  const conditionError = useFieldError(`diagnoses.${index}.condition_code`);
  const headingId = `diagnosis-${index}-heading`;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} id={headingId}>
            {count > 1 ? t('health.diagnosis.numbered', { n: index + 1 }) : t('health.diagnosis.heading')}
          </Title>
          <Button {...wrapLabel} variant="subtle" {...tone('red')} size="sm" leftSection={<IconTrash size={16} aria-hidden />} onClick={onRemove}>
            {t('health.diagnosis.remove')}
          </Button>
        </Group>
        <Controller
          control={control}
          name={`diagnoses.${index}.condition_code`}
          render={({ field }) => (
            <ConditionPicker
              id={fieldId(`diagnoses.${index}.condition_code`)}
              value={field.value}
              onChange={field.onChange}
              error={conditionError}
            />
          )}
        />
        <DateField name={`diagnoses.${index}.diagnosed_on`} label={t('health.diagnosis.diagnosedOn')} description={t('health.diagnosis.diagnosedOnHint')} />
        <ChoiceField
          name={`diagnoses.${index}.status`}
          label={t('health.diagnosis.status', { name: person })}
          options={DISEASE_STATUSES.map((s) => ({
            value: s,
            label: t(`health.diagnosis.statuses.${s}.label`),
            description: t(`health.diagnosis.statuses.${s}.description`),
          }))}
        />
        <TextField
          name={`diagnoses.${index}.relapse_count`}
          label={t('health.diagnosis.relapseCount')}
          description={t('health.diagnosis.relapseCountHint')}
          inputMode="numeric"
          type="number"
        />
        <Relapses index={index} />
        <Stack gap="md">
          <Text fw={700}>{t('health.diagnosis.markersTitle')}</Text>
          <Text size="sm" c="dimmed" mt={-10}>
            {t('health.diagnosis.markersHint')}
          </Text>
          {antigens.map((antigen) => (
            <ChoiceField
              key={antigen}
              name={`diagnoses.${index}.antigens.${antigen}`}
              label={t('health.diagnosis.antigen', { antigen })}
              options={[
                { value: 'positive', label: t('health.diagnosis.antigenPositive', { antigen }) },
                { value: 'negative', label: t('health.diagnosis.antigenNegative', { antigen }) },
              ]}
            />
          ))}
          {(family === 'leukaemia' || family === 'other') && (
            <ChoiceField
              name={`diagnoses.${index}.philadelphia`}
              label={t('health.diagnosis.philadelphia')}
              description={t('health.diagnosis.philadelphiaHint')}
              options={[
                { value: 'positive', label: t('health.diagnosis.phPositive') },
                { value: 'negative', label: t('health.diagnosis.phNegative') },
              ]}
            />
          )}
          {family !== 'myeloma' && (
            <ChoiceField
              name={`diagnoses.${index}.cns_status`}
              label={t('health.diagnosis.cns')}
              description={t('health.diagnosis.cnsHint')}
              options={CNS_STATUSES.map((c) => ({ value: c, label: t(`health.diagnosis.cnsLevels.${c}`) }))}
            />
          )}
          {family !== 'lymphoma' && (
            <ChoiceField
              name={`diagnoses.${index}.mrd`}
              label={t('health.diagnosis.mrd')}
              description={t('health.diagnosis.mrdHint')}
              options={[
                { value: 'positive', label: t('health.diagnosis.mrdPositive') },
                { value: 'negative', label: t('health.diagnosis.mrdNegative') },
              ]}
            />
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

export function DiagnosisStep({ person }: { person: string }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'diagnoses' });
  return (
    <Stack gap="lg">
      {fields.length === 0 && <Text>{t('health.diagnosis.none', { name: person })}</Text>}
      {fields.map((field, i) => (
        <DiagnosisCard key={field.id} index={i} count={fields.length} person={person} onRemove={() => remove(i)} />
      ))}
      <Group>
        <Button {...wrapLabel} variant={fields.length === 0 ? 'filled' : 'default'} leftSection={<IconPlus size={18} aria-hidden />} onClick={() => append(emptyDiagnosis())}>
          {fields.length === 0 ? t('health.diagnosis.add') : t('health.diagnosis.addAnother')}
        </Button>
      </Group>
    </Stack>
  );
}
