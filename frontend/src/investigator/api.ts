// Calls of the investigator portal: candidates, invitations and the
// screening pipeline, through the app's one API client.

import { api, type Page } from '../api';
import { newIdempotencyKey } from '../api/client';
import type { Candidate, Referral, TransitionRequest } from '../sponsor/types';

const enc = encodeURIComponent;

export const PAGE_SIZE = 20;

export function listCandidates(
  trialId: string,
  params: { verdict?: string; site_id?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Candidate>> {
  return api.request<Page<Candidate>>('GET', `/trials/${enc(trialId)}/candidates`, {
    query: { verdict: params.verdict, site_id: params.site_id, cursor: params.cursor, limit: params.limit ?? PAGE_SIZE },
    signal,
  });
}

/** Invites a candidate. The key makes a retry of the same invitation write nothing twice. */
export function invite(
  trialId: string,
  body: { candidate_id: string; site_id: string },
  idempotencyKey: string = newIdempotencyKey(),
): Promise<Referral> {
  return api.request<Referral>('POST', `/trials/${enc(trialId)}/invitations`, {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function listReferrals(
  params: { trial_id?: string; site_id?: string; state?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<Page<Referral>> {
  return api.request<Page<Referral>>('GET', '/referrals', {
    query: {
      trial_id: params.trial_id,
      site_id: params.site_id,
      state: params.state,
      cursor: params.cursor,
      limit: params.limit ?? 50,
    },
    signal,
  });
}

/** One referral; with the identity once released (each such read is audited). */
export function getReferral(id: string, signal?: AbortSignal): Promise<Referral> {
  return api.request<Referral>('GET', `/referrals/${enc(id)}`, { signal });
}

export function transition(id: string, body: TransitionRequest): Promise<Referral> {
  return api.request<Referral>('POST', `/referrals/${enc(id)}/transitions`, { body });
}
