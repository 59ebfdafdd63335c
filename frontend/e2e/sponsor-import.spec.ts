import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage } from './helpers';
import { FRONTEND_DIR } from './server';
import { DEMO, signedInPage } from './staff-helpers';

const T = 'sponsor-import';
const CTGOV = join(FRONTEND_DIR, '..', 'handlers', 'testdata', 'ctgov');

test.use({ actionTimeout: 15_000 });

test('a sponsor imports a ClinicalTrials.gov record and finds the draft with its criteria', async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, DEMO.sponsor, /\/sponsor$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Import a trial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import from ClinicalTrials.gov');
  await checkPage(page, testInfo, T, 'import');

  // A record that cannot be read: every failing field is listed, nothing is created.
  await page
    .getByRole('textbox', { name: 'Or paste the record' })
    .fill(readFileSync(join(CTGOV, 'malformed.json'), 'utf8'));
  await page.getByRole('button', { name: 'Import as a draft' }).click();
  const failed = page.getByTestId('import-failed');
  await expect(failed).toContainText('The record could not be read. Nothing was created.');
  await expect(failed).toContainText('protocolSection.identificationModule.nctId');
  await expect(failed).toContainText('protocolSection.eligibilityModule.minimumAge');
  await expect(failed).toContainText('protocolSection.eligibilityModule.sex');
  await checkPage(page, testInfo, T, 'import-failed');

  // The pediatric B-ALL CAR-T record, uploaded as a file.
  await page.getByRole('textbox', { name: 'Or paste the record' }).fill('');
  await page.locator('input[type="file"]').setInputFiles(join(CTGOV, 'pediatric_ball_cart.json'));
  await page.getByRole('button', { name: 'Import as a draft' }).click();

  await expect(page).toHaveURL(/\/sponsor\/trials\/[0-9a-f-]+\/criteria$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'CD19 CAR-T Cells in Children and Young Adults With Relapsed or Refractory B-cell Acute Lymphoblastic Leukemia',
  );
  await expect(page.getByTestId('trial-status')).toHaveText('Draft');
  await expect(page.getByText('Imported from ClinicalTrials.gov', { exact: true })).toBeVisible();
  await expect(page.getByText('Registry status: RECRUITING')).toBeVisible();
  await expect(page.getByTestId('import-warnings')).toBeVisible();

  // The criteria the record gave: ages, conditions, no healthy volunteers, and
  // the free text kept for a person to structure.
  const criterion = (id: string) => page.locator(`[data-testid="criterion"][data-criterion-id="${id}"]`);
  await expect(criterion('ctgov-age').getByLabel('Minimum age', { exact: true })).toHaveValue('3');
  await expect(criterion('ctgov-age').getByLabel('Maximum age', { exact: true })).toHaveValue('21');
  await expect(criterion('ctgov-conditions')).toContainText('B-cell acute lymphoblastic leukaemia');
  await expect(criterion('ctgov-healthy').getByRole('radio', { name: 'Exclusion' })).toBeChecked();
  await expect(criterion('ctgov-in-1').getByLabel('Criterion text')).toHaveValue('Relapsed or refractory CD19-positive B-cell ALL:');
  await expect(criterion('ctgov-ex-12').getByLabel('Criterion text')).toHaveValue('Burkitt lymphoma/leukemia');
  await expect(page.getByRole('tab', { name: 'Criteria (15)' })).toBeVisible();
  await checkPage(page, testInfo, T, 'draft-criteria');

  // Its locations became sites, with coordinates.
  await page.getByRole('tab', { name: /Sites and staff/ }).click();
  await expect(page.getByRole('row', { name: /Hacettepe University Faculty of Medicine/ })).toContainText('39.9334, 32.8597');
  await expect(page.getByRole('row', { name: /Hospital Sant Joan de Déu/ })).toContainText('Barcelona, Spain');
  await checkPage(page, testInfo, T, 'draft-sites');

  // And its description.
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('textbox', { name: 'NCT number' })).toHaveValue('NCT09000001');
  await expect(page.getByLabel('Target enrollment', { exact: true })).toHaveValue('60');
  await expect(page.getByRole('checkbox', { name: 'Phase 2', exact: true })).toBeChecked();
  await checkPage(page, testInfo, T, 'draft-details');

  // The same record again is refused: its NCT number is taken.
  await page.getByRole('navigation').getByRole('link', { name: 'Import a trial' }).click();
  await page.locator('input[type="file"]').setInputFiles(join(CTGOV, 'pediatric_ball_cart.json'));
  await page.getByRole('button', { name: 'Import as a draft' }).click();
  await expect(page.getByTestId('import-failed')).toContainText('A trial with this NCT number already exists.');
});
