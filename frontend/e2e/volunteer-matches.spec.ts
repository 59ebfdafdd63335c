import { expect, test, type APIRequestContext } from '@playwright/test';
import { checkPage, NEW_PASSWORD, signIn, uniqueEmail } from './helpers';

const PEDIATRIC_B_ALL = 'CD19 CAR-T cells for children and young adults with relapsed or refractory B-cell ALL';

/** A volunteer account with a child whose relapsed B-ALL profile is entered
 * through the API, as the wizard would save it. */
async function parentWithChild(request: APIRequestContext): Promise<{ email: string; token: string; childId: string }> {
  const email = uniqueEmail('matches');
  const registered = await request.post('/api/v1/auth/register', {
    data: { email, password: NEW_PASSWORD, display_name: 'Emre Kaya', locale: 'en', role: 'volunteer' },
  });
  expect(registered.status()).toBe(201);
  const token = ((await registered.json()) as { access_token: string }).access_token;
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/volunteers', {
    headers,
    data: { relationship: 'child', given_name: 'Mira', family_name: 'Kaya', preferred_language: 'tr' },
  });
  expect(created.status()).toBe(201);
  const childId = ((await created.json()) as { id: string }).id;
  const saved = await request.put(`/api/v1/volunteers/${childId}/clinical`, {
    headers,
    data: {
      date_of_birth: '2015-09-12',
      sex: 'male',
      country: 'TR',
      city: 'Ankara',
      latitude: 39.93,
      longitude: 32.86,
      travel: { max_distance_km: 1000, countries: ['TR', 'DE'] },
      diagnoses: [
        {
          condition_code: 'b_all',
          diagnosed_on: '2020-02-01',
          status: 'relapsed',
          relapse_count: 2,
          relapses: [
            { date: '2022-06-01', site: 'bone_marrow' },
            { date: '2025-01-15', site: 'bone_marrow' },
          ],
          antigens: { CD19: 'positive' },
          cns_status: 'CNS1',
        },
      ],
      therapy_lines: [
        { line: 1, categories: ['chemotherapy', 'anthracycline'], targets: [], best_response: 'CR', relapsed_on: '2022-06-01' },
        { line: 2, categories: ['chemotherapy'], targets: [], best_response: 'CR', relapsed_on: '2025-01-15' },
      ],
      transplants: [],
      performance: { scale: 'lansky', score: 70, rated_by: 'parent' },
      active_gvhd: false,
    },
  });
  expect(saved.status()).toBe(200);
  for (const scope of ['matching', 'contact']) {
    const granted = await request.post(`/api/v1/volunteers/${childId}/consents`, {
      headers,
      data: { scope, version: 1, locale: 'en' },
    });
    expect(granted.ok()).toBeTruthy();
  }
  return { email, token, childId };
}

