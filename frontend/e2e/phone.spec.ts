import { expect, test, type Page } from '@playwright/test';
import { checkPage } from './helpers';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'the page is wider than the phone').toBeLessThanOrEqual(0);
}

test('on a 375 px phone the shell works: menu, language, portal', async ({ page }, testInfo) => {
  const T = 'phone';
  await page.goto('/');
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'landing');

  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'signin');

  await page.getByRole('button', { name: 'Use the Sponsor demo account' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/sponsor$/);
  await noSidewaysScroll(page);
  // The side menu is folded away and out of reach until opened.
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await expect(nav.getByRole('link', { name: 'Account settings' })).not.toBeInViewport();
  await checkPage(page, testInfo, T, 'sponsor-portal');

  await page.getByRole('button', { name: 'Open the menu' }).click();
  await expect(nav.getByRole('link', { name: 'Account settings' })).toBeInViewport();
  await nav.getByRole('link', { name: 'Account settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'account');

  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('menuitem', { name: 'Қазақша' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сіздің аккаунтыңыз');
  await noSidewaysScroll(page);
  await checkPage(page, testInfo, T, 'account-kk');
  // Put the demo sponsor back to English for later runs.
  await page.getByRole('button', { name: /Тіл/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
