// Inputs of the wizard, bound to the react-hook-form context. Every choice
// offers "I don't know", which leaves the fact unknown; every input gets an id
// from its path so that the error summary can link to it.

import { Checkbox, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useFieldError, type Name } from './fieldError';
import { fieldId, type ProfileForm } from './model';
import { todayIso } from './schema';

const UNKNOWN = '__unknown';

export function DateField({ name, label, description }: { name: Name; label: string; description?: ReactNode }) {
  const { register } = useFormContext<ProfileForm>();
  const error = useFieldError(name);
  return (
    <TextInput
      id={fieldId(name)}
      type="date"
      label={label}
      description={description}
      max={todayIso()}
      error={error}
      style={{ maxWidth: '16rem' }}
      {...register(name)}
    />
  );
}

export function TextField({
  name,
  label,
  description,
  ...props
}: { name: Name; label: string; description?: ReactNode; inputMode?: 'numeric' | 'text'; type?: string; autoComplete?: string }) {
  const { register } = useFormContext<ProfileForm>();
  const error = useFieldError(name);
  return <TextInput id={fieldId(name)} label={label} description={description} error={error} {...props} {...register(name)} />;
}

export interface Option {
  value: string;
  label: string;
  description?: string;
}

/** One answer from a list, or "I don't know" (an empty value). */
export function ChoiceField({
  name,
  label,
  description,
  options,
  unknownLabel,
  onChosen,
}: {
  name: Name;
  label: string;
  description?: ReactNode;
  options: Option[];
  /** The "I don't know" option's text; false to offer none. */
  unknownLabel?: string | false;
  onChosen?: (value: string) => void;
}) {
  const { t } = useTranslation('volunteer');
  const { control } = useFormContext<ProfileForm>();
  const error = useFieldError(name);
  const all = unknownLabel === false ? options : [...options, { value: UNKNOWN, label: unknownLabel ?? t('common.dontKnow') }];
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const value = typeof field.value === 'string' ? field.value : '';
        return (
          <Radio.Group
            label={label}
            description={description}
            value={value === '' && unknownLabel !== false ? UNKNOWN : value}
            onChange={(v) => {
              const next = v === UNKNOWN ? '' : v;
              field.onChange(next);
              onChosen?.(next);
            }}
            name={field.name}
            error={error}
          >
            <Stack gap={10} mt={8}>
              {all.map((o, i) => (
                <Radio
                  key={o.value}
                  id={i === 0 ? fieldId(name) : undefined}
                  value={o.value}
                  label={o.label}
                  description={o.description}
                  onBlur={i === 0 ? field.onBlur : undefined}
                />
              ))}
            </Stack>
          </Radio.Group>
        );
      }}
    />
  );
}

export function TriField({ name, label, description }: { name: Name; label: string; description?: ReactNode }) {
  const { t } = useTranslation('volunteer');
  return (
    <ChoiceField
      name={name}
      label={label}
      description={description}
      options={[
        { value: 'yes', label: t('common.yes') },
        { value: 'no', label: t('common.no') },
      ]}
    />
  );
}

export function CheckboxesField({
  name,
  label,
  description,
  options,
  cols = 1,
}: {
  name: Name;
  label: string;
  description?: ReactNode;
  options: Option[];
  cols?: 1 | 2;
}) {
  const { control } = useFormContext<ProfileForm>();
  const error = useFieldError(name);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Checkbox.Group
          label={label}
          description={description}
          value={Array.isArray(field.value) ? (field.value as string[]) : []}
          onChange={field.onChange}
          error={error}
        >
          <SimpleGrid cols={{ base: 1, xs: cols }} spacing={10} verticalSpacing={10} mt={8}>
            {options.map((o, i) => (
              <Checkbox key={o.value} id={i === 0 ? fieldId(name) : undefined} value={o.value} label={o.label} description={o.description} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      )}
    />
  );
}
