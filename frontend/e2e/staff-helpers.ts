// Helpers of the staff portals' browser tests (sponsor*, investigator*,
// admin*): signing in a fresh browser context per role, and volunteers made
// through the API, since the demo data has no synthetic volunteers.

import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { sampleProfile } from '../src/sponsor/criteria/sampleProfiles';
import { DEMO_PASSWORD, NEW_PASSWORD, uniqueEmail } from './helpers';

export const DEMO = {
  sponsor: 'sponsor@demo.trialmatch.org',
  investigator: 'investigator@demo.trialmatch.org',
  admin: 'admin@demo.trialmatch.org',
} as const;

export const BALL_TRIAL_TITLE = 'CD19 CAR-T cells for children and young adults with relapsed or refractory B-cell ALL';
// Hacettepe University Children's Hospital, a site of the demo B-ALL trial.
export const HACETTEPE = { name: "Hacettepe University Children's Hospital", latitude: 39.9334, longitude: 32.8597 };

/** A new browser context (its own cookies, storage and language) signed in as `email`. */
export async function signedInPage(browser: Browser, email: string, home: RegExp): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(home);
  return page;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function monthsAgo(months: number): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  return isoDate(d);
}

/**
 * A child with relapsed CD19-positive B-ALL (a second marrow relapse), living
 * at `at`, whose first remission lasted `remissionMonths` months.
 */
export function childBallProfile(at: { latitude: number; longitude: number }, remissionMonths = 25): Record<string, unknown> {
  const profile = sampleProfile('child_ball');
  const lines = profile.therapy_lines as Record<string, unknown>[];
  const first = lines[0] ?? {};
  // Line 1 reached CR, then relapsed `remissionMonths` later (3 months ago).
  first.response_on = monthsAgo(remissionMonths + 3);
  first.relapsed_on = monthsAgo(3);
  first.started_on = monthsAgo(remissionMonths + 5);
  first.ended_on = monthsAgo(remissionMonths - 1);
  const diagnoses = profile.diagnoses as Record<string, unknown>[];
  const dx = diagnoses[0] ?? {};
  dx.diagnosed_on = monthsAgo(remissionMonths + 6);
  dx.relapses = [
    { date: monthsAgo(3), site: 'bone_marrow' },
    { date: monthsAgo(1), site: 'bone_marrow' },
  ];
  profile.therapy_lines = [first];
  return { ...profile, city: 'Ankara', latitude: at.latitude, longitude: at.longitude };
}

export interface TestVolunteer {
  /** The parent's account e-mail, where invitations are sent. */
  email: string;
  token: string;
  volunteerId: string;
  givenName: string;
  familyName: string;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>, what: string): Promise<T> {
  expect(response.ok(), `${what}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (await response.json()) as T;
}

/**
 * A parent registers through the API, adds a child's profile with `profile`,
 * and consents to matching and to being contacted.
 */
export async function createVolunteer(
  request: APIRequestContext,
  profile: Record<string, unknown>,
  names = { givenName: 'Deniz', familyName: 'Yıldırımoğlu' },
): Promise<TestVolunteer> {
  const email = uniqueEmail('parent');
  const registered = await ok<{ access_token: string }>(
    await request.post('/api/v1/auth/register', {
      data: {
        email,
        password: NEW_PASSWORD,
        display_name: 'Test Parent',
        locale: 'en',
        role: 'volunteer',
      },
    }),
    'register',
  );
  const auth = { Authorization: `Bearer ${registered.access_token}` };
  const volunteer = await ok<{ id: string }>(
    await request.post('/api/v1/volunteers', {
      headers: auth,
      data: {
        relationship: 'child',
        given_name: names.givenName,
        family_name: names.familyName,
        email: 'parent.of.deniz@example.org',
        phone: '+90 555 010 2030',
        preferred_language: 'tr',
      },
    }),
    'create volunteer',
  );
  await ok(await request.put(`/api/v1/volunteers/${volunteer.id}/clinical`, { headers: auth, data: profile }), 'clinical');
  const texts = await ok<{ items: { scope: string; version: number }[] }>(
    await request.get('/api/v1/consent-texts?locale=en'),
    'consent texts',
  );
  for (const scope of ['matching', 'contact']) {
    const text = texts.items.find((i) => i.scope === scope);
    expect(text, `a ${scope} consent text`).toBeTruthy();
    await ok(
      await request.post(`/api/v1/volunteers/${volunteer.id}/consents`, {
        headers: auth,
        data: { scope, version: text?.version, locale: 'en' },
      }),
      `consent ${scope}`,
    );
  }
  return { email, token: registered.access_token, volunteerId: volunteer.id, ...names };
}

export interface VolunteerReferral {
  id: string;
  trial_id: string;
  candidate_id: string;
  state: string;
}

export async function volunteerReferrals(request: APIRequestContext, volunteer: TestVolunteer): Promise<VolunteerReferral[]> {
  const page = await ok<{ items: VolunteerReferral[] }>(
    await request.get('/api/v1/referrals', { headers: { Authorization: `Bearer ${volunteer.token}` } }),
    'referrals',
  );
  return page.items;
}

export async function acceptInvitation(request: APIRequestContext, volunteer: TestVolunteer, referralId: string): Promise<void> {
  await ok(
    await request.post(`/api/v1/invitations/${referralId}/accept`, {
      headers: { Authorization: `Bearer ${volunteer.token}` },
    }),
    'accept',
  );
}
