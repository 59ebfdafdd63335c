import type { Trial } from '../api';

/** The plain-language summary in the reader's language, else English, else any. */
export function summaryIn(trial: Pick<Trial, 'summary'>, lang: string): string {
  const s = trial.summary;
  return s[lang] ?? s.en ?? Object.values(s).find((v) => !!v) ?? '';
}

/** The language the summary is shown in, for the lang attribute. */
export function summaryLang(trial: Pick<Trial, 'summary'>, lang: string): string {
  if (trial.summary[lang]) return lang;
  if (trial.summary.en) return 'en';
  return Object.keys(trial.summary)[0] ?? lang;
}
