import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { settleHints } from './settle';
import { bearingOf, describeCriterion, reasonText, type EligibilityT, type TextContext } from './text';
import type { Criterion, CriterionResult, Outcome } from './types';

// Every reason code of docs/eligibility.md with parameters the server sends.
const CODES: [string, Outcome, Record<string, string>][] = [
  ['age.in_range', 'met', { age: '9 years', min: '3 years', max: '21 years' }],
  ['age.below_min', 'not_met', { age: '2 years', min: '3 years' }],
  ['age.above_max', 'not_met', { age: '22 years', max: '21 years' }],
  ['age.missing', 'unknown', {}],
  ['age_at_diagnosis.in_range', 'met', { age: '4 years', max: '21 years' }],
  ['age_at_diagnosis.below_min', 'not_met', { age: '1 year', min: '2 years' }],
  ['age_at_diagnosis.above_max', 'not_met', { age: '25 years', max: '21 years' }],
  ['age_at_diagnosis.missing', 'unknown', {}],
  ['sex.match', 'met', { value: 'female', allowed: 'female' }],
  ['sex.no_match', 'not_met', { value: 'male', allowed: 'female' }],
  ['sex.missing', 'unknown', { allowed: 'female' }],
  ['disease_status.match', 'met', { value: 'relapsed', allowed: 'relapsed, refractory' }],
  ['disease_status.no_match', 'not_met', { value: 'in_remission', allowed: 'relapsed, refractory' }],
  ['disease_status.missing', 'unknown', { allowed: 'relapsed' }],
  ['cns_involvement.match', 'met', { value: 'CNS3', allowed: 'CNS3' }],
  ['cns_involvement.no_match', 'not_met', { value: 'CNS1', allowed: 'CNS3' }],
  ['cns_involvement.missing', 'unknown', { allowed: 'CNS3' }],
  ['philadelphia.match', 'met', { value: 'negative', allowed: 'negative' }],
  ['philadelphia.no_match', 'not_met', { value: 'positive', allowed: 'negative' }],
  ['philadelphia.missing', 'unknown', { allowed: 'negative' }],
  ['condition.match', 'met', { condition: 'b_all', required: 'b_all' }],
  ['condition.no_match', 'not_met', { condition: 'aml', required: 'b_all' }],
  ['condition.antigen_mismatch', 'not_met', { condition: 'b_all', antigen: 'CD19', status: 'negative', required: 'positive' }],
  ['condition.ancestor', 'unknown', { condition: 'b_nhl', required: 'dlbcl' }],
  ['condition.antigen_missing', 'unknown', { condition: 'b_all', antigen: 'CD19', required: 'positive' }],
  ['condition.missing', 'unknown', { required: 'b_all' }],
  ['relapse_count.in_range', 'met', { count: '2', min: '2', site: 'bone_marrow' }],
  ['relapse_count.below_min', 'not_met', { count: '1', min: '2' }],
  ['relapse_count.above_max', 'not_met', { count: '4', max: '3' }],
  ['relapse_count.unclear', 'unknown', { at_least: '1', min: '2' }],
  ['relapse_count.missing', 'unknown', { at_least: '0', min: '2' }],
  ['prior_lines.in_range', 'met', { lines: '2', min: '2' }],
  ['prior_lines.below_min', 'not_met', { lines: '1', min: '2' }],
  ['prior_lines.above_max', 'not_met', { lines: '5', max: '4' }],
  ['prior_lines.missing', 'unknown', { min: '2' }],
  ['prior_therapy.received', 'met', { items: 'anti_cd20, anthracycline', match: 'all' }],
  ['prior_therapy.not_received', 'not_met', { items: 'CD19', match: 'any' }],
  ['prior_therapy.unclear', 'unknown', { items: 'CD19', match: 'any' }],
  ['prior_therapy.missing', 'unknown', { match: 'any' }],
  ['refractory.met', 'met', { to: 'last_line' }],
  ['refractory.not_met', 'not_met', { items: 'proteasome_inhibitor', match: 'all' }],
  ['refractory.unclear', 'unknown', { to: 'last_line' }],
  ['refractory.missing', 'unknown', { to: 'last_line' }],
  ['remission_duration.met', 'met', { line: '1', months: '8', max: '12' }],
  ['remission_duration.no_line', 'not_met', { line: '2' }],
  ['remission_duration.no_remission', 'not_met', { line: '1' }],
  ['remission_duration.too_long', 'not_met', { line: '1', months: '20', max: '12' }],
  ['remission_duration.too_short', 'not_met', { line: '1', months: '2', min: '6' }],
  ['remission_duration.missing', 'unknown', { line: '1' }],
  ['remission_duration.response_unknown', 'unknown', { line: '1' }],
  ['remission_duration.relapse_unknown', 'unknown', { line: '1', max: '12' }],
  ['transplant.met', 'met', { type: 'allogeneic', months_since: '14', relapse_months: '9' }],
  ['transplant.none', 'not_met', { type: 'allogeneic' }],
  ['transplant.too_long_ago', 'not_met', { type: 'allogeneic', months_since: '9', within_months: '6' }],
  ['transplant.too_recent', 'not_met', { type: 'allogeneic', months_since: '3', min_months_since: '6' }],
  ['transplant.no_relapse_after', 'not_met', { type: 'autologous' }],
  ['transplant.relapse_too_late', 'not_met', { type: 'autologous', relapse_months: '15', relapse_within_months: '12' }],
  ['transplant.missing', 'unknown', { type: 'allogeneic' }],
  ['transplant.date_missing', 'unknown', { type: 'allogeneic' }],
  ['transplant.relapse_unknown', 'unknown', { type: 'allogeneic' }],
  ['performance.met', 'met', { scale: 'lansky', score: '70', threshold: 'Lansky ≥ 50' }],
  ['performance.not_met', 'not_met', { scale: 'ecog', score: '3', threshold: 'ECOG ≤ 1' }],
  ['performance.converted', 'met', { scale: 'karnofsky', score: '70', threshold: 'ECOG ≤ 1', converted: 'ECOG 1' }],
  ['performance.unclear', 'unknown', { scale: 'ecog', score: '1', threshold: 'Karnofsky ≥ 80', converted: 'Karnofsky 70–80' }],
  ['performance.missing', 'unknown', {}],
  ['active_gvhd.present', 'met', {}],
  ['active_gvhd.absent', 'not_met', {}],
  ['active_gvhd.missing', 'unknown', {}],
  ['healthy_volunteers.present', 'met', {}],
  ['healthy_volunteers.absent', 'not_met', {}],
  ['healthy_volunteers.missing', 'unknown', {}],
  ['isolated_extramedullary_relapse.present', 'met', {}],
  ['isolated_extramedullary_relapse.absent', 'not_met', {}],
  ['isolated_extramedullary_relapse.missing', 'unknown', {}],
  ['transplant_eligibility.match', 'met', { eligible: 'false', required: 'false' }],
  ['transplant_eligibility.no_match', 'not_met', { eligible: 'true', required: 'false' }],
  ['transplant_eligibility.missing', 'unknown', { required: 'false' }],
  ['location.met', 'met', { country: 'TR', allowed: 'TR, KZ', distance_km: '12', max_distance_km: '500' }],
  ['location.country_not_listed', 'not_met', { country: 'DE', allowed: 'TR, KZ' }],
  ['location.too_far', 'not_met', { distance_km: '2300', max_distance_km: '500' }],
  ['location.country_missing', 'unknown', { allowed: 'TR' }],
  ['location.coordinates_missing', 'unknown', { max_distance_km: '500' }],
  ['location.no_site_coordinates', 'unknown', { max_distance_km: '500' }],
  ['manual.review', 'unknown', { text: 'Adequate organ function' }],
  ['any_of.met', 'met', { members: 'rr-1' }],
  ['any_of.not_met', 'not_met', { members: 'rr-1, rr-2' }],
  ['any_of.unknown', 'unknown', { members: 'rr-4' }],
  ['all_of.met', 'met', { members: 'a, b' }],
  ['all_of.not_met', 'not_met', { members: 'a' }],
  ['all_of.unknown', 'unknown', { members: 'b' }],
];

