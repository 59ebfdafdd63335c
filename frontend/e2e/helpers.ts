import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_DIR } from './server';

export const DEMO_PASSWORD = 'TrialMatch-demo-2026';
export const NEW_PASSWORD = 'Maple-harbour-lantern-42';

let counter = 0;

/** An e-mail address no earlier run has used. */
export function uniqueEmail(kind: string): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}@example.org`;
}

/**
 * After every page: axe must find nothing serious or critical, and a
 * full-page screenshot goes to e2e/screenshots/<test>-<page>.png.
 */
export async function checkPage(page: Page, testInfo: TestInfo, test: string, name: string): Promise<void> {
  await expect(page.locator('main h1').first()).toBeVisible();
  // Judge the page as it rests, not under the pointer that just clicked.
  await page.mouse.move(0, 0);
  // Let menus close and notifications settle before judging and capturing.
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !serious.includes(v));
  for (const v of minor) {
    testInfo.annotations.push({ type: `axe ${v.impact ?? ''} (${name})`, description: `${v.id}: ${v.help}` });
  }
  mkdirSync(join(E2E_DIR, 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(E2E_DIR, 'screenshots', `${test}-${name}.png`), fullPage: true });
  expect(
    serious.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

export async function fillSignUp(
  page: Page,
  values: { name: string; email: string; password?: string },
  labels = { name: 'Your name', email: 'E-mail address', password: 'Password' },
): Promise<void> {
  await page.getByLabel(labels.name).fill(values.name);
  await page.getByLabel(labels.email).fill(values.email);
  await page.getByRole('textbox', { name: labels.password, exact: true }).fill(values.password ?? NEW_PASSWORD);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function signOut(page: Page, labels = { menu: 'Account menu', signOut: 'Sign out' }): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^${labels.menu}: `) }).click();
  await page.getByRole('menuitem', { name: labels.signOut }).click();
  await expect(page).toHaveURL(/\/$/);
}
