// "What to add to settle the unknowns": for each criterion that is not known
// yet, the fact the profile lacks and the wizard step where it is entered.

import type { CriterionResult, ProfileStep } from './types';

export type SettleHintKey =
  | 'dateOfBirth'
  | 'sex'
  | 'place'
  | 'diagnosis'
  | 'diagnosisType'
  | 'antigen'
  | 'diagnosisDate'
  | 'diseaseStatus'
  | 'relapses'
  | 'cns'
  | 'philadelphia'
  | 'treatments'
  | 'treatmentKinds'
  | 'responses'
  | 'remission'
  | 'transplants'
  | 'transplantDates'
  | 'gvhd'
  | 'transplantEligibility'
  | 'performance';

export interface SettleHint {
  key: SettleHintKey;
  step: ProfileStep;
  /** Parameters of the hint's text (the antigen's name). */
  params?: Record<string, string>;
}

const BY_CODE: Record<string, Omit<SettleHint, 'params'>[]> = {
  'age.missing': [{ key: 'dateOfBirth', step: 'about' }],
  'age_at_diagnosis.missing': [
    { key: 'dateOfBirth', step: 'about' },
    { key: 'diagnosisDate', step: 'diagnosis' },
  ],
  'sex.missing': [{ key: 'sex', step: 'about' }],
  'condition.missing': [{ key: 'diagnosis', step: 'diagnosis' }],
  'condition.ancestor': [{ key: 'diagnosisType', step: 'diagnosis' }],
  'condition.antigen_missing': [{ key: 'antigen', step: 'diagnosis' }],
  'disease_status.missing': [{ key: 'diseaseStatus', step: 'diagnosis' }],
  'relapse_count.missing': [{ key: 'relapses', step: 'diagnosis' }],
  'relapse_count.unclear': [{ key: 'relapses', step: 'diagnosis' }],
  'isolated_extramedullary_relapse.missing': [{ key: 'relapses', step: 'diagnosis' }],
  'cns_involvement.missing': [{ key: 'cns', step: 'diagnosis' }],
  'philadelphia.missing': [{ key: 'philadelphia', step: 'diagnosis' }],
  'healthy_volunteers.missing': [{ key: 'diagnosis', step: 'diagnosis' }],
  'prior_lines.missing': [{ key: 'treatments', step: 'treatments' }],
  'prior_therapy.missing': [{ key: 'treatments', step: 'treatments' }],
  'prior_therapy.unclear': [{ key: 'treatmentKinds', step: 'treatments' }],
  'refractory.missing': [{ key: 'treatments', step: 'treatments' }],
  'refractory.unclear': [{ key: 'responses', step: 'treatments' }],
  'remission_duration.missing': [{ key: 'treatments', step: 'treatments' }],
  'remission_duration.response_unknown': [{ key: 'responses', step: 'treatments' }],
  'remission_duration.relapse_unknown': [{ key: 'remission', step: 'treatments' }],
  'transplant.missing': [{ key: 'transplants', step: 'transplants' }],
  'transplant.date_missing': [{ key: 'transplantDates', step: 'transplants' }],
  'transplant.relapse_unknown': [
    { key: 'transplantDates', step: 'transplants' },
    { key: 'relapses', step: 'diagnosis' },
  ],
  'active_gvhd.missing': [{ key: 'gvhd', step: 'transplants' }],
  'transplant_eligibility.missing': [{ key: 'transplantEligibility', step: 'transplants' }],
  'performance.missing': [{ key: 'performance', step: 'performance' }],
  'performance.unclear': [{ key: 'performance', step: 'performance' }],
  'location.country_missing': [{ key: 'place', step: 'about' }],
  'location.coordinates_missing': [{ key: 'place', step: 'about' }],
};

function collect(result: CriterionResult, out: SettleHint[]): void {
  if (result.outcome !== 'unknown') return;
  if (result.members?.length) {
    for (const member of result.members) collect(member, out);
    return;
  }
  for (const hint of BY_CODE[result.reason.code] ?? []) {
    const params = hint.key === 'antigen' ? { antigen: result.reason.params.antigen ?? '' } : undefined;
    out.push(params ? { ...hint, params } : { ...hint });
  }
}

const STEP_ORDER: Record<ProfileStep, number> = {
  about: 0,
  diagnosis: 1,
  treatments: 2,
  transplants: 3,
  performance: 4,
  more: 5,
};

/** The facts to add, each once, in the order of the wizard's steps. Criteria
 * that only the trial team can judge (manual ones) add nothing. */
export function settleHints(criteria: readonly CriterionResult[]): SettleHint[] {
  const all: SettleHint[] = [];
  for (const c of criteria) collect(c, all);
  const seen = new Set<string>();
  const unique = all.filter((h) => {
    const id = `${h.key}|${h.params?.antigen ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique.sort((a, b) => STEP_ORDER[a.step] - STEP_ORDER[b.step]);
}

/** Whether any open criterion can be settled by the profile (not only at screening). */
export function countOpen(criteria: readonly CriterionResult[]): number {
  return criteria.filter((c) => c.outcome === 'unknown').length;
}
