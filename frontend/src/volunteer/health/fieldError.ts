import { get, useFormContext, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { schemaText } from '../components/errors';
import type { ProfileForm } from './model';

export type Name = FieldPath<ProfileForm>;

/** The error message of a field, in the reader's language. */
export function useFieldError(name: Name): string | undefined {
  const { t } = useTranslation('volunteer');
  const {
    formState: { errors },
  } = useFormContext<ProfileForm>();
  const error: { message?: string } | undefined = get(errors, name);
  return schemaText(t, error?.message);
}
