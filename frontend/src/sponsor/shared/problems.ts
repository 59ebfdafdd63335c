import type { TFunction } from 'i18next';
import { isProblemError, type FieldProblem } from '../../api';
import { problemText } from '../../components/problems';
import type { StaffT } from './labels';

type CodeGroup = 'candidates' | 'statusActions' | 'recruitment' | 'sites' | 'referral' | 'problems';

/**
 * A sentence for a failed call: the staff namespace's words for the
 * problem's code (or its first field error's code) within `group` when we
 * have them, else the shell's general wording.
 */
export function staffProblemText(
  t: StaffT,
  tc: TFunction,
  error: unknown,
  language: string,
  group: CodeGroup,
): string {
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  if (isProblemError(error)) {
    for (const code of [error.code, ...error.fieldErrors.map((f) => f.code)]) {
      const text = translate(`${group}.${code}`, { defaultValue: '' });
      if (text) return text;
    }
  }
  return problemText(tc, error, language);
}

/** The words for one field error: ours for its code within `group`, else the server's message. */
export function fieldProblemText(t: StaffT, problem: FieldProblem, group: CodeGroup = 'problems'): string {
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return (
    translate(`${group}.${problem.code}`, { defaultValue: '' }) ||
    problem.message ||
    translate(`problems.${problem.code}`, { defaultValue: problem.code })
  );
}

/** Field errors of a failed call, if it was a validation failure. */
export function fieldProblems(error: unknown): FieldProblem[] {
  return isProblemError(error) ? error.fieldErrors : [];
}
