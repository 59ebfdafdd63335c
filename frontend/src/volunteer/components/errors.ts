// Server field errors in the reader's language. The server names each field
// by its JSON path and a code; a code we know gets our words, any other the
// server's message.

import type { TFunction } from 'i18next';
import { isProblemError, type FieldProblem } from '../../api';
import en from '../../i18n/volunteer/en';

const CODES = en.errors.codes as Record<string, string>;

export function fieldProblemText(t: TFunction<'volunteer'>, problem: Pick<FieldProblem, 'code' | 'message'>): string {
  if (problem.code in CODES) {
    return (t as unknown as (key: string) => string)(`errors.codes.${problem.code}`);
  }
  return problem.message ?? t('errors.codes.invalid');
}

/** A message from a zod schema: a key under `errors.` of this namespace. */
export function schemaText(t: TFunction<'volunteer'>, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (message.startsWith('errors.')) return (t as unknown as (key: string) => string)(message);
  return message;
}

export function fieldProblems(error: unknown): FieldProblem[] {
  return isProblemError(error) ? error.fieldErrors : [];
}
