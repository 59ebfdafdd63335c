import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, DEMO_PASSWORD, NEW_PASSWORD, signIn, uniqueEmail } from './helpers';

type Json = Record<string, unknown>;

async function token(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(response.status(), `sign-in of ${email}`).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function call(request: APIRequestContext, bearer: string, method: string, path: string, data?: unknown, headers = {}) {
  const response = await request.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: { Authorization: `Bearer ${bearer}`, ...headers },
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBeTruthy();
  return (response.status() === 204 ? {} : await response.json()) as Json;
}

test('a parent finds an invitation in the inbox, reads why the trial may fit and accepts it', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const T = 'volunteer-invitations';
  const trialTitle = `Invitation trial ${Date.now().toString(36)}`;

  // A parent and a child with B-ALL who agreed to be contacted. They live, as
  // does the trial's one site, at a spot on the steppe where no demo volunteer
  // lives, so the child is the trial's only eligible candidate.
  const HOME = { latitude: 45.31, longitude: 60.27 };
  const email = uniqueEmail('invited');
  const registered = await request.post('/api/v1/auth/register', {
    data: { email, password: NEW_PASSWORD, display_name: 'Aigerim Nurlanova', locale: 'en', role: 'volunteer' },
  });
  expect(registered.status()).toBe(201);
  const parent = ((await registered.json()) as { access_token: string }).access_token;
  const child = await call(request, parent, 'POST', '/volunteers', {
    relationship: 'child',
    given_name: 'Arman',
    family_name: 'Nurlanov',
    preferred_language: 'kk',
  });
  await call(request, parent, 'PUT', `/volunteers/${String(child.id)}/clinical`, {
    date_of_birth: '2014-02-20',
    sex: 'male',
    country: 'KZ',
    city: 'Kyzylorda',
    ...HOME,
    diagnoses: [{ condition_code: 'b_all', status: 'relapsed', antigens: { CD19: 'positive' } }],
  });
  for (const scope of ['matching', 'contact']) {
    await call(request, parent, 'POST', `/volunteers/${String(child.id)}/consents`, { scope, version: 1, locale: 'en' });
  }

  // The demo sponsor opens a small trial with a site in Kyzylorda, an ethics
  // approval and an invitation message; the demo investigator invites the one
  // eligible candidate.
  const sponsor = await token(request, 'sponsor@demo.trialmatch.org');
  const trial = await call(request, sponsor, 'POST', '/trials', {
    title: trialTitle,
    summary: { en: 'A small trial for children with B-cell ALL near Kyzylorda.' },
    phases: ['phase1'],
    target_enrollment: 5,
    conditions: ['b_all'],
  });
  const trialId = String(trial.id);
  const site = await call(request, sponsor, 'POST', `/trials/${trialId}/sites`, {
    name: 'Kyzylorda Regional Children’s Hospital',
    city: 'Kyzylorda',
    country: 'KZ',
    ...HOME,
    target_enrollment: 5,
  });
  await call(request, sponsor, 'POST', `/trials/${trialId}/sites/${String(site.id)}/staff`, {
    email: 'investigator@demo.trialmatch.org',
    role: 'principal_investigator',
  });
  await call(request, sponsor, 'PUT', `/trials/${trialId}/criteria`, [
    { id: 'dx', kind: 'condition', rule: 'include', any_of: ['b_all'], antigens: { CD19: 'positive' } },
    { id: 'near', kind: 'location', rule: 'include', max_distance_km: 5 },
  ]);
  await call(request, sponsor, 'PUT', `/trials/${trialId}/invitation-message`, {
    invitation_message: 'We think our trial may help. We would be glad to explain it to you and answer your questions.',
  });
  await call(request, sponsor, 'POST', `/trials/${trialId}/ethics-approvals`, {
    reference: 'KZ-EC-2026-17',
    approving_body: 'Local ethics committee',
    expires_on: '2030-12-31',
  });
  await call(request, sponsor, 'PATCH', `/trials/${trialId}`, { status: 'recruiting' });
  try {
    const investigator = await token(request, 'investigator@demo.trialmatch.org');
    const candidates = (await call(request, investigator, 'GET', `/trials/${trialId}/candidates?verdict=eligible`)) as {
      items: { candidate_id: string; sex: string | null; nearest_site_km: number | null }[];
    };
    const mine = candidates.items.filter((c) => c.sex === 'male' && c.nearest_site_km === 0);
    expect(mine).toHaveLength(1);
    await call(
      request,
      investigator,
      'POST',
      `/trials/${trialId}/invitations`,
      { candidate_id: mine[0]?.candidate_id, site_id: site.id },
      { 'Idempotency-Key': `e2e-${trialId}` },
    );

    // The parent signs in: the home page and the bell say an invitation waits.
    await page.goto('/signin');
    await signIn(page, email, NEW_PASSWORD);
    await expect(page).toHaveURL(/\/volunteer$/);
    await expect(page.getByText('Invitations are waiting for your answer')).toBeVisible();
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toHaveAccessibleName(/^Notifications: \d+ unread$/);
    await checkPage(page, testInfo, T, 'home');
    await bell.click();
    const note = page.getByRole('dialog', { name: /^Notifications/ }).getByRole('button', { name: `A research team invites you to learn about “${trialTitle}”.` });
    await expect(note).toBeVisible();
    await checkPage(page, testInfo, T, 'bell');
    await note.click();

    // The inbox: the trial, the message, why it may fit.
    await expect(page).toHaveURL(/\/volunteer\/applications$/);
    const invitations = page.getByRole('region', { name: 'Invitations waiting for your answer' });
    const card = invitations.getByRole('article', { name: trialTitle });
    await expect(card).toContainText('For Arman');
    await expect(card).toContainText('We think our trial may help.');
    await expect(card).toContainText('Nothing is shared until you accept.');
    await card.getByRole('button', { name: 'Why this trial may fit' }).click();
    await expect(card.locator('[data-criterion="near"]')).toContainText('Fits');
    await expect(card.locator('[data-criterion="dx"]')).toContainText('Diagnosis: B-cell acute lymphoblastic leukaemia.');
    await checkPage(page, testInfo, T, 'inbox');

    // Accepting asks first and says what the site's team will see.
    await card.getByRole('button', { name: 'Accept the invitation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Accept this invitation?' });
    await expect(confirm).toContainText('will see the name and contact details of Arman');
    await checkPage(page, testInfo, T, 'accept-confirm');
    await confirm.getByRole('button', { name: 'Accept and share contact details' }).click();
    await expect(confirm).toBeHidden();
    await expect(
      page.getByText('Invitation accepted. The team at the trial site can now see the name and contact details of Arman'),
    ).toBeVisible();
    const accepted = page.getByRole('region', { name: 'Applications in progress' }).getByRole('article', { name: trialTitle });
    await expect(accepted).toContainText('Invitation accepted');
    await expect(accepted).toContainText('The team at this site can see the name and contact details.');
    await expect(invitations).toContainText('No invitations are waiting.');
    await checkPage(page, testInfo, T, 'accepted');
  } finally {
    // Close the trial so that it leaves the public directory.
    await call(request, sponsor, 'PATCH', `/trials/${trialId}`, { status: 'closed' });
  }
});
