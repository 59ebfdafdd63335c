// The wizard's error summary: every invalid answer, on any step, with a
// label a person can read and the step where it is.

import type { TFunction } from 'i18next';
import type { FieldErrors } from 'react-hook-form';
import en from '../../i18n/volunteer/en';
import type { ProfileStep } from '../../eligibility';
import { stepOf, type ProfileForm } from './model';

export interface SummaryItem {
  path: string;
  message: string;
  step: ProfileStep;
}

/** Every leaf error of react-hook-form's nested errors object. */
export function flattenErrors(errors: FieldErrors<ProfileForm>): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const leaf = node as { message?: unknown; type?: unknown };
    if (typeof leaf.message === 'string' && leaf.message !== '') {
      out.push({ path, message: leaf.message });
      return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'ref' || key === 'types') continue;
      walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(errors, '');
  return out.map((e) => ({ ...e, path: e.path.replace(/\.root$/, '') }));
}

export function summaryItems(errors: FieldErrors<ProfileForm>, text: (message: string) => string): SummaryItem[] {
  return flattenErrors(errors).map((e) => ({ path: e.path, message: text(e.message), step: stepOf(e.path) }));
}

const NAMES = en.health.fieldNames as Record<string, string>;
const NUMBERED = new Set(['diagnoses', 'relapses', 'therapy_lines', 'transplants']);

/** "Treatment line 2 · Date it ended". */
export function fieldLabel(t: TFunction<'volunteer'>, path: string): string {
  const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const seg = parts[i] ?? '';
    const next = parts[i + 1];
    if (NUMBERED.has(seg) && next !== undefined && /^\d+$/.test(next)) {
      out.push(tr(`health.fieldNames.${seg}`, { n: Number(next) + 1 }));
      i += 1;
    } else if (seg === 'antigens' && next !== undefined) {
      out.push(tr('health.fieldNames.antigen', { antigen: next }));
      i += 1;
    } else if (seg in NAMES) {
      out.push(tr(`health.fieldNames.${seg}`));
    } else if (!/^\d+$/.test(seg)) {
      out.push(seg);
    }
  }
  return out.join(' · ');
}
