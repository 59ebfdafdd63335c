// Turns API problems into words for people, and server field errors into
// messages on the right inputs.
import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { isProblemError, type FieldProblem } from '../api';
import { CLIENT_CODES } from '../api/problem';
import { FIELD_MESSAGE_VALUES } from '../auth/schemas';
import type { Messages } from '../i18n/types';

export type FieldMessageKey = `fields.${Extract<keyof Messages['fields'], string>}`;

export function isFieldMessageKey(value: unknown): value is FieldMessageKey {
  return typeof value === 'string' && value.startsWith('fields.');
}

/** Text for a message from a zod schema (an i18n key) or from elsewhere. */
export function fieldText(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (isFieldMessageKey(message)) return t(message, FIELD_MESSAGE_VALUES);
  return message;
}

const FIELD_CODE_KEYS: Record<string, FieldMessageKey> = {
  required: 'fields.required',
  missing: 'fields.required',
  too_common: 'fields.passwordTooCommon',
  email_taken: 'fields.emailTaken',
  invalid_email: 'fields.emailInvalid',
  too_long: 'fields.tooLong',
};

/** A server field error in the reader's language when we know its code;
 * otherwise the server's own message. */
export function serverFieldText(t: TFunction, problem: FieldProblem): string {
  if (problem.code === 'too_short' && problem.field === 'password') {
    return t('fields.passwordTooShort', FIELD_MESSAGE_VALUES);
  }
  if (problem.field === 'email' && ['invalid', 'invalid_format', 'email'].includes(problem.code)) {
    return t('fields.emailInvalid');
  }
  const key = FIELD_CODE_KEYS[problem.code];
  if (key) return t(key, FIELD_MESSAGE_VALUES);
  return problem.message ?? t('fields.invalid');
}

/** Puts the server's field errors on the form's inputs. Returns true when at
 * least one landed on a known field, so the caller need not show a banner. */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  t: TFunction,
): boolean {
  if (!isProblemError(error)) return false;
  let applied = false;
  const problems = [...error.fieldErrors];
  if (error.code === 'email_taken' && !problems.some((p) => p.field === 'email')) {
    problems.push({ field: 'email', code: 'email_taken' });
  }
  for (const problem of problems) {
    const field = fields.find((f) => f === problem.field);
    if (!field) continue;
    setError(field, { type: 'server', message: serverFieldText(t, problem) }, { shouldFocus: !applied });
    applied = true;
  }
  return applied;
}

function relativeTime(seconds: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'always' });
  if (seconds < 60) return format.format(Math.max(1, seconds), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

/** A sentence for a failed call, for a banner or a notification. */
export function problemText(t: TFunction, error: unknown, language: string): string {
  if (!isProblemError(error)) return t('errors.generic');
  if (error.code === CLIENT_CODES.network) return t('errors.network');
  switch (error.code) {
    case 'invalid_credentials':
      return t('signIn.invalidCredentials');
    case 'account_disabled':
      return t('errors.accountDisabled');
    case 'too_many_attempts':
      return error.retryAfter !== undefined
        ? t('errors.tooManyAttempts', { when: relativeTime(error.retryAfter, language) })
        : t('errors.tooManyAttemptsLater');
    case 'forbidden':
      return t('errors.forbidden');
    case 'email_taken':
      return t('fields.emailTaken');
  }
  if (error.status === 429) return t('errors.tooManyAttemptsLater');
  if (error.status >= 500) return t('errors.server');
  return t('errors.generic');
}
