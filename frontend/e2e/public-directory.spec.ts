import { expect, test } from '@playwright/test';
import { checkPage } from './helpers';

// A visitor from Türkiye: the browser speaks Turkish, nobody is signed in,
// and the visitor lets the site know roughly where they are (Ankara).
test.use({
  locale: 'tr-TR',
  geolocation: { latitude: 39.92, longitude: 32.85 },
  permissions: ['geolocation'],
});

test('the public trial directory lists the demo trials in Turkish for a Turkish visitor', async ({ page }, testInfo) => {
  const T = 'public-directory';
  await page.goto('/trials');
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gönüllü arayan klinik araştırmalar');

  const cards = page.getByTestId('trial-card');
  // The three demo trials (other tests may have opened more).
  for (const title of ['CD19 CAR-T cells for children', 'CD19 CAR-T cells for adults', 'BCMA CAR-T cells']) {
    await expect(cards.filter({ hasText: title })).toHaveCount(1);
  }
  const ball = cards.filter({ hasText: 'CD19 CAR-T cells for children and young adults' });
  // The plain-language summary in Turkish, the conditions by their Turkish names.
  await expect(ball).toContainText('Çocuğun kendi bağışıklık hücrelerinin');
  await expect(ball).toContainText('B hücreli akut lenfoblastik lösemi');
  await expect(cards.filter({ hasText: 'BCMA CAR-T' })).toContainText('multipl miyelom');
  await expect(ball).toContainText('Faz 1');
  await checkPage(page, testInfo, T, 'list');

  // Distances once the visitor allows it.
  await page.getByRole('button', { name: 'Bulunduğum yere olan uzaklıkları göster' }).click();
  await expect(ball).toContainText(/En yakını: \d+ km uzaklıkta/);
  await checkPage(page, testInfo, T, 'list-distances');

  // One trial: the criteria in plain Turkish, the sites on a list.
  await ball.getByRole('link', { name: /^CD19 CAR-T cells for children/ }).click();
  await expect(page).toHaveURL(/\/trials\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/CD19 CAR-T cells for children/);
  const criteria = page.getByRole('region', { name: 'Kimler katılabilir' }).first();
  await expect(criteria).toContainText('Yaş: 3 yıl ile 21 yıl arası');
  await expect(criteria).toContainText('Tanı: B hücreli akut lenfoblastik lösemi, CD19 pozitif');
  await expect(page.getByText('Katılamayacak olanlar')).toBeVisible();
  const sites = page.getByTestId('sites');
  await expect(sites).toContainText("Hacettepe University Children's Hospital");
  await expect(sites).toContainText('Ankara, Türkiye');
  await expect(sites).toContainText('Astana, Kazakistan');
  await page.getByRole('button', { name: 'Bulunduğum yere olan uzaklıkları göster' }).click();
  await expect(sites.getByRole('columnheader', { name: 'Uzaklık' })).toBeVisible();
  // Sorted by distance: Ankara first.
  await expect(sites.getByRole('row').nth(1)).toContainText('Hacettepe');
  await expect(page.getByRole('link', { name: 'Gönüllü ya da ebeveyn olarak kaydolun' })).toBeVisible();
  await checkPage(page, testInfo, T, 'trial');

  await page.getByRole('link', { name: 'Gönüllü ya da ebeveyn olarak kaydolun' }).click();
  await expect(page).toHaveURL(/\/signup\?role=volunteer$/);
});
