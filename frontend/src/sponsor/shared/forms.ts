import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isProblemError } from '../../api';
import type { StaffT } from './labels';
import { fieldProblemText } from './problems';

/** Puts server field errors on a form's inputs; returns whether any landed. */
export function placeServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  t: StaffT,
  group: 'sites' | 'recruitment' | 'problems' = 'problems',
): boolean {
  if (!isProblemError(error)) return false;
  let placed = false;
  for (const problem of error.fieldErrors) {
    const field = fields.find((f) => f === problem.field);
    if (!field) continue;
    setError(field, { type: 'server', message: fieldProblemText(t, problem, group) }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}

/** A form message: a staff-namespace key from a schema, or words from the server. */
export function messageText(t: StaffT, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(message, { defaultValue: message });
}
