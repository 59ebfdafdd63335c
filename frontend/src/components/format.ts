// English readers are mostly in Europe: day before month.
const DATE_LOCALES: Record<string, string> = { en: 'en-GB' };

/** A date in the reader's language: "22 November 2026", "22 Kasım 2026". */
export function formatDate(iso: string | undefined, language: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(DATE_LOCALES[language] ?? language, { dateStyle: 'long' }).format(date);
}
