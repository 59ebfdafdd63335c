import { expect, test, type Locator, type Page } from '@playwright/test';
import staffTr from '../src/i18n/staff/tr';
import { checkPage, NEW_PASSWORD, signIn } from './helpers';
import { childBallProfile, createVolunteer, DEMO, signedInPage } from './staff-helpers';

const T = 'sponsor';

/** A Turkish text of the staff namespace: the demo investigator's account is in Turkish. */
function tr(path: string, values: Record<string, string | number> = {}): string {
  let node: unknown = staffTr;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no Turkish text for ${path}`);
  return node.replace(/{{\s*(\w+)\s*}}/g, (_m, name: string) => String(values[name] ?? ''));
}

test.use({ actionTimeout: 15_000 });

function card(page: Page, id: string): Locator {
  return page.locator(`[data-testid="criterion"][data-criterion-id="${id}"]`);
}

async function addCriterion(page: Page, kind: string): Promise<void> {
  await page.getByTestId('add-criterion').click();
  await page.getByRole('dialog', { name: 'Add criterion' }).getByRole('button', { name: kind, exact: true }).click();
}

async function addMember(page: Page, groupId: string, kind: string): Promise<void> {
  await page.getByTestId(`add-member-${groupId}`).click();
  await page.getByRole('dialog', { name: /Add to this group/ }).getByRole('button', { name: kind, exact: true }).click();
}

async function pick(page: Page, input: Locator, search: string, option: RegExp): Promise<void> {
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
  await input.press('Escape');
}

test('a sponsor builds a trial with criteria and opens it; a volunteer sees it among the matches with reasons; the investigator sees the volunteer de-identified in the ranked candidates', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(240_000);
  // A registered volunteer that the new trial's criteria fit exactly: the
  // feasibility count shows the eligible ones as "<5".
  const ada = await createVolunteer(request, childBallProfile({ latitude: 39.95, longitude: 32.75 }, 37), {
    givenName: 'Ada',
    familyName: 'Kurtuluş',
  });

  const page = await signedInPage(browser, DEMO.sponsor, /\/sponsor$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Trials' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trials');
  await expect(page.getByRole('link', { name: /^CD19 CAR-T cells for children/ })).toBeVisible();
  await checkPage(page, testInfo, T, 'trials');

  // A new draft.
  await page.getByRole('link', { name: 'New trial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New trial');
  const title = `Early-relapse CD19 CAR-T for children in Türkiye ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Title' }).fill(title);
  await page.getByRole('checkbox', { name: 'Phase 1', exact: true }).check();
  await page.getByLabel('Target enrollment', { exact: true }).fill('12');
  // The condition search knows everyday Turkish words.
  await pick(page, page.getByRole('combobox', { name: 'Conditions studied' }), 'lösemi', /^B-cell acute lymphoblastic leukaemia/);
  await page.getByRole('textbox', { name: 'Plain-language summary (English)' }).fill(
    'For children whose B-cell leukaemia came back within three years of the first remission.',
  );
  await checkPage(page, testInfo, T, 'new-trial');
  await page.getByRole('button', { name: 'Create the draft' }).click();

  // The criteria builder.
  await expect(page).toHaveURL(/\/sponsor\/trials\/[0-9a-f-]+\/criteria$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('trial-status')).toHaveText('Draft');

  await addCriterion(page, 'Age');
  await card(page, 'age').getByLabel('Minimum age', { exact: true }).fill('3');
  await card(page, 'age').getByLabel('Maximum age', { exact: true }).fill('17');

  await addCriterion(page, 'Diagnosis');
  await pick(page, card(page, 'dx').getByRole('combobox', { name: /Diagnoses/ }), 'B-cell acute', /^B-cell acute lymphoblastic leukaemia/);
  await card(page, 'dx').getByLabel('CD19 status').selectOption('positive');

  // "Second marrow relapse OR primary refractory": an any_of group.
  await addCriterion(page, 'Any of these (OR)');
  await addMember(page, 'any', 'Number of relapses');
  await card(page, 'relapses').getByLabel('At least (relapses)', { exact: true }).fill('2');
  await card(page, 'relapses').getByLabel('Counting relapses in').selectOption('bone_marrow');
  await addMember(page, 'any', 'Disease status');
  await card(page, 'status').getByRole('checkbox', { name: 'Primary refractory' }).check();

  await addCriterion(page, 'Location');
  await pick(page, card(page, 'where').getByRole('combobox', { name: 'Countries of residence' }), '(TR', /\(TR\)/);

  await addCriterion(page, 'Active graft-versus-host disease');
  await expect(card(page, 'gvhd').getByRole('radio', { name: 'Exclusion' })).toBeChecked();

  // The live preview judges the sample child as the criteria change.
  const preview = page.getByTestId('preview-result');
  await expect(page.getByLabel('Sample volunteer')).toHaveValue('child_ball');
  await expect(preview.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'eligible');
  await expect(preview.locator('[data-criterion="any"]')).toHaveAttribute('data-outcome', 'met');
  await expect(preview.locator('[data-criterion="relapses"]')).toHaveAttribute('data-outcome', 'met');
  await expect(page.getByTestId('criteria-unsaved')).toBeVisible();
  await checkPage(page, testInfo, T, 'builder');

  // An early relapse: the first remission lasted 36 to 38 months. The sample
  // child's lasted about 25, so the preview turns; our volunteer's lasted 37.
  await addCriterion(page, 'Duration of remission');
  await card(page, 'remission').getByLabel(/Relapse within/).fill('38');
  await card(page, 'remission').getByLabel(/Relapse at least/).fill('36');
  await expect(preview.locator('[data-verdict]').first()).toHaveAttribute('data-verdict', 'ineligible');
  await expect(preview.locator('[data-criterion="remission"]')).toHaveAttribute('data-outcome', 'not_met');
  // The live count for the edited criteria: only our volunteer is known to
  // fit (the demo's synthetic volunteers lack some facts), shown suppressed.
  await expect(page.getByTestId('feasibility-eligible')).toHaveText('<5');
  await expect(page.getByTestId('feasibility-eligible')).toHaveAttribute('data-suppressed', 'true');
  await expect(page.getByTestId('feasibility-total')).toHaveText(/^(<5|≥5|\d+)$/);

  // Another sample, and the author's own JSON.
  await page.getByLabel('Sample volunteer').selectOption('adult_dlbcl');
  await expect(preview.locator('[data-criterion="age"]')).toHaveAttribute('data-outcome', 'not_met');
  await page.getByLabel('Sample volunteer').selectOption('custom');
  const json = page.getByRole('textbox', { name: 'Profile (clinical-profile JSON)' });
  await expect(json).toHaveValue(/"dlbcl"/);
  await json.fill('{"date_of_birth": "2019-01-15", "sex": "male", "country": "TR"}');
  await expect(preview.locator('[data-criterion="age"]')).toHaveAttribute('data-outcome', 'met');
  await expect(preview.locator('[data-criterion="dx"]')).toHaveAttribute('data-outcome', 'unknown');
  await checkPage(page, testInfo, T, 'builder-preview');

  // A field error names the criterion and shows next to it.
  const minAge = card(page, 'age').getByLabel('Minimum age', { exact: true });
  await minAge.fill('20');
  await expect(card(page, 'age')).toContainText('The minimum is above the maximum.');
  await expect(minAge).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Save criteria' }).click();
  await expect(page.getByTestId('criteria-refused')).toContainText('criteria[age].min');
  await checkPage(page, testInfo, T, 'builder-error');
  await minAge.fill('3');
  await expect(card(page, 'age')).not.toContainText('The minimum is above the maximum.');

  // Leaving with unsaved criteria asks first.
  await page.getByRole('navigation').getByRole('link', { name: 'Trials' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await leave.getByRole('button', { name: 'Stay and save' }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(/\/criteria$/);

  await page.getByRole('button', { name: 'Save criteria' }).click();
  await expect(page.getByText('The criteria are saved.')).toBeVisible();
  await expect(page.getByTestId('criteria-unsaved')).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Criteria (6)' })).toBeVisible();

  // Recruiting needs a site: the server's reason is shown.
  await page.getByRole('button', { name: 'Start recruiting' }).click();
  await expect(page.getByTestId('status-refused')).toContainText('Add at least one site first.');

  // A site, with the demo investigator on it.
  await page.getByRole('tab', { name: /Sites and staff/ }).click();
  await expect(page).toHaveURL(/\/sites$/);
  await page.getByRole('button', { name: 'Add a site' }).click();
  const siteDialog = page.getByRole('dialog', { name: 'Add a site' });
  await siteDialog.getByRole('textbox', { name: 'Hospital name' }).fill('Ankara Bilkent City Hospital');
  await siteDialog.getByRole('textbox', { name: 'City' }).fill('Ankara');
  await siteDialog.getByRole('combobox', { name: 'Country' }).selectOption('TR');
  await siteDialog.getByLabel('Latitude').fill('39.9');
  await siteDialog.getByLabel('Longitude').fill('32.76');
  await siteDialog.getByLabel('Target enrollment at this site').fill('6');
  await checkPage(page, testInfo, T, 'add-site');
  await siteDialog.getByRole('button', { name: 'Add a site' }).click();
  await expect(siteDialog).toBeHidden();
  const row = page.getByRole('row', { name: /Ankara Bilkent City Hospital/ });
  await expect(row).toContainText('39.9000, 32.7600');

  await row.getByRole('button', { name: 'Add staff to Ankara Bilkent City Hospital' }).click();
  const staffDialog = page.getByRole('dialog', { name: 'Add staff to Ankara Bilkent City Hospital' });
  await staffDialog.getByRole('textbox', { name: /E-mail address/ }).fill('nobody@example.org');
  await staffDialog.getByRole('button', { name: 'Add staff' }).click();
  await expect(staffDialog).toContainText('No approved investigator account has this e-mail address.');
  await staffDialog.getByRole('textbox', { name: /E-mail address/ }).fill(DEMO.investigator);
  await staffDialog.getByLabel('Role').selectOption('principal_investigator');
  await staffDialog.getByRole('button', { name: 'Add staff' }).click();
  await expect(staffDialog).toBeHidden();
  await expect(row).toContainText('Dr. Demo Investigator');
  await checkPage(page, testInfo, T, 'sites');

  // Published.
  await page.getByRole('button', { name: 'Start recruiting' }).click();
  await expect(page.getByTestId('trial-status')).toHaveText('Recruiting');
  await expect(page.getByTestId('status-refused')).toBeHidden();
  await checkPage(page, testInfo, T, 'recruiting');
  // Recruiting ⇄ paused.
  await page.getByRole('button', { name: 'Pause recruiting' }).click();
  await expect(page.getByTestId('trial-status')).toHaveText('Paused');
  await page.getByRole('button', { name: 'Resume recruiting' }).click();
  await expect(page.getByTestId('trial-status')).toHaveText('Recruiting');

  await page.getByRole('link', { name: 'Trials', exact: true }).first().click();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Recruiting');

  // The volunteer's parent finds the new trial among Ada's matches, with the
  // reasons criterion by criterion.
  const parent = await (await browser.newContext()).newPage();
  await parent.goto('/signin');
  await signIn(parent, ada.email, NEW_PASSWORD);
  await expect(parent).toHaveURL(/\/volunteer$/);
  await parent.getByRole('navigation').getByRole('link', { name: 'Matching trials' }).click();
  await expect(parent.getByRole('heading', { level: 1 })).toHaveText('Trials for Ada');
  const match = parent.getByRole('region', { name: 'Trials that may fit' }).getByRole('article', { name: title });
  await expect(match).toBeVisible();
  await match.getByRole('button', { name: 'Why? Criterion by criterion' }).click();
  const why = match.getByRole('list', { name: 'Criterion by criterion' });
  await expect(why.locator('[data-criterion="remission"]').first()).toContainText('Fits');
  await expect(why.locator('[data-criterion="gvhd"]').first()).toContainText('Rules out');
  await checkPage(parent, testInfo, T, 'volunteer-match');

  // The investigator of the new site sees Ada first among the ranked
  // candidates (the only eligible one), by pseudonym, without her name.
  const inv = await signedInPage(browser, DEMO.investigator, /\/investigator$/);
  await inv.getByRole('navigation').getByRole('link', { name: tr('nav.myTrials') }).click();
  await inv.getByRole('link', { name: tr('investigator.candidatesFor', { title }) }).click();
  await expect(inv.getByRole('heading', { level: 1 })).toHaveText(tr('candidates.title'));
  const first = inv.getByTestId('candidate-card').first();
  await expect(first).toContainText(tr('verdict.eligible'));
  await expect(first).toHaveAttribute('data-candidate-id', /^C-/);
  await expect(first).toContainText(tr('candidates.distance', { km: '10' }));
  const cards = inv.getByTestId('candidate-card');
  for (const name of [new RegExp(`\\b${ada.givenName}\\b`), ada.familyName]) await expect(cards.filter({ hasText: name })).toHaveCount(0);
  await checkPage(inv, testInfo, T, 'investigator-candidates');
});