const NAMES: Record<string, string> = { b_all: 'B-cell ALL', aml: 'AML', b_nhl: 'B-cell NHL', dlbcl: 'DLBCL' };

function ctx(lang: string): TextContext {
  const t: EligibilityT = i18n.getFixedT(lang, 'eligibility');
  return { t, lang, nameOf: (code) => NAMES[code] ?? code };
}

beforeAll(async () => {
  await initI18n('en');
  await i18n.loadLanguages(['tr']);
  const { changeLanguage } = await import('../i18n');
  await changeLanguage('tr');
  await changeLanguage('en');
});

describe('reason texts', () => {
  it.each(['en', 'tr', 'ru', 'kk'])('say every documented reason in words (%s)', (lang) => {
    for (const [code, outcome, params] of CODES) {
      const text = reasonText(ctx(lang), { kind: code.split('.')[0] ?? '', outcome, reason: { code, params } });
      expect(text, code).not.toMatch(/{{|}}|undefined|Judged as/);
      expect(text.length, code).toBeGreaterThan(8);
    }
  });

  it('read plainly in English', () => {
    const say = (code: string, outcome: Outcome, params: Record<string, string>) =>
      reasonText(ctx('en'), { kind: code.split('.')[0] ?? '', outcome, reason: { code, params } });
    expect(say('age.in_range', 'met', { age: '9 years', min: '3 years', max: '21 years' })).toBe(
      'Age 9 years; the criterion is 3 years to 21 years.',
    );
    expect(say('relapse_count.in_range', 'met', { count: '2', min: '2', site: 'bone_marrow' })).toBe(
      'Relapses in the bone marrow: 2; the criterion is 2 or more.',
    );
    expect(say('prior_therapy.not_received', 'not_met', { items: 'CD19', match: 'any' })).toBe(
      'Has not had a treatment aimed at CD19.',
    );
    expect(say('performance.converted', 'met', { scale: 'karnofsky', score: '70', threshold: 'ECOG ≤ 1', converted: 'ECOG 1' })).toBe(
      'Daily activity: Karnofsky 70, about ECOG 1, which meets ECOG 1 or lower.',
    );
    expect(say('condition.match', 'met', { condition: 'b_all', required: 'all' })).toBe('Diagnosis: B-cell ALL, a form of all.');
    expect(say('transplant.too_recent', 'not_met', { type: 'allogeneic', months_since: '3', min_months_since: '6' })).toBe(
      'The latest stem-cell transplant from a donor (allogeneic) was 3 months ago, less than 6 months.',
    );
  });

  it('read in Turkish, with units in Turkish', () => {
    const text = reasonText(ctx('tr'), {
      kind: 'age',
      outcome: 'met',
      reason: { code: 'age.in_range', params: { age: '9 years', min: '3 years', max: '21 years' } },
    });
    expect(text).toBe('Yaş 9 yıl; 3 yıl ile 21 yıl arası.');
  });

  it('fall back to the code for a code the frontend does not know', () => {
    const text = reasonText(ctx('en'), { kind: 'x', outcome: 'unknown', reason: { code: 'x.new_code', params: {} } });
    expect(text).toBe('Judged as “x.new_code”.');
  });
});

