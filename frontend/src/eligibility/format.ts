// Numbers, units, lists and country names in the reader's language, through
// Intl, so that "9 years" reads "9 yıl", "9 лет" or "9 жыл" without a plural
// table per language.

const INTL_LOCALES: Record<string, string> = { en: 'en-GB' };

export function intlLocale(lang: string): string {
  return INTL_LOCALES[lang] ?? lang;
}

const UNITS: Record<string, 'year' | 'month' | 'week' | 'day'> = {
  year: 'year',
  years: 'year',
  month: 'month',
  months: 'month',
  week: 'week',
  weeks: 'week',
  day: 'day',
  days: 'day',
};

/** 9 and 'years' → "9 years" in the reader's language. */
export function formatAge(value: number, unit: string, lang: string): string {
  const intlUnit = UNITS[unit];
  if (!intlUnit) return `${value} ${unit}`;
  try {
    return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit: intlUnit, unitDisplay: 'long' }).format(value);
  } catch {
    return `${value} ${unit}`;
  }
}

/** The server's English quantity ("9 years", "1 month") in the reader's language. */
export function formatQuantity(text: string | undefined, lang: string): string {
  if (!text) return '';
  const m = /^(-?\d+)\s+([a-z]+)$/.exec(text.trim());
  if (!m) return text;
  return formatAge(Number(m[1]), m[2] ?? '', lang);
}

export function formatMonths(months: number | string | undefined, lang: string): string {
  if (months === undefined || months === '') return '';
  const n = typeof months === 'number' ? months : Number(months);
  return Number.isFinite(n) ? formatAge(n, 'months', lang) : String(months);
}

export function formatKm(km: number | string | undefined, lang: string): string {
  if (km === undefined || km === '') return '';
  const n = typeof km === 'number' ? km : Number(km);
  if (!Number.isFinite(n)) return String(km);
  try {
    const format = new Intl.NumberFormat(intlLocale(lang), {
      style: 'unit',
      unit: 'kilometer',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    });
    // Under a kilometre reads "< 1 km", not "0 km".
    return n < 0.5 ? `< ${format.format(1)}` : format.format(Math.round(n));
  } catch {
    return `${Math.round(n)} km`;
  }
}

export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(n);
}

/** "a, b and c" or "a, b or c". */
export function joinList(items: readonly string[], lang: string, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  const list = items.filter((x) => x !== '');
  if (list.length <= 1) return list[0] ?? '';
  try {
    return new Intl.ListFormat(intlLocale(lang), { style: 'long', type }).format(list);
  } catch {
    return list.join(', ');
  }
}

/** A comma-separated parameter ("CD19, CD22") as a list. */
export function splitParam(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const regionNames = new Map<string, Intl.DisplayNames | null>();

/** "TR" → "Türkiye" (or "Турция", …). */
export function countryName(code: string, lang: string): string {
  let names = regionNames.get(lang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([intlLocale(lang), 'en'], { type: 'region' });
    } catch {
      names = null;
    }
    regionNames.set(lang, names);
  }
  try {
    return names?.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