test('a parent sees the pediatric B-ALL trial among the matches with reasons, and expresses interest once', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const T = 'volunteer-matches';
  const { email, token } = await parentWithChild(request);

  await page.goto('/signin');
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.getByRole('heading', { name: 'Mira Kaya (child)' })).toBeVisible();
  await checkPage(page, testInfo, T, 'home');

  await page.getByRole('navigation').getByRole('link', { name: 'Matching trials' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trials for Mira');
  const card = page.getByRole('article', { name: PEDIATRIC_B_ALL });
  await expect(card).toBeVisible();
  // It is among the trials that may fit, first.
  const fitting = page.getByRole('region', { name: 'Trials that may fit' });
  await expect(fitting.getByRole('article').first()).toHaveAccessibleName(PEDIATRIC_B_ALL);
  await expect(card.getByText('Might fit')).toBeVisible();
  await expect(card.getByText('A trial site is in the same town. Within your travel range.')).toBeVisible();

  // The reasons, criterion by criterion, in plain words.
  await card.getByRole('button', { name: 'Why? Criterion by criterion' }).click();
  const criteria = card.getByRole('list', { name: 'Criterion by criterion' });
  await expect(criteria).toBeVisible();
  const row = (id: string) => criteria.locator(`[data-criterion="${id}"]`).first();
  await expect(row('age')).toContainText('Age: 3 years to 21 years');
  await expect(row('age')).toContainText('Fits');
  await expect(row('dx')).toContainText('Diagnosis: B-cell acute lymphoblastic leukaemia, with CD19 positive');
  await expect(row('rr-b-all')).toContainText('One of the following');
  await expect(row('rr-1')).toContainText('Relapses in the bone marrow: 2; the criterion is 2 or more.');
  await expect(row('ps')).toContainText('Daily activity: Lansky 70, which meets Lansky 50 or higher.');
  await expect(row('no-cd19')).toContainText('Has not had a treatment aimed at CD19.');
  await expect(row('no-cd19')).toContainText('Rules out');
  await expect(row('organs')).toContainText('Not known yet');
  await expect(row('organs')).toContainText('Only the trial team can judge this, at screening.');
  await expect(card.getByTestId('settle-hints')).toContainText(
    'The remaining open questions can only be judged by the trial team at screening.',
  );
  await checkPage(page, testInfo, T, 'matches-why');

  // Interest: a double click on the confirmation writes one application.
  await card.getByRole('button', { name: `I’m interested in “${PEDIATRIC_B_ALL}”` }).click();
  const dialog = page.getByRole('dialog', { name: 'Tell the trial team you are interested?' });
  await expect(dialog).toContainText('will see the name and contact details');
  await checkPage(page, testInfo, T, 'interest-confirm');
  await dialog.getByRole('button', { name: 'Yes, send my interest' }).dblclick();
  await expect(dialog).toBeHidden();
  await expect(card.getByText(/Interest sent\. The trial team can now see the name and contact details/)).toBeVisible();
  await checkPage(page, testInfo, T, 'interest-sent');

  const referrals = await request.get('/api/v1/referrals', { headers: { Authorization: `Bearer ${token}` } });
  const items = ((await referrals.json()) as { items: { trial_title: string; state: string }[] }).items;
  expect(items.filter((r) => r.trial_title === PEDIATRIC_B_ALL)).toHaveLength(1);
  expect(items[0]?.state).toBe('interested');

  // The application tracker shows where it stands, with its history.
  await card.getByRole('link', { name: 'Follow it' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invitations and applications');
  const application = page.getByRole('article', { name: PEDIATRIC_B_ALL });
  await expect(application).toContainText('For Mira');
  await expect(application).toContainText('Interest sent');
  await expect(application).toContainText('You told the trial team you are interested.');
  await expect(application).toContainText('Hacettepe University Children');
  await checkPage(page, testInfo, T, 'applications');

  // Withdrawing asks first, then records it.
  await application.getByRole('button', { name: 'Withdraw' }).click();
  const confirm = page.getByRole('dialog', { name: 'Withdraw from this trial?' });
  await expect(confirm).toContainText('Mira no longer wishes to go ahead');
  await confirm.getByRole('button', { name: 'Withdraw' }).click();
  await expect(confirm).toBeHidden();
  const finished = page.getByRole('region', { name: 'Finished' });
  await expect(finished.getByRole('article', { name: PEDIATRIC_B_ALL })).toContainText('Withdrawn');
  await checkPage(page, testInfo, T, 'applications-withdrawn');

  // The site's investigator is told through the bell (the demo investigator reads Turkish).
  await page.getByRole('button', { name: /^Account menu: / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/signin');
  await signIn(page, 'investigator@demo.trialmatch.org', 'TrialMatch-demo-2026');
  await expect(page).toHaveURL(/\/investigator/);
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(/\d+/);
  await bell.click();
  await expect(page.getByRole('dialog').getByRole('button', { name: new RegExp(PEDIATRIC_B_ALL.replace(/[()]/g, '.')) }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await checkPage(page, testInfo, T, 'investigator-bell');
});
