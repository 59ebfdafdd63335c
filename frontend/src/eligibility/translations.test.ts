import { describe, expect, it } from 'vitest';
import eligibilityEn from '../i18n/eligibility/en';
import eligibilityKk from '../i18n/eligibility/kk';
import eligibilityRu from '../i18n/eligibility/ru';
import eligibilityTr from '../i18n/eligibility/tr';
import volunteerEn from '../i18n/volunteer/en';
import volunteerKk from '../i18n/volunteer/kk';
import volunteerRu from '../i18n/volunteer/ru';
import volunteerTr from '../i18n/volunteer/tr';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1] ?? '').sort().join();

describe.each([
  ['volunteer', volunteerEn, { tr: volunteerTr, ru: volunteerRu, kk: volunteerKk }],
  ['eligibility', eligibilityEn, { tr: eligibilityTr, ru: eligibilityRu, kk: eligibilityKk }],
] as const)('the %s namespace', (_name, en, others) => {
  const english = flatten(en);

  it('has English text for every key', () => {
    expect([...english].filter(([, text]) => !text.trim()).map(([key]) => key)).toEqual([]);
  });

  it('is complete in Turkish', () => {
    const turkish = flatten(others.tr);
    expect([...english.keys()].filter((key) => !turkish.get(key)?.trim())).toEqual([]);
  });

  it.each(['tr', 'ru', 'kk'] as const)('%s invents no key and keeps the placeholders', (lang) => {
    const flat = flatten(others[lang]);
    expect([...flat.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...flat].filter(([key, text]) => placeholders(text) !== placeholders(english.get(key) ?? '')).map(([k]) => k)).toEqual(
      [],
    );
  });
});

describe('Russian and Kazakh', () => {
  it.each([
    ['ru', volunteerRu, eligibilityRu],
    ['kk', volunteerKk, eligibilityKk],
  ] as const)('%s translate the profile wizard and every reason', (_lang, volunteer, eligibility) => {
    const wizard = flatten((volunteer as unknown as Tree).health as Tree, 'health');
    const needed = [...flatten(volunteerEn.health, 'health').keys()];
    expect(needed.filter((key) => !wizard.get(key))).toEqual([]);
    const reasons = flatten((eligibility as unknown as Tree).reasons as Tree, 'reasons');
    const neededReasons = [...flatten(eligibilityEn.reasons, 'reasons').keys()];
    expect(neededReasons.filter((key) => !reasons.get(key))).toEqual([]);
  });
});
