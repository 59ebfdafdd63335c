import { Alert, Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconCurrentLocation, IconMapPin } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { countryName } from '../../eligibility';
import { fieldId, type ProfileForm } from './model';
import { CheckboxesField, ChoiceField, DateField } from './fields';
import { useFieldError } from './fieldError';
import { coarse, COUNTRIES, nearestPlace, PLACES } from './places';
import { wrapLabel } from '../components/wrap';

const OTHER = '__other';
const DISTANCES = ['50', '100', '250', '500', '1000', '2000', '5000'];

function PlaceFields({ person }: { person: string }) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { control, setValue, register } = useFormContext<ProfileForm>();
  const [country, city, latitude, longitude] = useWatch({ control, name: ['country', 'city', 'latitude', 'longitude'] });
  const places = PLACES[country] ?? [];
  const listed = places.some((p) => p.city === city);
  const [typing, setTyping] = useState(city !== '' && !listed);
  const [locating, setLocating] = useState(false);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const cityError = useFieldError('city');
  const countryError = useFieldError('country');
  const geolocation = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const set = { shouldDirty: true, shouldValidate: false } as const;

  const chooseCity = (value: string) => {
    if (value === OTHER) {
      setTyping(true);
      setValue('city', '', set);
      setValue('latitude', null, set);
      setValue('longitude', null, set);
      return;
    }
    setTyping(false);
    const place = places.find((p) => p.city === value);
    setValue('city', value, set);
    setValue('latitude', place ? place.lat : null, set);
    setValue('longitude', place ? place.lon : null, set);
  };

  const locate = () => {
    setLocating(true);
    setLocationNote(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const lat = coarse(position.coords.latitude);
        const lon = coarse(position.coords.longitude);
        setValue('latitude', lat, set);
        setValue('longitude', lon, set);
        const near = nearestPlace(lat, lon);
        if (near) {
          setValue('country', near.country, set);
          setValue('city', near.place.city, set);
          setTyping(false);
          setLocationNote(t('health.about.locationNear', { city: near.place.city }));
        } else {
          setTyping(true);
          setLocationNote(t('health.about.locationSet'));
        }
      },
      () => {
        setLocating(false);
        setLocationNote(t('health.about.locationDenied'));
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  };

  return (
    <Stack gap="md">
      <Controller
        control={control}
        name="country"
        render={({ field }) => (
          <NativeSelect
            id={fieldId('country')}
            label={t('health.about.country', { name: person })}
            value={field.value}
            onChange={(e) => {
              field.onChange(e.currentTarget.value);
              setTyping(false);
              setValue('city', '', set);
              setValue('latitude', null, set);
              setValue('longitude', null, set);
            }}
            onBlur={field.onBlur}
            error={countryError}
            data={[
              { value: '', label: t('common.notSaid') },
              ...COUNTRIES.map((c) => ({ value: c, label: countryName(c, lang) })),
            ]}
          />
        )}
      />
      {country !== '' && places.length > 0 && (
        <NativeSelect
          id={typing ? undefined : fieldId('city')}
          label={t('health.about.city')}
          description={t('health.about.cityHint')}
          value={typing ? OTHER : listed ? city : ''}
          onChange={(e) => chooseCity(e.currentTarget.value)}
          error={typing ? undefined : cityError}
          data={[
            { value: '', label: t('common.notSaid') },
            ...places.map((p) => ({ value: p.city, label: p.city })),
            { value: OTHER, label: t('health.about.otherCity') },
          ]}
        />
      )}
      {(typing || (country !== '' && places.length === 0)) && (
        <TextInput
          id={fieldId('city')}
          label={t('health.about.cityName')}
          description={t('health.about.cityNameHint')}
          error={cityError}
          autoComplete="address-level2"
          {...register('city')}
        />
      )}
      <Stack gap={6} align="flex-start">
        {geolocation && (
          <Button {...wrapLabel}
            variant="default"
            leftSection={<IconCurrentLocation size={18} aria-hidden />}
            onClick={locate}
            loading={locating}
          >
            {t('health.about.useLocation')}
          </Button>
        )}
        <Text size="sm" c="dimmed">
          {t('health.about.locationPrivacy')}
        </Text>
        {latitude !== null && longitude !== null && (
          <Group gap={6} wrap="nowrap">
            <IconMapPin size={16} aria-hidden />
            <Text size="sm">{t('health.about.hasPosition')}</Text>
          </Group>
        )}
        {locationNote && (
          <Alert color="blue" variant="light" p="xs" role="status" w="100%">
            {locationNote}
          </Alert>
        )}
      </Stack>
    </Stack>
  );
}

// The countries where the trials run, offered first for travel.
const TRIAL_COUNTRIES = ['TR', 'KZ', 'DE', 'ES'];

export function AboutStep({ person }: { person: string }) {
  const { t, i18n } = useTranslation('volunteer');
  const lang = i18n.resolvedLanguage ?? 'en';
  const { register, control, getValues } = useFormContext<ProfileForm>();
  const travelError = useFieldError('travel.max_distance_km');
  const home = useWatch({ control, name: 'country' });
  const [allCountries, setAllCountries] = useState(() =>
    getValues('travel.countries').some((c) => !TRIAL_COUNTRIES.includes(c)),
  );
  const travelOptions = allCountries
    ? COUNTRIES
    : COUNTRIES.filter((c) => TRIAL_COUNTRIES.includes(c) || c === home);
  return (
    <Stack gap="lg">
      <DateField name="date_of_birth" label={t('health.about.dateOfBirth', { name: person })} description={t('health.about.dateOfBirthHint')} />
      <ChoiceField
        name="sex"
        label={t('health.about.sex', { name: person })}
        options={[
          { value: 'female', label: t('health.about.female') },
          { value: 'male', label: t('health.about.male') },
        ]}
      />
      <PlaceFields person={person} />
      <NativeSelect
        id={fieldId('travel.max_distance_km')}
        label={t('health.about.travelDistance', { name: person })}
        description={t('health.about.travelHint')}
        error={travelError}
        data={[
          { value: '', label: t('common.notSaid') },
          ...DISTANCES.map((d) => ({ value: d, label: t('health.about.upToKm', { km: Number(d).toLocaleString(lang) }) })),
          { value: '20000', label: t('health.about.anyDistance') },
        ]}
        {...register('travel.max_distance_km')}
      />
      <CheckboxesField
        name="travel.countries"
        label={t('health.about.travelCountries')}
        description={t('health.about.travelCountriesHint')}
        cols={2}
        options={travelOptions.map((c) => ({ value: c, label: countryName(c, lang) }))}
      />
      {!allCountries && (
        <Button {...wrapLabel} variant="subtle" size="sm" onClick={() => setAllCountries(true)} style={{ alignSelf: 'flex-start' }}>
          {t('health.about.moreCountries')}
        </Button>
      )}
    </Stack>
  );
}
