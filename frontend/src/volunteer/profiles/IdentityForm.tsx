import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, NativeSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../api';
import { problemText } from '../../components/problems';
import { currentLanguage } from '../../i18n';
import { volunteerApi, type Relationship, type Volunteer } from '../api';
import { fieldProblems, fieldProblemText, schemaText } from '../components/errors';
import { keys } from '../queries';
import { IDENTITY_FIELDS, identitySchema, type IdentityValues } from './schema';
import { wrapLabel } from '../components/wrap';

const ENDONYMS: Record<Locale, string> = { en: 'English', tr: 'Türkçe', ru: 'Русский', kk: 'Қазақша' };

/** Names, contact and language of a profile: a new one, or changes to one. */
export function IdentityForm({
  profile,
  relationship,
  canAddSelf,
  onDone,
  onCancel,
}: {
  profile?: Volunteer;
  relationship: Relationship;
  canAddSelf: boolean;
  onDone: (saved: Volunteer) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('volunteer');
  const { t: tShell } = useTranslation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<IdentityValues>({
    resolver: zodResolver(identitySchema),
    defaultValues: {
      relationship: profile?.relationship ?? relationship,
      given_name: profile?.given_name ?? '',
      family_name: profile?.family_name ?? '',
      email: profile?.email ?? '',
      phone: profile?.phone ?? '',
      preferred_language: profile?.preferred_language ?? currentLanguage(),
    },
  });
  const chosen = useWatch({ control, name: 'relationship' });
  const dependent = chosen !== 'self';

  const save = useMutation({
    mutationFn: (values: IdentityValues) => {
      const body = {
        given_name: values.given_name,
        family_name: values.family_name,
        email: values.email,
        phone: values.phone,
        preferred_language: values.preferred_language,
      };
      if (profile) return volunteerApi.update(profile.id, body);
      return volunteerApi.create({
        ...body,
        relationship: values.relationship,
        email: values.email || null,
        phone: values.phone || null,
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: keys.volunteers });
      onDone(saved);
    },
    onError: (error) => {
      let focused = false;
      for (const problem of fieldProblems(error)) {
        const field = IDENTITY_FIELDS.find((f) => f === problem.field);
        if (!field) continue;
        setError(field, { type: 'server', message: fieldProblemText(t, problem) }, { shouldFocus: !focused });
        focused = true;
      }
      if (!focused) setFormError(problemText(tShell, error, i18n.language));
    },
  });

  const onSubmit = handleSubmit((values) => {
    setFormError(null);
    save.mutate(values);
  });

  const err = (message: string | undefined) => schemaText(t, message);

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        {!profile && (
          <Controller
            control={control}
            name="relationship"
            render={({ field }) => (
              <Radio.Group
                label={t('profiles.form.relationship')}
                value={field.value}
                onChange={field.onChange}
                name={field.name}
                error={err(errors.relationship?.message)}
              >
                <Stack gap="xs" mt={6}>
                  {(['child', 'ward', 'self'] as const)
                    .filter((r) => r !== 'self' || canAddSelf)
                    .map((r) => (
                      <Radio key={r} value={r} label={t(`profiles.form.relationshipOption.${r}`)} />
                    ))}
                </Stack>
              </Radio.Group>
            )}
          />
        )}
        <TextInput
          label={dependent ? t('profiles.form.givenNameDependent') : t('profiles.form.givenName')}
          autoComplete={dependent ? 'off' : 'given-name'}
          required
          error={err(errors.given_name?.message)}
          {...register('given_name')}
        />
        <TextInput
          label={dependent ? t('profiles.form.familyNameDependent') : t('profiles.form.familyName')}
          autoComplete={dependent ? 'off' : 'family-name'}
          required
          error={err(errors.family_name?.message)}
          {...register('family_name')}
        />
        <Text size="sm" c="dimmed">
          {dependent ? t('profiles.form.contactHintDependent') : t('profiles.form.contactHint')}
        </Text>
        <TextInput
          label={t('profiles.form.email')}
          type="email"
          inputMode="email"
          autoComplete="email"
          error={err(errors.email?.message)}
          {...register('email')}
        />
        <TextInput
          label={t('profiles.form.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          description={t('profiles.form.phoneHint')}
          error={err(errors.phone?.message)}
          {...register('phone')}
        />
        <NativeSelect
          label={t('profiles.form.language')}
          description={t('profiles.form.languageHint')}
          data={LOCALES.map((l) => ({ value: l, label: ENDONYMS[l] }))}
          error={err(errors.preferred_language?.message)}
          {...register('preferred_language')}
        />
        <Group justify="flex-end" gap="sm">
          <Button {...wrapLabel} variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button {...wrapLabel} type="submit" loading={save.isPending}>
            {profile ? t('common.save') : t('profiles.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
