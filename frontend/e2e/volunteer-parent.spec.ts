import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkPage, fillSignUp, NEW_PASSWORD, signIn, uniqueEmail } from './helpers';

// A parent on a phone: the whole volunteer journey, from sign-up to erasure.
test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
// The whole journey, with axe and a screenshot on every page, takes a while.
test.setTimeout(240_000);

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page is wider than the phone').toBeLessThanOrEqual(0);
}

async function openMenuItem(page: Page, name: string) {
  await page.getByRole('button', { name: 'Open the menu' }).click();
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await nav.getByRole('link', { name, exact: true }).click();
}

const saveAndContinue = (page: Page) => page.getByRole('button', { name: 'Save and continue' }).click();

test('a parent registers, adds a child with relapsed B-ALL, consents, downloads the data and deletes the account', async ({
  page,
}, testInfo) => {
  const T = 'volunteer-parent';
  const email = uniqueEmail('parent');

  // Sign up as a parent.
  await page.goto('/signup');
  await fillSignUp(page, { name: 'Ayşe Yılmaz', email });
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Ayşe Yılmaz');
  await expect(page.getByText('Who are you looking for a trial for?')).toBeVisible();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'home');

  // Add the child.
  await page.getByRole('link', { name: 'Add my child' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a child' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Their first name').fill('Deniz');
  await dialog.getByLabel('Their family name').fill('Yılmaz');
  await dialog.getByLabel('Preferred language').selectOption('tr');
  await checkPage(page, testInfo, T, 'add-child');
  await dialog.getByRole('button', { name: 'Add the profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Deniz Yılmaz (child)' })).toBeVisible();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'people');

  // The health profile wizard, step by step.
  await page.getByRole('button', { name: 'Health profile of Deniz' }).click();
  await expect(page).toHaveURL(/\/volunteer\/health/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health profile: Deniz');
  await expect(page.getByRole('heading', { level: 2, name: 'About the person' })).toBeVisible();
  await page.getByLabel('Date of birth').fill('2016-05-04');
  await page.getByRole('radio', { name: 'Female' }).check();
  await page.getByLabel('Country where the person lives').selectOption('TR');
  await page.getByLabel('Town or city').selectOption('Ankara');
  await page.getByLabel('How far could the person travel for a trial?').selectOption('500');
  await page.getByRole('checkbox', { name: 'Türkiye' }).check();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'wizard-about');
  await saveAndContinue(page);

  // Diagnosis: search in Turkish, although the page is in English.
  const stepHeading = page.getByRole('heading', { level: 2, name: 'Diagnosis' });
  await expect(stepHeading).toBeVisible();
  await expect(stepHeading).toBeFocused();
  await page.getByLabel('Search for the illness').fill('lösemi');
  await page.getByRole('radio', { name: 'B-cell acute lymphoblastic leukaemia' }).check();
  await page.getByRole('button', { name: 'Done: B-cell acute lymphoblastic leukaemia' }).click();
  await expect(page.getByRole('button', { name: 'Change the illness (B-cell acute lymphoblastic leukaemia)' })).toBeVisible();
  await page.getByLabel('When was it first diagnosed?').fill('2021-03-01');
  await page.getByRole('radio', { name: 'Relapsed' }).check();
  await page.getByLabel('How many times has the illness come back (relapsed)?').fill('2');
  await page.getByRole('button', { name: 'Add a relapse' }).click();
  await page.getByRole('button', { name: 'Add a relapse' }).click();
  const relapseDates = page.getByLabel('When was it found?');
  // A relapse before the diagnosis: only the server knows, and says which field.
  await relapseDates.nth(0).fill('2020-01-10');
  await relapseDates.nth(1).fill('2025-02-10');
  await page.getByRole('radio', { name: 'Yes, CD19 positive' }).check();
  await page.getByRole('radio', { name: 'CNS1: no leukaemia cells in the spinal fluid' }).check();
  await noSidewaysScroll(page);
  await saveAndContinue(page);

  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('A relapse cannot come before the diagnosis.');
  await expect(relapseDates.nth(0)).toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, testInfo, T, 'wizard-server-error');
  await summary.getByRole('link', { name: /Diagnosis 1 · Relapse 1 · Date/ }).click();
  await expect(relapseDates.nth(0)).toBeFocused();
  await relapseDates.nth(0).fill('2023-01-10');
  await checkPage(page, testInfo, T, 'wizard-diagnosis');
  await saveAndContinue(page);

  // Treatments: two lines, each ending in a remission that did not last.
  await expect(page.getByRole('heading', { level: 2, name: 'Treatments' })).toBeFocused();
  await page
    .getByRole('radiogroup', { name: 'Has there been any treatment for this illness yet?' })
    .getByRole('radio', { name: 'Yes' })
    .check();
  const line1 = page.getByRole('region', { name: 'Treatment line 1' });
  await line1.getByRole('checkbox', { name: 'Chemotherapy' }).check();
  await line1.getByRole('checkbox', { name: /^Anthracycline/ }).check();
  await line1.getByRole('radio', { name: 'CR: complete remission' }).check();
  await line1.getByLabel('If the illness came back after this treatment, when?').fill('2023-01-10');
  await page.getByRole('button', { name: 'Add treatment line 2' }).click();
  const line2 = page.getByRole('region', { name: 'Treatment line 2' });
  await line2.getByRole('checkbox', { name: 'Chemotherapy' }).check();
  await line2.getByRole('radio', { name: 'CR: complete remission' }).check();
  await line2.getByLabel('If the illness came back after this treatment, when?').fill('2025-02-10');
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'wizard-treatments');
  await saveAndContinue(page);

  // Transplants: none.
  await expect(page.getByRole('heading', { level: 2, name: 'Transplants' })).toBeFocused();
  await page
    .getByRole('radiogroup', { name: 'Has there been a stem-cell (bone marrow) transplant?' })
    .getByRole('radio', { name: 'No, never' })
    .check();
  await checkPage(page, testInfo, T, 'wizard-transplants');
  await saveAndContinue(page);

  // Daily activity: the Lansky scale, for a child under 16.
  await expect(page.getByRole('heading', { level: 2, name: 'Daily activity' })).toBeFocused();
  await expect(page.getByText('For a child under 16, doctors use the Lansky play-performance scale')).toBeVisible();
  await page.getByRole('radio', { name: '70: plays less, and for shorter times' }).check();
  await page.getByRole('radio', { name: 'Me, as a parent or guardian' }).check();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'wizard-performance');
  await saveAndContinue(page);

  await expect(page.getByRole('heading', { level: 2, name: 'More (optional)' })).toBeFocused();
  await checkPage(page, testInfo, T, 'wizard-more');
  await page.getByRole('button', { name: 'Save and see matching trials' }).click();

  // The matches, with the pediatric B-ALL trial first.
  await expect(page).toHaveURL(/\/volunteer\/matches$/);
  const ball = page.getByRole('article', { name: /children and young adults with relapsed or refractory B-cell ALL/ });
  await expect(ball).toBeVisible();
  await expect(ball.getByText('Might fit')).toBeVisible();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'matches');

  // Consent, given by the parent for the child.
  await openMenuItem(page, 'Consent');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consent for Deniz');
  await expect(page.getByText('You give this consent on behalf of Deniz').first()).toBeVisible();
  await page.getByRole('button', { name: 'I agree that Deniz is matched with trials' }).click();
  await expect(page.getByRole('region', { name: 'Match the profile with trials' }).getByText(/^Given on/)).toBeVisible();
  await page.getByRole('button', { name: 'I agree that research teams may invite Deniz' }).click();
  await expect(page.getByRole('region', { name: 'Let research teams send invitations' }).getByText(/^Given on/)).toBeVisible();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'consent');

  // Download the data: the file holds the child's profile.
  await openMenuItem(page, 'Your data');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your data');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download my data' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^trialmatch-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    account: { email: string };
    volunteers: {
      given_name: string;
      relationship: string;
      consents: string[];
      clinical: { profile: { diagnoses: { condition_code: string; relapses: unknown[]; antigens: Record<string, string> }[]; performance: { scale: string; score: number } } };
    }[];
  };
  expect(exported.account.email).toBe(email);
  const child = exported.volunteers.find((v) => v.given_name === 'Deniz');
  expect(child?.relationship).toBe('child');
  expect(child?.consents.sort()).toEqual(['contact', 'matching']);
  expect(child?.clinical.profile.diagnoses[0]?.condition_code).toBe('b_all');
  expect(child?.clinical.profile.diagnoses[0]?.relapses).toHaveLength(2);
  expect(child?.clinical.profile.diagnoses[0]?.antigens).toEqual({ CD19: 'positive' });
  expect(child?.clinical.profile.performance).toMatchObject({ scale: 'lansky', score: 70 });
  await checkPage(page, testInfo, T, 'privacy');

  // Delete the account: the confirmation names what goes.
  await page.getByRole('button', { name: 'Delete my account' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete your account and all profiles?' });
  await expect(confirm).toContainText(`your account (${email})`);
  await expect(confirm).toContainText('the profile of Deniz Yılmaz (child)');
  await expect(confirm.getByRole('button', { name: 'Delete everything' })).toBeDisabled();
  await confirm.getByRole('checkbox', { name: 'I understand that this cannot be undone' }).check();
  await checkPage(page, testInfo, T, 'delete-confirm');
  await confirm.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText('Your account and all its profiles have been deleted.')).toBeVisible();

  // The account is gone: signing in fails.
  await page.goto('/signin');
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole('alert')).toHaveText(
    'The e-mail address or the password is not right. Please check both and try again.',
  );
});