describe('criteria in words', () => {
  const c = (criterion: Partial<Criterion> & { kind: string }) => describeCriterion(ctx('en'), { id: 'c', ...criterion });
  it('describe every kind', () => {
    expect(c({ kind: 'age', min: { value: 3, unit: 'years' }, max: { value: 21, unit: 'years' } })).toBe('Age: 3 years to 21 years');
    expect(c({ kind: 'age', min: { value: 18, unit: 'years' } })).toBe('Age: 18 years or older');
    expect(c({ kind: 'age_at_diagnosis', max: { value: 21, unit: 'years' } })).toBe('Age at first diagnosis: up to 21 years');
    expect(c({ kind: 'condition', any_of: ['b_all'], antigens: { CD19: 'positive' } })).toBe(
      'Diagnosis: B-cell ALL, with CD19 positive',
    );
    expect(c({ kind: 'relapse_count', min: 2, site: 'bone_marrow' })).toBe('Relapses in the bone marrow: 2 or more');
    expect(c({ kind: 'prior_therapy', categories: ['anti_cd20', 'anthracycline'], match: 'all' })).toBe(
      'Earlier treatment with an anti-CD20 antibody (such as rituximab) and an anthracycline (such as doxorubicin or daunorubicin)',
    );
    expect(c({ kind: 'transplant', type: 'allogeneic', relapse_after: true, min_months_since: 6 })).toBe(
      'Had a stem-cell transplant from a donor (allogeneic), 6 months or more ago, and the illness came back after it',
    );
    expect(c({ kind: 'performance', karnofsky_min: 50, lansky_min: 50 })).toBe(
      'Daily activity: Karnofsky 50 or higher or Lansky 50 or higher',
    );
    expect(c({ kind: 'location', countries: ['TR', 'KZ'] })).toBe('Lives in Türkiye or Kazakhstan');
    expect(c({ kind: 'refractory', to: 'last_line' })).toMatch(/^The last treatment did not work/);
    expect(c({ kind: 'remission_duration', line: 1, max_months: 12 })).toBe(
      'A complete remission after treatment line 1 that lasted less than 12 months',
    );
    expect(c({ kind: 'manual', text: 'Adequate organ function' })).toBe('Adequate organ function');
    expect(c({ kind: 'any_of' })).toBe('One of the following');
    expect(c({ kind: 'something_new' })).toBe('Criterion “something_new”');
  });
});

