import { Alert, NativeSelect, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { PerformanceScale } from '../api';
import { ChoiceField, DateField } from './fields';
import { fieldId, type ProfileForm } from './model';
import { ageOn, scaleForAge } from './age';
import { todayIso } from './schema';

const LEVELS: Record<PerformanceScale, number[]> = {
  lansky: [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
  karnofsky: [100, 90, 80, 70, 60, 50, 40, 30, 20, 10],
  ecog: [0, 1, 2, 3, 4],
};

/** ECOG 0 ≈ 90–100, 1 ≈ 70–80, 2 ≈ 50–60, 3 ≈ 30–40, 4 ≈ 10–20. */
function ecogLike(score: number): number {
  return Math.min(4, Math.max(0, 4 - Math.floor((score - 10) / 20)));
}

export function PerformanceStep({ person, dependent }: { person: string; dependent: boolean }) {
  const { t } = useTranslation('volunteer');
  const { control, setValue } = useFormContext<ProfileForm>();
  const [dob, scale, assessedOn] = useWatch({
    control,
    name: ['date_of_birth', 'performance.scale', 'performance.assessed_on'],
  });
  const age = ageOn(dob, assessedOn || todayIso());
  const recommended = scaleForAge(age);
  const shown: PerformanceScale = scale || recommended || 'karnofsky';
  const mismatch = recommended !== null && shown !== 'ecog' && shown !== recommended;
  const set = { shouldDirty: true } as const;

  return (
    <Stack gap="lg">
      {recommended ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t(`health.performance.recommended.${recommended}`, { name: person, age: age ?? '' })}
        </Alert>
      ) : (
        <Text size="sm">{t('health.performance.noAge')}</Text>
      )}
      <NativeSelect
        id={fieldId('performance.scale')}
        label={t('health.performance.scale')}
        value={shown}
        onChange={(e) => {
          setValue('performance.scale', e.currentTarget.value as PerformanceScale, set);
          setValue('performance.score', '', set);
        }}
        data={(['lansky', 'karnofsky', 'ecog'] as const).map((s) => ({ value: s, label: t(`health.performance.scales.${s}`) }))}
      />
      {mismatch && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} data-testid="scale-warning">
          {shown === 'lansky' ? t('health.performance.mismatch.lansky') : t('health.performance.mismatch.karnofsky')}
        </Alert>
      )}
      <ChoiceField
        key={shown}
        name="performance.score"
        label={t('health.performance.level', { name: person })}
        description={t(`health.performance.levelHint.${shown}`)}
        options={LEVELS[shown].map((score) => ({
          value: String(score),
          label: t(`health.performance.levels.${shown}.${score}` as 'health.performance.levels.ecog.0'),
          description: shown === 'ecog' ? undefined : t('health.performance.ecogLike', { ecog: ecogLike(score) }),
        }))}
        onChosen={(v) => setValue('performance.scale', v === '' ? '' : shown, set)}
      />
      <ChoiceField
        name="performance.rated_by"
        label={t('health.performance.ratedBy')}
        description={dependent ? t('health.performance.ratedByHintParent') : undefined}
        options={[
          { value: dependent ? 'parent' : 'self', label: dependent ? t('health.performance.raters.parent') : t('health.performance.raters.self') },
          { value: 'clinician', label: t('health.performance.raters.clinician') },
        ]}
        unknownLabel={t('health.performance.raters.unknown')}
      />
      <DateField name="performance.assessed_on" label={t('health.performance.assessedOn')} />
    </Stack>
  );
}
