import { expect, test } from '@playwright/test';
import { checkPage, DEMO_PASSWORD, fillSignUp, NEW_PASSWORD, signIn, signOut, uniqueEmail } from './helpers';

test('a volunteer signs up, signs out and signs in again', async ({ page }, testInfo) => {
  const T = 'volunteer';
  const name = 'Elif Kaya';
  const email = uniqueEmail('volunteer');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find a clinical trial that could help you or your child');
  await checkPage(page, testInfo, T, 'landing');

  await page.getByRole('link', { name: 'Sign up as a volunteer or parent' }).click();
  await expect(page).toHaveURL(/\/signup/);
  await expect(page.getByRole('radio', { name: /I am a volunteer or parent/ })).toHaveAttribute('aria-checked', 'true');
  await checkPage(page, testInfo, T, 'signup');

  await fillSignUp(page, { name, email });
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
  await expect(page.getByTestId('user-name')).toHaveText(name);
  await checkPage(page, testInfo, T, 'portal');

  await page.getByRole('navigation').getByRole('link', { name: 'Account settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account');
  await expect(page.getByText(email)).toBeVisible();
  await checkPage(page, testInfo, T, 'account');

  // Changing the name is saved to the account (PATCH /me) and shown at once.
  const newName = 'Elif K.';
  await page.getByLabel('Your name').fill(newName);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your changes are saved.')).toBeVisible();
  await expect(page.getByTestId('user-name')).toHaveText(newName);
  await checkPage(page, testInfo, T, 'account-saved');
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('user-name')).toHaveText(name);

  await signOut(page);
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  // The session is really over: a portal page asks to sign in.
  await page.goto('/volunteer');
  await expect(page).toHaveURL(/\/signin$/);
  await checkPage(page, testInfo, T, 'signin');

  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
  await expect(page.getByTestId('user-name')).toHaveText(name);

  // A reload keeps the session through the refresh cookie (no token is stored).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
  expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toMatch(/token|eyJ/);
  await checkPage(page, testInfo, T, 'portal-again');
});

test('a staff account waits for an administrator, then reaches its portal', async ({ page }, testInfo) => {
  const T = 'staff';
  const name = 'Dr. Murat Demir';
  const email = uniqueEmail('investigator');

  await page.goto('/signup');
  await page.getByRole('radio', { name: /I work for a trial site \(investigator\)/ }).click();
  await expect(page.getByText('An administrator checks every staff account before it can be used.')).toBeVisible();
  await fillSignUp(page, { name, email });
  await checkPage(page, testInfo, T, 'signup');
  await page.getByRole('button', { name: 'Create my account' }).click();

  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account is waiting for approval');
  await expect(page.getByText(/Thank you for signing up/)).toBeVisible();
  await checkPage(page, testInfo, T, 'pending-signup');

  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/pending$/);
  await expect(page.getByText(/has not approved your account yet/)).toBeVisible();
  await checkPage(page, testInfo, T, 'pending-signin');

  // The demo administrator approves the account.
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Use the Administrator demo account' }).click();
  await expect(page.getByLabel('E-mail address')).toHaveValue('admin@demo.trialmatch.org');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Investigator at a trial site');
  await checkPage(page, testInfo, T, 'admin-users');
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(`${name} is approved and can sign in now.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await checkPage(page, testInfo, T, 'admin-approved');
  await signOut(page);

  await page.goto('/signin');
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/investigator$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`);
  await expect(page.getByText('Review de-identified candidates', { exact: false })).toBeVisible();
  await checkPage(page, testInfo, T, 'portal');
});

test('a Turkish user sees the interface in Turkish', async ({ page }, testInfo) => {
  const T = 'turkish';
  const name = 'Ayşe Yılmaz';
  const email = uniqueEmail('turkish');

  await page.goto('/');
  await page.getByRole('button', { name: /Language/ }).click();
  await page.getByRole('menuitem', { name: 'Türkçe' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Size ya da çocuğunuza yardımcı olabilecek bir klinik araştırma bulun',
  );
  await checkPage(page, testInfo, T, 'landing');

  await page.getByRole('link', { name: 'Gönüllü veya ebeveyn olarak kaydolun' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hesap oluştur');
  await fillSignUp(page, { name, email }, { name: 'Adınız', email: 'E-posta adresi', password: 'Şifre' });
  await checkPage(page, testInfo, T, 'signup');
  await page.getByRole('button', { name: 'Hesabımı oluştur' }).click();

  await expect(page).toHaveURL(/\/volunteer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Merhaba ${name}`);
  await expect(page.getByText('Burada neler yapabilirsiniz')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(page).toHaveTitle(/Ana sayfa · TrialMatch/);
  await checkPage(page, testInfo, T, 'portal');

  await page.getByRole('navigation').getByRole('link', { name: 'Hesap ayarları' }).click();
  await expect(page.getByLabel('Dil', { exact: true })).toHaveValue('tr');
  await checkPage(page, testInfo, T, 'account');

  // Signed out and switched to English, the account's language returns on sign-in.
  await signOut(page, { menu: 'Hesap menüsü', signOut: 'Çıkış yap' });
  await page.getByRole('button', { name: /Dil/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('link', { name: 'I already have an account' }).click();
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Merhaba ${name}`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
});

test('a wrong password and an unknown e-mail get the same clear message', async ({ page }, testInfo) => {
  const T = 'wrong-password';
  const expected = 'The e-mail address or the password is not right. Please check both and try again.';

  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Demo accounts' })).toBeVisible();
  await checkPage(page, testInfo, T, 'signin');

  await signIn(page, 'volunteer@demo.trialmatch.org', 'not-the-password-1');
  await expect(page.getByRole('alert')).toHaveText(expected);
  await expect(page).toHaveURL(/\/signin$/);
  await checkPage(page, testInfo, T, 'wrong-password');

  await signIn(page, uniqueEmail('nobody'), 'not-the-password-1');
  await expect(page.getByRole('alert')).toHaveText(expected);
  await checkPage(page, testInfo, T, 'unknown-email');

  // The right password still works afterwards.
  await signIn(page, 'volunteer@demo.trialmatch.org', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/volunteer$/);
});
