import { NativeSelect, Stack, Text } from '@mantine/core';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ETHNICITIES, RACES } from '../api';
import { useFieldError } from './fieldError';
import { fieldId, type ProfileForm } from './model';

export function MoreStep({ person }: { person: string }) {
  const { t } = useTranslation('volunteer');
  const { register } = useFormContext<ProfileForm>();
  const raceError = useFieldError('race');
  const ethnicityError = useFieldError('ethnicity');
  return (
    <Stack gap="lg">
      <Text>{t('health.more.why')}</Text>
      <NativeSelect
        id={fieldId('race')}
        label={t('health.more.race', { name: person })}
        error={raceError}
        data={[{ value: '', label: t('common.notSaid') }, ...RACES.map((r) => ({ value: r, label: t(`health.more.races.${r}`) }))]}
        {...register('race')}
      />
      <NativeSelect
        id={fieldId('ethnicity')}
        label={t('health.more.ethnicity', { name: person })}
        error={ethnicityError}
        data={[
          { value: '', label: t('common.notSaid') },
          ...ETHNICITIES.map((e) => ({ value: e, label: t(`health.more.ethnicities.${e}`) })),
        ]}
        {...register('ethnicity')}
      />
    </Stack>
  );
}
