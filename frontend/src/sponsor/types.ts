// Types of the staff side of the API (trials, criteria, matching, recruitment,
// audit), as handlers/openapi.yaml describes them. The sponsor, investigator
// and admin portals share them.

export type TrialStatus = 'draft' | 'recruiting' | 'paused' | 'closed';

export const PHASES = ['early_phase1', 'phase1', 'phase2', 'phase3', 'phase4', 'not_applicable'] as const;
export type Phase = (typeof PHASES)[number];

export const SUMMARY_LANGUAGES = ['en', 'tr', 'ru', 'kk'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

export const STAFF_ROLES = ['principal_investigator', 'coordinator'] as const;
export type SiteStaffRole = (typeof STAFF_ROLES)[number];

export interface SiteStaff {
  user_id: string;
  display_name: string;
  email: string;
  role: SiteStaffRole;
}

export interface Site {
  id: string;
  name: string;
  city: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  target_enrollment: number | null;
  staff?: SiteStaff[];
}

export interface EthicsApproval {
  id: string;
  site_id: string | null;
  reference: string;
  approving_body: string;
  approved_on: string | null;
  expires_on: string;
}

/** One criterion as the API holds it: id, kind, rule and kind-specific fields. */
export interface Criterion {
  id: string;
  kind: string;
  rule?: 'include' | 'exclude';
  criteria?: Criterion[];
  [field: string]: unknown;
}

export interface Trial {
  id: string;
  nct_id: string | null;
  title: string;
  summary: Partial<Record<string, string>>;
  phases: string[];
  status: TrialStatus;
  target_enrollment: number | null;
  sponsor: { id: string; name: string };
  conditions: string[];
  unmapped_conditions: string[];
  criteria: Criterion[];
  sites: Site[];
  source: 'manual' | 'ctgov';
  registry_status: string | null;
  invitation_message: string;
  ethics_approvals?: EthicsApproval[];
  version: number;
  can_edit: boolean;
  my_site_ids: string[];
  created_at: string;
  updated_at: string;
}

export interface TrialRequest {
  nct_id?: string | null;
  title?: string;
  summary?: Partial<Record<SummaryLanguage, string>>;
  phases?: Phase[];
  status?: TrialStatus;
  target_enrollment?: number;
  conditions?: string[];
}

export interface SiteRequest {
  name: string;
  city?: string;
  country: string;
  latitude?: number | null;
  longitude?: number | null;
  target_enrollment?: number | null;
}

export interface EthicsRequest {
  site_id?: string | null;
  reference: string;
  approving_body: string;
  approved_on?: string | null;
  expires_on: string;
}

export interface FieldWarning {
  field: string;
  code: string;
  message: string;
}

export interface ImportResult {
  trial: Trial;
  warnings: FieldWarning[];
}

export type Outcome = 'met' | 'not_met' | 'unknown';
export type Verdict = 'eligible' | 'possibly_eligible' | 'ineligible';

export interface Reason {
  code: string;
  params: Record<string, string>;
}

export interface CriterionResult {
  id: string;
  kind: string;
  rule?: 'include' | 'exclude';
  outcome: Outcome;
  reason: Reason;
  members?: CriterionResult[];
}

export interface EligibilityResult {
  verdict: Verdict;
  counts: { met: number; not_met: number; unknown: number };
  criteria: CriterionResult[];
}

export interface Count {
  value: number | null;
  display: string;
  suppressed: boolean;
}

export interface Feasibility {
  reference_date: string;
  eligible: Count;
  possibly_eligible: Count;
  total: Count;
}

export interface Candidate {
  candidate_id: string;
  verdict: 'eligible' | 'possibly_eligible';
  unknown_count: number;
  age_years: number | null;
  sex: string | null;
  conditions: string[];
  country: string | null;
  nearest_site_km: number | null;
  within_reach: boolean | null;
  therapy: {
    prior_lines: number | null;
    categories: string[] | null;
    targets: string[] | null;
    prior_car_t: boolean | null;
    allogeneic_transplant: boolean | null;
    disease_status: string | null;
    performance_ecog: number | null;
  };
  explanation: EligibilityResult;
}

export const REFERRAL_STATES = [
  'invited',
  'accepted',
  'interested',
  'declined',
  'prescreening',
  'screen_failed',
  'eligible',
  'consented',
  'enrolled',
  'treated',
  'completed',
  'withdrawn',
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

export const SCREEN_FAIL_REASONS = [
  'inclusion_not_met',
  'exclusion_met',
  'declined',
  'lost_to_follow_up',
  'other',
] as const;
export type ScreenFailReason = (typeof SCREEN_FAIL_REASONS)[number];

export interface ReferralEvent {
  from_state: string | null;
  to_state: string;
  actor_role: string | null;
  reason_code: string | null;
  criterion_id: string | null;
  note: string | null;
  occurred_at: string;
}

export interface Identity {
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  preferred_language: string;
}

export interface Referral {
  id: string;
  trial_id: string;
  trial_title: string;
  site: Site;
  candidate_id: string;
  origin: 'invitation' | 'interest';
  state: ReferralState;
  version: number;
  identity_released: boolean;
  screen_fail_reason: string | null;
  invitation_message: string;
  identity?: Identity;
  allowed_moves: string[];
  history: ReferralEvent[];
  created_at: string;
  updated_at: string;
}

export interface TransitionRequest {
  to: string;
  version: number;
  reason_code?: ScreenFailReason;
  criterion_id?: string;
  note?: string;
}

export interface AuditEvent {
  id: number;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  actor_id?: string;
  action?: string;
  subject_type?: string;
  subject_id?: string;
  from?: string;
  to?: string;
}

export interface Mail {
  id: number;
  to: string;
  subject: string;
  body: string;
  sent_at: string;
}
