import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import type { Candidate, Referral, Trial } from '../sponsor/types';
import { theme } from '../theme';
import CandidatesPage from './CandidatesPage';
import ReferralPage from './ReferralPage';

beforeAll(() => {
  // jsdom has no FontFaceSet; Mantine's autosizing textarea listens to it.
  if (!('fonts' in document)) {
    Object.defineProperty(document, 'fonts', {
      configurable: true,
      value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
    });
  }
});

async function renderAt(pattern: string, url: string, page: ReactElement) {
  await initI18n('en');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter([{ path: pattern, element: page }], { initialEntries: [url] });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const site = { id: 's1', name: 'Hacettepe', city: 'Ankara', country: 'TR', latitude: 39.9, longitude: 32.8, target_enrollment: 10 };
const trial: Trial = {
  id: 't1',
  nct_id: null,
  title: 'CD19 CAR-T for children',
  summary: {},
  phases: ['phase2'],
  status: 'recruiting',
  target_enrollment: 10,
  sponsor: { id: 'o1', name: 'CellCure' },
  conditions: ['b_all'],
  unmapped_conditions: [],
  criteria: [{ id: 'age', kind: 'age', rule: 'include', min: { value: 3, unit: 'years' } }],
  sites: [site],
  source: 'manual',
  registry_status: null,
  invitation_message: 'We would be glad to meet you.',
  version: 1,
  can_edit: false,
  my_site_ids: ['s1'],
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

function candidate(id: string): Candidate {
  return {
    candidate_id: id,
    verdict: 'possibly_eligible',
    unknown_count: 1,
    age_years: 9,
    sex: 'female',
    conditions: ['b_all'],
    country: 'TR',
    nearest_site_km: 10,
    within_reach: true,
    therapy: {
      prior_lines: 2,
      categories: ['chemotherapy'],
      targets: [],
      prior_car_t: false,
      allogeneic_transplant: false,
      disease_status: 'relapsed',
      performance_ecog: 1,
    },
    explanation: {
      verdict: 'possibly_eligible',
      counts: { met: 1, not_met: 0, unknown: 0 },
      criteria: [
        { id: 'age', kind: 'age', rule: 'include', outcome: 'met', reason: { code: 'age.in_range', params: { age: '9 years', min: '3 years' } } },
      ],
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });

type Call = { method: string; url: string; headers: Record<string, string>; body: unknown };
let calls: Call[] = [];

function stubFetch(route: (call: Call) => Response | undefined) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init: RequestInit = {}) => {
      const call: Call = {
        method: init.method ?? 'GET',
        url: String(input),
        headers: (init.headers ?? {}) as Record<string, string>,
        body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      calls.push(call);
      if (call.url.startsWith('/api/v1/conditions')) {
        return Promise.resolve(json({ items: [{ code: 'b_all', icd10: 'C91.0', name: 'B-cell ALL', parent_code: null, path: [] }], next_cursor: null }));
      }
      return Promise.resolve(route(call) ?? json({ status: 404, code: 'not_found' }, 404));
    }),
  );
}