describe('bearing', () => {
  it('counts an absent excluding fact in the person’s favour', () => {
    expect(bearingOf('include', 'met')).toBe('for');
    expect(bearingOf('include', 'not_met')).toBe('against');
    expect(bearingOf('exclude', 'met')).toBe('against');
    expect(bearingOf('exclude', 'not_met')).toBe('for');
    expect(bearingOf('exclude', 'unknown')).toBe('open');
  });
});

describe('settleHints', () => {
  const r = (id: string, code: string, outcome: Outcome, extra: Partial<CriterionResult> = {}): CriterionResult => ({
    id,
    kind: code.split('.')[0] ?? '',
    rule: 'include',
    outcome,
    reason: { code, params: {} },
    ...extra,
  });

  it('names each missing fact once, in the order of the wizard, and nothing for manual criteria', () => {
    const hints = settleHints([
      r('ps', 'performance.missing', 'unknown'),
      r('age', 'age.missing', 'unknown'),
      r('dx-age', 'age_at_diagnosis.missing', 'unknown'),
      r('organs', 'manual.review', 'unknown'),
      r('dx', 'condition.match', 'met'),
      r('rr', 'any_of.unknown', 'unknown', {
        members: [r('rr-1', 'relapse_count.unclear', 'unknown'), r('rr-2', 'transplant.none', 'not_met')],
      }),
      {
        ...r('cd19', 'condition.antigen_missing', 'unknown'),
        reason: { code: 'condition.antigen_missing', params: { antigen: 'CD19' } },
      },
    ]);
    expect(hints.map((h) => `${h.step}:${h.key}`)).toEqual([
      'about:dateOfBirth',
      'diagnosis:diagnosisDate',
      'diagnosis:relapses',
      'diagnosis:antigen',
      'performance:performance',
    ]);
    expect(hints.find((h) => h.key === 'antigen')?.params).toEqual({ antigen: 'CD19' });
  });
});
