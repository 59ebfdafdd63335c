import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { checkPage } from './helpers';
import { DEMO, signedInPage } from './staff-helpers';

const T = 'admin';

test.use({ actionTimeout: 15_000 });

/** A calendar date in UTC, as the server reads the filter's dates. */
function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

test('an admin filters the audit log, exports it as CSV and opens the development mailbox', async ({ browser }, testInfo) => {
  const page = await signedInPage(browser, DEMO.admin, /\/admin\/users$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  const table = page.getByTestId('audit-table');
  // Newest first: the admin's own sign-in is on the first page.
  await expect(table.locator('tbody tr[data-action="auth.login"]').first()).toBeVisible();
  await checkPage(page, testInfo, T, 'audit');

  // By action and subject type.
  const action = page.getByRole('combobox', { name: 'Action' });
  await action.fill('auth.login');
  await action.press('Escape');
  await page.getByRole('combobox', { name: 'Subject type' }).fill('user');
  await page.getByRole('combobox', { name: 'Subject type' }).press('Escape');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-action', 'auth.login');
  await expect(table.locator('tbody tr:not([data-action="auth.login"])')).toHaveCount(0);

  // By time: today has events, tomorrow none yet.
  await page.getByLabel('From', { exact: true }).fill(day(0));
  await page.getByLabel('To', { exact: true }).fill(day(0));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await page.getByLabel('From', { exact: true }).fill(day(1));
  await page.getByLabel('To', { exact: true }).fill(day(1));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('No event matches these filters.')).toBeVisible();

  // A malformed actor id is caught before it is sent.
  await page.getByRole('textbox', { name: 'Actor id' }).fill('not-an-id');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('textbox', { name: 'Actor id' })).toHaveAttribute('aria-invalid', 'true');
  await checkPage(page, testInfo, T, 'audit-filtered');

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('combobox', { name: 'Action' }).fill('auth.login');
  await page.getByRole('combobox', { name: 'Action' }).press('Escape');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(table.locator('tbody tr:not([data-action="auth.login"])')).toHaveCount(0);

  // The filtered log as CSV, through the API client's token (not a bare link).
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-events-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await download.path()) ?? '', 'utf8').trim().split('\n');
  expect(lines[0]).toBe('id,occurred_at,actor_id,actor_role,action,subject_type,subject_id,request_id,details');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.split(',')[4] === 'auth.login')).toBe(true);
  await expect(page.getByText('The CSV file is downloaded.')).toBeVisible();

  // The development mailbox.
  await page.getByRole('navigation').getByRole('link', { name: 'Mailbox' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Development mailbox');
  await checkPage(page, testInfo, T, 'mailbox');
});