describe('CandidatesPage', () => {
  beforeEach(() => {
    stubFetch((call) => {
      if (call.url === '/api/v1/trials/t1') return json(trial);
      if (call.url.startsWith('/api/v1/trials/t1/feasibility')) {
        const count = { value: null, display: '<5', suppressed: true };
        return json({ reference_date: '2026-11-22', eligible: { value: 0, display: '0', suppressed: false }, possibly_eligible: count, total: count });
      }
      if (call.url.startsWith('/api/v1/trials/t1/candidates')) {
        return call.url.includes('cursor=next')
          ? json({ items: [candidate('C-SECOND')], next_cursor: null })
          : json({ items: [candidate('C-FIRST')], next_cursor: 'next' });
      }
      if (call.method === 'POST' && call.url === '/api/v1/trials/t1/invitations') {
        return json({ status: 409, code: 'no_contact_consent', title: 'Conflict' }, 409);
      }
      return undefined;
    });
  });

  it('lists de-identified cards, pages on with the cursor and counts with "<5"', async () => {
    await renderAt('/investigator/trials/:trialId/candidates', '/investigator/trials/t1/candidates', <CandidatesPage />);
    expect(await screen.findByRole('heading', { name: 'Candidate C-FIRST' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId('feasibility-total')).toHaveTextContent('<5');
    await userEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('heading', { name: 'Candidate C-SECOND' })).toBeInTheDocument();
    expect(calls.some((c) => c.url.includes('/candidates?') && c.url.includes('cursor=next'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Show more' })).not.toBeInTheDocument();
  });

  it('invites with an Idempotency-Key, says plainly why it was refused, and retries with a new key', async () => {
    const user = userEvent.setup();
    await renderAt('/investigator/trials/:trialId/candidates', '/investigator/trials/t1/candidates', <CandidatesPage />);
    await user.click(await screen.findByRole('button', { name: 'Invite candidate C-FIRST' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('We would be glad to meet you.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Send the invitation' }));
    expect(await within(dialog).findByTestId('invite-error')).toHaveTextContent(
      'This volunteer has not agreed to be contacted about trials, so they cannot be invited.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Send the invitation' }));
    const invitations = () => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/invitations'));
    await waitFor(() => expect(invitations()).toHaveLength(2));
    const posts = invitations();
    expect(posts[0]?.body).toEqual({ candidate_id: 'C-FIRST', site_id: 's1' });
    const keys = posts.map((c) => c.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
  });
});

describe('ReferralPage', () => {
  const referral: Referral = {
    id: 'r1',
    trial_id: 't1',
    trial_title: trial.title,
    site,
    candidate_id: 'C-FIRST',
    origin: 'invitation',
    state: 'accepted',
    version: 2,
    identity_released: true,
    screen_fail_reason: null,
    invitation_message: '',
    identity: { given_name: 'Deniz', family_name: 'Kaya', email: null, phone: null, preferred_language: 'tr' },
    allowed_moves: ['prescreening', 'withdrawn'],
    history: [],
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
  };

  it('sends the version it saw and, when someone else moved first, says so and reloads', async () => {
    let reads = 0;
    stubFetch((call) => {
      if (call.url === '/api/v1/referrals/r1') {
        reads += 1;
        return json(reads === 1 ? referral : { ...referral, state: 'prescreening', version: 3, allowed_moves: ['eligible'] });
      }
      if (call.url === '/api/v1/trials/t1') return json(trial);
      if (call.method === 'POST' && call.url === '/api/v1/referrals/r1/transitions') {
        return json({ status: 409, code: 'stale_version', title: 'Conflict' }, 409);
      }
      return undefined;
    });
    const user = userEvent.setup();
    await renderAt('/investigator/referrals/:referralId', '/investigator/referrals/r1', <ReferralPage />);
    expect(await screen.findByText('Deniz', undefined, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/Every view of them is recorded in the audit log/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start pre-screening' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByTestId('referral-notice')).toHaveTextContent(/Someone else changed this referral/);
    expect(calls.find((c) => c.url.endsWith('/transitions'))?.body).toEqual({ to: 'prescreening', version: 2 });
    await waitFor(() => expect(screen.getByTestId('referral-state')).toHaveTextContent('Pre-screening'));
  });

  it('asks for a reason before a screen failure and a note before a withdrawal', async () => {
    stubFetch((call) => {
      if (call.url === '/api/v1/referrals/r1') return json({ ...referral, state: 'eligible', allowed_moves: ['consented', 'screen_failed'] });
      if (call.url === '/api/v1/trials/t1') return json(trial);
      return undefined;
    });
    const user = userEvent.setup();
    await renderAt('/investigator/referrals/:referralId', '/investigator/referrals/r1', <ReferralPage />);
    await user.click(await screen.findByRole('button', { name: 'Record a screen failure' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(await within(dialog).findByText('Please fill this in.')).toBeInTheDocument();
    expect(calls.some((c) => c.url.endsWith('/transitions'))).toBe(false);
    expect(within(dialog).getByRole('combobox', { name: /Criterion it turned on/ })).toHaveTextContent('age');
  });
});
