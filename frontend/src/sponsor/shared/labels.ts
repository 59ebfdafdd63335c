// Words for the codes the API uses (statuses, kinds, categories…), in the
// reader's language, with the code itself when we have no word for it (a
// value added to the server later still shows).

import type { TFunction } from 'i18next';
import type { StaffMessages } from '../../i18n/staff/en';

export type StaffT = TFunction<'staff'>;

type LabelGroup = {
  [K in keyof StaffMessages]: StaffMessages[K] extends Record<string, string> ? K : never;
}[keyof StaffMessages];

/** The label of `value` in one of the staff namespace's flat groups. */
export function label(t: StaffT, group: LabelGroup, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  // The group and value come from the API at run time; the fallback covers
  // codes we have no words for.
  const translate = t as unknown as (key: string, options: { defaultValue: string }) => string;
  return translate(`${group}.${value}`, { defaultValue: value });
}

export function labels(t: StaffT, group: LabelGroup, values: readonly string[] | null | undefined): string {
  if (!values || values.length === 0) return t('common.none');
  return values.map((v) => label(t, group, v)).join(', ');
}

export function yesNo(t: StaffT, value: boolean | null | undefined): string {
  if (value === null || value === undefined) return t('common.notKnown');
  return value ? t('common.yes') : t('common.no');
}

/** A date and time in the reader's language, short. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** A calendar date (YYYY-MM-DD) in the reader's language, without time-zone shifts. */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Today as YYYY-MM-DD in UTC, as the server judges dates. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
