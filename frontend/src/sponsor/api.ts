// Calls of the sponsor portal (trials, criteria, sites, recruitment set-up),
// through the app's one API client. The investigator portal reuses the trial
// reads, evaluation and feasibility.

import { api, type Page } from '../api';
import type {
  Criterion,
  EligibilityResult,
  EthicsApproval,
  EthicsRequest,
  Feasibility,
  ImportResult,
  Site,
  SiteRequest,
  SiteStaff,
  SiteStaffRole,
  Trial,
  TrialRequest,
} from './types';

const enc = encodeURIComponent;

export const trialKeys = {
  all: ['trials'] as const,
  list: () => ['trials', 'list'] as const,
  one: (id: string) => ['trials', 'one', id] as const,
};

/** Every trial the caller may see (recruiting ones, and their own), all pages. */
export async function listAllTrials(signal?: AbortSignal): Promise<Trial[]> {
  const out: Trial[] = [];
  let cursor: string | null = null;
  // A sponsor has tens of trials, not thousands; a bound keeps a bug from looping.
  for (let i = 0; i < 50; i += 1) {
    const page: Page<Trial> = await api.request<Page<Trial>>('GET', '/trials', {
      query: { limit: 100, cursor },
      signal,
    });
    out.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return out;
}

export function getTrial(id: string, signal?: AbortSignal): Promise<Trial> {
  return api.request<Trial>('GET', `/trials/${enc(id)}`, { signal });
}

export function createTrial(body: TrialRequest): Promise<Trial> {
  return api.request<Trial>('POST', '/trials', { body });
}

export function updateTrial(id: string, body: TrialRequest): Promise<Trial> {
  return api.request<Trial>('PATCH', `/trials/${enc(id)}`, { body });
}

export function putCriteria(id: string, criteria: Criterion[]): Promise<Trial> {
  return api.request<Trial>('PUT', `/trials/${enc(id)}/criteria`, { body: criteria });
}

export function addSite(trialId: string, body: SiteRequest): Promise<Site> {
  return api.request<Site>('POST', `/trials/${enc(trialId)}/sites`, { body });
}

export function addSiteStaff(
  trialId: string,
  siteId: string,
  body: { email: string; role: SiteStaffRole },
): Promise<SiteStaff> {
  return api.request<SiteStaff>('POST', `/trials/${enc(trialId)}/sites/${enc(siteId)}/staff`, { body });
}

export function setInvitationMessage(trialId: string, message: string): Promise<Trial> {
  return api.request<Trial>('PUT', `/trials/${enc(trialId)}/invitation-message`, {
    body: { invitation_message: message },
  });
}

export function addEthicsApproval(trialId: string, body: EthicsRequest): Promise<EthicsApproval> {
  return api.request<EthicsApproval>('POST', `/trials/${enc(trialId)}/ethics-approvals`, { body });
}

export function importCtgov(record: unknown): Promise<ImportResult> {
  return api.request<ImportResult>('POST', '/trials/import/ctgov', { body: record });
}

export function evaluate(
  body: { criteria: Criterion[]; profile: unknown; reference_date?: string | null },
  signal?: AbortSignal,
): Promise<EligibilityResult> {
  return api.request<EligibilityResult>('POST', '/eligibility/evaluate', { body, signal });
}

/** Counts for the criteria given, or for the saved ones when none are. */
export function feasibility(trialId: string, criteria?: Criterion[], signal?: AbortSignal): Promise<Feasibility> {
  return api.request<Feasibility>('POST', `/trials/${enc(trialId)}/feasibility`, {
    body: criteria ? { criteria } : {},
    signal,
  });
}

/** The trial's referrals as a FHIR R4 Bundle (JSON). */
export function getFhirBundle(trialId: string): Promise<unknown> {
  return api.request<unknown>('GET', `/trials/${enc(trialId)}/referrals.fhir`);
}
