import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { useConditionNames } from '../../eligibility';
import { THERAPY_CATEGORIES, THERAPY_TARGETS } from '../api';
import { CheckboxesField, ChoiceField, DateField, TextField, TriField } from './fields';
import { familyOf, responsesFor, type Family } from './family';
import { emptyLine, type ProfileForm } from './model';
import { wrapLabel } from '../components/wrap';

// Categories whose marker (target) is worth asking about.
const TARGETED = ['bispecific', 'car_t', 'other'];

function useFamilies(): Family[] {
  const { control } = useFormContext<ProfileForm>();
  const { lineageOf } = useConditionNames();
  const diagnoses = useWatch({ control, name: 'diagnoses' });
  return diagnoses.filter((d) => d.condition_code).map((d) => familyOf(lineageOf(d.condition_code)));
}

function LineCard({ index, onRemove, families }: { index: number; onRemove: () => void; families: Family[] }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const [categories, targetsKnown] = useWatch({
    control,
    name: [`therapy_lines.${index}.categories`, `therapy_lines.${index}.targets_known`],
  });
  const askTargets = categories.some((c) => TARGETED.includes(c)) || targetsKnown !== '';
  const family = families.find((f) => f !== 'other') ?? 'other';
  const responses = responsesFor(families);
  const headingId = `line-${index}-heading`;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} id={headingId}>
            {t('health.treatments.lineN', { n: index + 1 })}
          </Title>
          <Button {...wrapLabel}
            variant="subtle"
            {...tone('red')}
            size="sm"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={onRemove}
            aria-label={t('health.treatments.removeLine', { n: index + 1 })}
          >
            {t('health.treatments.remove')}
          </Button>
        </Group>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <DateField name={`therapy_lines.${index}.started_on`} label={t('health.treatments.startedOn')} />
          <DateField name={`therapy_lines.${index}.ended_on`} label={t('health.treatments.endedOn')} />
        </Group>
        <CheckboxesField
          name={`therapy_lines.${index}.categories`}
          label={t('health.treatments.categories')}
          description={t('health.treatments.categoriesHint')}
          cols={2}
          options={THERAPY_CATEGORIES.map((c) => ({ value: c, label: t(`health.treatments.category.${c}`) }))}
        />
        {askTargets && (
          <>
            <ChoiceField
              name={`therapy_lines.${index}.targets_known`}
              label={t('health.treatments.targetsQuestion')}
              description={t('health.treatments.targetsHint')}
              options={[
                { value: 'yes', label: t('health.treatments.targetsYes') },
                { value: 'none', label: t('health.treatments.targetsNone') },
              ]}
            />
            {targetsKnown === 'yes' && (
              <CheckboxesField
                name={`therapy_lines.${index}.targets`}
                label={t('health.treatments.targets')}
                cols={2}
                options={THERAPY_TARGETS.map((x) => ({ value: x, label: t(`health.treatments.target.${x}`) }))}
              />
            )}
          </>
        )}
        <TextField
          name={`therapy_lines.${index}.agents`}
          label={t('health.treatments.agents')}
          description={t('health.treatments.agentsHint')}
          autoComplete="off"
        />
        <ChoiceField
          name={`therapy_lines.${index}.best_response`}
          label={t('health.treatments.bestResponse')}
          description={t('health.treatments.bestResponseHint')}
          options={responses.map((r) => ({
            value: r,
            label: t(`health.treatments.response.${r}.label`),
            description: t(`health.treatments.response.${r}.${family}`),
          }))}
        />
        <DateField name={`therapy_lines.${index}.response_on`} label={t('health.treatments.responseOn')} />
        <TriField
          name={`therapy_lines.${index}.progressed_on_therapy`}
          label={t('health.treatments.progressed')}
          description={t('health.treatments.progressedHint')}
        />
        <DateField
          name={`therapy_lines.${index}.relapsed_on`}
          label={t('health.treatments.relapsedOn')}
          description={t('health.treatments.relapsedOnHint')}
        />
      </Stack>
    </Paper>
  );
}

export function TreatmentsStep({ person }: { person: string }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'therapy_lines' });
  const known = useWatch({ control, name: 'therapy_known' });
  const families = useFamilies();
  return (
    <Stack gap="lg">
      <ChoiceField
        name="therapy_known"
        label={t('health.treatments.question', { name: person })}
        options={[
          { value: 'yes', label: t('health.treatments.yes') },
          { value: 'none', label: t('health.treatments.none') },
        ]}
        onChosen={(v) => {
          if (v === 'yes' && fields.length === 0) append(emptyLine());
        }}
      />
      {known === 'yes' && (
        <>
          <Text size="sm">{t('health.treatments.linesHint')}</Text>
          {fields.map((field, i) => (
            <LineCard key={field.id} index={i} families={families} onRemove={() => remove(i)} />
          ))}
          <Group>
            <Button {...wrapLabel} variant="default" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => append(emptyLine())}>
              {fields.length === 0 ? t('health.treatments.addFirst') : t('health.treatments.addLine', { n: fields.length + 1 })}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
