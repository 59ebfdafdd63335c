// Types of eligibility results and trial criteria (shared/API.md, "Trials and
// criteria"; docs/eligibility.md lists every kind and reason code).

export type Verdict = 'eligible' | 'possibly_eligible' | 'ineligible';
export type Outcome = 'met' | 'not_met' | 'unknown';
export type Rule = 'include' | 'exclude';

/** A reason: a stable code (e.g. `age.in_range`) and string parameters. */
export interface Reason {
  code: string;
  params: Record<string, string>;
}

/** One criterion's judgement; a group (`any_of`, `all_of`) carries its members. */
export interface CriterionResult {
  id: string;
  kind: string;
  /** Top-level criteria only; group members carry no rule. */
  rule?: Rule;
  /** Describes the criterion's condition: for an exclude criterion, `met`
   * means the excluding fact is present. */
  outcome: Outcome;
  reason: Reason;
  members?: CriterionResult[];
}

export interface EligibilityResult {
  verdict: Verdict;
  /** Top-level criteria by outcome (not by whether they favour the person). */
  counts: { met: number; not_met: number; unknown: number };
  criteria: CriterionResult[];
}

export type AgeUnit = 'years' | 'months' | 'weeks' | 'days';

export interface AgeBound {
  value: number;
  unit: AgeUnit;
}

/** A trial criterion as the API returns it. Fields depend on `kind`; every
 * field but id and kind is optional here so that an unknown kind still
 * renders. */
export interface Criterion {
  id: string;
  kind: string;
  rule?: Rule;
  min?: AgeBound | number | null;
  max?: AgeBound | number | null;
  any_of?: string[] | null;
  antigens?: Record<string, string> | null;
  site?: string | null;
  categories?: string[] | null;
  targets?: string[] | null;
  match?: 'any' | 'all' | null;
  type?: string | null;
  within_months?: number | null;
  min_months_since?: number | null;
  relapse_after?: boolean | null;
  relapse_within_months?: number | null;
  ecog_max?: number | null;
  karnofsky_min?: number | null;
  lansky_min?: number | null;
  countries?: string[] | null;
  max_distance_km?: number | null;
  to?: string | null;
  eligible?: boolean | null;
  line?: number | null;
  max_months?: number | null;
  min_months?: number | null;
  text?: string | null;
  criteria?: Criterion[] | null;
}

/** How a criterion's outcome bears on the person: `for` (an inclusion met or
 * an exclusion absent), `against`, or `open` (not known yet). */
export type Bearing = 'for' | 'against' | 'open';

/** Steps of the volunteer's clinical profile wizard, where a missing fact can
 * be added. */
export const PROFILE_STEPS = ['about', 'diagnosis', 'treatments', 'transplants', 'performance', 'more'] as const;
export type ProfileStep = (typeof PROFILE_STEPS)[number];

/** Who reads an explanation: volunteers get plain words and hints on what to
 * add; staff get the criterion ids, rules and outcomes as recorded. */
export type Audience = 'volunteer' | 'staff';
