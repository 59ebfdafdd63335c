import { Button, Group, NativeSelect, Paper, Stack, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { tone } from '../../eligibility/tone';
import { TRANSPLANT_TYPES } from '../api';
import { ChoiceField, DateField, TriField } from './fields';
import { useFieldError } from './fieldError';
import { fieldId, type ProfileForm } from './model';
import { wrapLabel } from '../components/wrap';

function TransplantCard({ index, onRemove }: { index: number; onRemove: () => void }) {
  const { t } = useTranslation('volunteer');
  const { register } = useFormContext<ProfileForm>();
  const typeError = useFieldError(`transplants.${index}.type`);
  const headingId = `transplant-${index}-heading`;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} id={headingId}>
            {t('health.transplants.transplantN', { n: index + 1 })}
          </Title>
          <Button {...wrapLabel}
            variant="subtle"
            {...tone('red')}
            size="sm"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={onRemove}
            aria-label={t('health.transplants.removeN', { n: index + 1 })}
          >
            {t('health.transplants.remove')}
          </Button>
        </Group>
        <NativeSelect
          id={fieldId(`transplants.${index}.type`)}
          label={t('health.transplants.type')}
          error={typeError}
          data={[
            { value: '', label: t('health.transplants.chooseType') },
            ...TRANSPLANT_TYPES.map((x) => ({ value: x, label: t(`health.transplants.types.${x}`) })),
          ]}
          {...register(`transplants.${index}.type`)}
        />
        <DateField name={`transplants.${index}.date`} label={t('health.transplants.date')} />
      </Stack>
    </Paper>
  );
}

export function TransplantsStep({ person }: { person: string }) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const { fields, append, remove } = useFieldArray({ control, name: 'transplants' });
  const known = useWatch({ control, name: 'transplants_known' });
  return (
    <Stack gap="lg">
      <ChoiceField
        name="transplants_known"
        label={t('health.transplants.question', { name: person })}
        description={t('health.transplants.questionHint')}
        options={[
          { value: 'yes', label: t('health.transplants.yes') },
          { value: 'none', label: t('health.transplants.none') },
        ]}
        onChosen={(v) => {
          if (v === 'yes' && fields.length === 0) append({ type: '', date: '' });
        }}
      />
      {known === 'yes' && (
        <>
          {fields.map((field, i) => (
            <TransplantCard key={field.id} index={i} onRemove={() => remove(i)} />
          ))}
          <Group>
            <Button {...wrapLabel} variant="default" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => append({ type: '', date: '' })}>
              {t('health.transplants.add')}
            </Button>
          </Group>
        </>
      )}
      <TriField name="active_gvhd" label={t('health.transplants.gvhd')} description={t('health.transplants.gvhdHint')} />
      <TriField
        name="allo_sct_eligible"
        label={t('health.transplants.eligible', { name: person })}
        description={t('health.transplants.eligibleHint')}
      />
    </Stack>
  );
}
