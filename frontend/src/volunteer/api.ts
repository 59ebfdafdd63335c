// The volunteer area's API calls and types (shared/API.md, handlers/openapi.yaml).
// JSON is snake_case. In a clinical profile, absent or null is unknown and an
// empty list is none.

import { api, type Locale, type Page, type User } from '../api';
import { newIdempotencyKey } from '../api/client';
import type { Criterion, EligibilityResult, Verdict } from '../eligibility';

export type Relationship = 'self' | 'child' | 'ward';
export type ConsentScope = 'matching' | 'contact';
export const CONSENT_SCOPES: readonly ConsentScope[] = ['matching', 'contact'];

export interface Volunteer {
  id: string;
  relationship: Relationship;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  preferred_language: Locale;
  has_clinical_profile: boolean;
  clinical_updated_at: string | null;
  consents: ConsentScope[];
  invitations_paused: boolean;
  created_at: string;
}

export interface VolunteerInput {
  relationship?: Relationship;
  given_name?: string;
  family_name?: string;
  email?: string | null;
  phone?: string | null;
  preferred_language?: Locale;
  invitations_paused?: boolean;
}

// --- clinical profile -------------------------------------------------------

export const SEXES = ['female', 'male'] as const;
export const DISEASE_STATUSES = ['newly_diagnosed', 'in_remission', 'relapsed', 'refractory', 'primary_refractory'] as const;
export const RELAPSE_SITES = ['bone_marrow', 'cns', 'testis', 'other_extramedullary'] as const;
export const ANTIGENS = ['CD19', 'CD22', 'BCMA', 'CD20', 'CD38'] as const;
export const ANTIGEN_STATUSES = ['positive', 'negative', 'unknown'] as const;
export const CNS_STATUSES = ['CNS1', 'CNS2', 'CNS3'] as const;
export const RESPONSES = ['sCR', 'CR', 'CRi', 'VGPR', 'PR', 'MR', 'SD', 'PD'] as const;
export const THERAPY_CATEGORIES = [
  'chemotherapy',
  'anthracycline',
  'anti_cd20',
  'bispecific',
  'car_t',
  'autologous_sct',
  'allogeneic_sct',
  'radiotherapy',
  'tki',
  'immunomodulatory',
  'proteasome_inhibitor',
  'anti_cd38',
  'other',
] as const;
export const THERAPY_TARGETS = ['CD19', 'CD20', 'CD22', 'BCMA', 'CD38', 'other'] as const;
export const PERFORMANCE_SCALES = ['lansky', 'karnofsky', 'ecog'] as const;
export const RATERS = ['self', 'parent', 'clinician'] as const;
export const TRANSPLANT_TYPES = ['allogeneic', 'autologous'] as const;
// Self-reported and optional: the categories of an FDA diversity action plan.
export const RACES = [
  'american_indian_or_alaska_native',
  'asian',
  'black_or_african_american',
  'native_hawaiian_or_other_pacific_islander',
  'white',
  'more_than_one_race',
  'other',
  'prefer_not_to_say',
] as const;
export const ETHNICITIES = ['hispanic_or_latino', 'not_hispanic_or_latino', 'prefer_not_to_say'] as const;

export type Sex = (typeof SEXES)[number];
export type DiseaseStatus = (typeof DISEASE_STATUSES)[number];
export type RelapseSite = (typeof RELAPSE_SITES)[number];
export type AntigenStatus = (typeof ANTIGEN_STATUSES)[number];
export type CnsStatus = (typeof CNS_STATUSES)[number];
export type Response = (typeof RESPONSES)[number];
export type PerformanceScale = (typeof PERFORMANCE_SCALES)[number];
export type Rater = (typeof RATERS)[number];
export type TransplantType = (typeof TRANSPLANT_TYPES)[number];

export interface Relapse {
  date?: string | null;
  site: RelapseSite;
}

export interface Diagnosis {
  condition_code: string;
  diagnosed_on?: string | null;
  status?: DiseaseStatus | null;
  relapse_count?: number | null;
  relapses?: Relapse[] | null;
  antigens?: Record<string, AntigenStatus> | null;
  philadelphia?: AntigenStatus | null;
  cns_status?: CnsStatus | null;
  mrd?: AntigenStatus | null;
}

export interface TherapyLine {
  line: number;
  started_on?: string | null;
  ended_on?: string | null;
  categories?: string[] | null;
  targets?: string[] | null;
  agents?: string[] | null;
  best_response?: Response | null;
  response_on?: string | null;
  progressed_on_therapy?: boolean | null;
  relapsed_on?: string | null;
}

export interface Transplant {
  type: TransplantType;
  date?: string | null;
}

export interface Performance {
  scale: PerformanceScale;
  score: number;
  assessed_on?: string | null;
  rated_by?: Rater | null;
}

export interface ClinicalProfile {
  date_of_birth?: string | null;
  sex?: Sex | null;
  country?: string | null;
  city?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  travel?: { max_distance_km?: number | null; countries?: string[] | null } | null;
  healthy_volunteer?: boolean | null;
  diagnoses?: Diagnosis[] | null;
  therapy_lines?: TherapyLine[] | null;
  transplants?: Transplant[] | null;
  performance?: Performance | null;
  active_gvhd?: boolean | null;
  allo_sct_eligible?: boolean | null;
  race?: string | null;
  ethnicity?: string | null;
}

export interface FieldNote {
  field: string;
  code: string;
  message: string;
}

export interface Clinical {
  profile: ClinicalProfile;
  version: number;
  updated_at: string;
  warnings: FieldNote[];
}

// --- consent ----------------------------------------------------------------

