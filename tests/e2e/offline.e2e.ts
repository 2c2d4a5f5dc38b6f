import { expect, test } from '@playwright/test';

test('after one visit the app reloads and searches with the network off', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  // The service worker adds the isolation headers itself (WASM threads need them).
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('search').fill('cowboy bebop');
  await expect(page.getByTestId('anime-card').first()).toContainText('Cowboy Bebop');
  await page.getByTestId('anime-card').first().click();
  await expect(page.getByTestId('synopsis')).toContainText('2071');

  await page.goto('/anime?id=5114');
  await expect(page.getByTestId('anime-detail')).toContainText('Fullmetal Alchemist');
  await context.setOffline(false);
});

test('no request leaves the origin', async ({ page, context, baseURL }) => {
  const foreign: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).origin !== new URL(baseURL!).origin) foreign.push(request.url());
  });
  await page.goto('/');
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await page.goto('/anime?id=16498');
  await expect(page.getByTestId('anime-detail')).toBeVisible();
  expect(foreign).toEqual([]);
});

test('the Content-Security-Policy blocks connections to other origins', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  const violated = await page.evaluate(async () => {
    const seen = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective)),
    );
    await fetch('http://127.0.0.2:9/tracker').catch(() => undefined);
    return seen;
  });
  expect(violated).toBe('connect-src');
});

test('training works offline once the app is stored', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.goto('/model');
  await page.getByTestId('backend').selectOption('wasm');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('holdout').uncheck();
  await page.getByTestId('train').click();
  await expect(page.getByTestId('training-summary')).toContainText('Backend: wasm', {
    timeout: 100_000,
  });
  await context.setOffline(false);
});