export interface Consent {
  id: string;
  scope: ConsentScope;
  text_version: number;
  locale: Locale;
  granted_at: string;
  withdrawn_at: string | null;
}

export interface ConsentList {
  items: Consent[];
  active: ConsentScope[];
  next_cursor: string | null;
}

export interface ConsentText {
  scope: ConsentScope;
  version: number;
  locale: Locale;
  title: string;
  body: string;
}

// --- trials and matches -----------------------------------------------------

export interface Site {
  id: string;
  name: string;
  city: string;
  country: string;
  latitude: number | null;
  longitude: number | null;
  target_enrollment: number | null;
}

export interface Trial {
  id: string;
  nct_id: string | null;
  title: string;
  summary: Partial<Record<string, string>>;
  phases: string[];
  status: 'draft' | 'recruiting' | 'paused' | 'closed';
  target_enrollment: number | null;
  sponsor: { id: string; name: string };
  conditions: string[];
  criteria: Criterion[];
  sites: Site[];
  invitation_message: string;
}

export interface Match {
  trial: Trial;
  result: EligibilityResult;
  nearest_site_km: number | null;
  within_reach: boolean | null;
}

// --- recruitment ------------------------------------------------------------

export const REFERRAL_STATES = [
  'invited',
  'accepted',
  'declined',
  'interested',
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

export interface ReferralEvent {
  from_state: ReferralState | null;
  to_state: ReferralState;
  actor_role: string | null;
  reason_code: string | null;
  criterion_id: string | null;
  note: string | null;
  occurred_at: string;
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
  volunteer_name?: string;
  allowed_moves: string[];
  history: ReferralEvent[];
  created_at: string;
  updated_at: string;
}

export interface Notification {
  id: string;
  kind: 'invitation' | 'trial_matches' | 'referral_changed' | 'volunteer_replied' | (string & {});
  payload: { trial_id?: string; trial_title?: string; referral_id?: string; state?: string; path?: string };
  created_at: string;
  read_at: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
  next_cursor: string | null;
}

export interface ExportDocument {
  exported_at: string;
  account: User;
  volunteers: (Volunteer & { clinical: Clinical | null; derived_facts: unknown; consent_history?: Consent[] })[];
  audit_events: unknown[];
}

export type { Verdict };

// --- calls --------------------------------------------------------------------

const enc = encodeURIComponent;

export const volunteerApi = {
  list: (signal?: AbortSignal) =>
    api.request<Page<Volunteer>>('GET', '/volunteers', { signal }).then((page) => page.items),
  create: (input: VolunteerInput) => api.request<Volunteer>('POST', '/volunteers', { body: input }),
  update: (id: string, input: VolunteerInput) => api.request<Volunteer>('PATCH', `/volunteers/${enc(id)}`, { body: input }),
  remove: (id: string) => api.request<void>('DELETE', `/volunteers/${enc(id)}`),

  clinical: (id: string, signal?: AbortSignal) => api.request<Clinical>('GET', `/volunteers/${enc(id)}/clinical`, { signal }),
  saveClinical: (id: string, profile: ClinicalProfile) =>
    api.request<Clinical>('PUT', `/volunteers/${enc(id)}/clinical`, { body: profile }),

  consents: (id: string, signal?: AbortSignal) =>
    api.request<ConsentList>('GET', `/volunteers/${enc(id)}/consents`, { signal }),
  grantConsent: (id: string, body: { scope: ConsentScope; version: number; locale: Locale }) =>
    api.request<Consent>('POST', `/volunteers/${enc(id)}/consents`, { body }),
  withdrawConsent: (id: string, scope: ConsentScope) =>
    api.request<void>('DELETE', `/volunteers/${enc(id)}/consents`, { query: { scope } }),
  consentTexts: (locale: Locale, signal?: AbortSignal) =>
    api
      .request<{ items: ConsentText[] }>('GET', '/consent-texts', { query: { locale }, auth: false, signal })
      .then((r) => r.items),

  matches: (id: string, signal?: AbortSignal) =>
    api.request<Page<Match>>('GET', `/volunteers/${enc(id)}/matches`, { signal }).then((page) => page.items),
  /** Interest in a trial. The key makes a retry (or a double click) write once. */
  expressInterest: (id: string, trialId: string, idempotencyKey: string = newIdempotencyKey()) =>
    api.request<Referral>('POST', `/volunteers/${enc(id)}/interests`, {
      body: { trial_id: trialId },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  referrals: (signal?: AbortSignal) =>
    api.request<Page<Referral>>('GET', '/referrals', { query: { limit: 100 }, signal }).then((page) => page.items),
  accept: (referralId: string) => api.request<Referral>('POST', `/invitations/${enc(referralId)}/accept`),
  decline: (referralId: string) => api.request<Referral>('POST', `/invitations/${enc(referralId)}/decline`),
  withdraw: (referralId: string, version: number) =>
    api.request<Referral>('POST', `/referrals/${enc(referralId)}/transitions`, { body: { to: 'withdrawn', version } }),

  exportData: () => api.request<ExportDocument>('GET', '/me/export'),
  deleteAccount: () => api.request<void>('DELETE', '/me'),
};

export const publicApi = {
  trials: (signal?: AbortSignal) =>
    api.request<Page<Trial>>('GET', '/trials', { query: { limit: 100 }, auth: false, signal }).then((page) => page.items),
  trial: (id: string, signal?: AbortSignal) => api.request<Trial>('GET', `/trials/${enc(id)}`, { auth: false, signal }),
};

export const notificationApi = {
  list: (signal?: AbortSignal) => api.request<NotificationList>('GET', '/notifications', { query: { limit: 20 }, signal }),
  markRead: (id: string) => api.request<void>('POST', `/notifications/${enc(id)}/read`),
};
