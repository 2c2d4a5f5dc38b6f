import { expect, test, type Page } from '@playwright/test';

const epochRows = (page: Page) => page.getByTestId('epochs-table').locator('tbody tr');

for (const backend of ['wasm', 'webgpu'] as const) {
  test(`trains NCF in the worker on ${backend} with a falling loss`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/model');
    await page.getByTestId('backend').selectOption(backend);
    await page.getByTestId('epochs').fill('2');
    await page.getByTestId('holdout').uncheck();
    await page.getByTestId('train').click();
    const summary = page.getByTestId('training-summary');
    await expect(summary).toBeVisible({ timeout: 100_000 });
    await expect(summary).toContainText(`Backend: ${backend}`);
    if (backend === 'wasm') {
      // Every core the page offers (up to 8), each a thread of the SIMD kernel: 2 here.
      const cores = await page.evaluate(() =>
        crossOriginIsolated ? Math.min(8, navigator.hardwareConcurrency) : 0,
      );
      expect(cores).toBeGreaterThanOrEqual(2);
      await expect(summary).toContainText(`; WASM SIMD kernel, ${cores} threads)`);
    } else {
      await expect(summary).toContainText(/WebGPU kernel on .*\(software fallback\)/);
      // The WGSL kernel ran once with one thread and matched the JavaScript loop.
      const text = (await summary.textContent()) ?? '';
      const difference =
        /matches the JavaScript step on this device \(largest difference ([\d.e+-]+)\)/.exec(text);
      expect(difference, text).not.toBeNull();
      expect(Number(difference![1])).toBeLessThan(1e-4);
    }
    const rows = page.getByTestId('epochs-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    const losses = (await rows.locator('td:nth-child(2)').allTextContents()).map(Number);
    expect(losses[1]).toBeLessThan(losses[0]!);
    expect(losses[0]).toBeGreaterThan(0.3);
    await expect(page.getByTestId('charts').locator('canvas')).toHaveCount(1);
  });
}

test('without cross-origin isolation it trains on one thread and says why', async ({ browser }) => {
  test.setTimeout(120_000);
  // No service worker (it would add the isolation headers back) and no COOP/COEP on the page.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route('**/model', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.goto('/model');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await page.getByTestId('backend').selectOption('wasm');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('train').click();
  const summary = page.getByTestId('training-summary');
  await expect(summary).toContainText(
    '; WASM SIMD kernel, 1 thread: the page is not cross-origin isolated)',
    { timeout: 100_000 },
  );
  const losses = (await epochRows(page).locator('td:nth-child(2)').allTextContents()).map(Number);
  expect(losses[1]).toBeLessThan(losses[0]!);
  await context.close();
});

test('automatic choice skips the software WebGPU adapter and says why', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/model');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('holdout').uncheck();
  await page.getByTestId('train').click();
  await expect(page.getByTestId('training-summary')).toContainText(
    /Backend: wasm \(not WebGPU: the only WebGPU adapter is a software fallback/,
    { timeout: 100_000 },
  );
});

test('a held-out run ends with the comparison table, kept after a reload', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/model');
  await page.getByTestId('backend').selectOption('wasm');
  await page.getByTestId('epochs').fill('2');
  await page.getByTestId('holdout').check();
  await page.getByTestId('train').click();
  const table = page.getByTestId('evaluation-table');
  await expect(table).toBeVisible({ timeout: 120_000 });
  await expect(table).toContainText('popularity');
  await expect(table).toContainText('NCF (dim 128)');
  await expect(table).toContainText('content only');
  await expect(table).toContainText('hybrid, content weight 0.1');
  const recalls = (await table.locator('tbody td:nth-child(2)').allTextContents()).map(Number);
  expect(recalls.every((r) => r >= 0 && r <= 1)).toBe(true);
  // NCF, even after two epochs, beats popularity on held-out users.
  expect(recalls[1]).toBeGreaterThan(recalls[0]!);
  await page.reload();
  await expect(page.getByTestId('evaluation-table')).toContainText('NCF (dim 128)');
});

test('the time left shows from the end of epoch 2, and the finished run links to For you', async ({
  page,
}) => {
  // How close the estimate lands is a unit test on a clock it controls (src/lib/model/eta.spec.ts).
  test.setTimeout(150_000);
  await page.goto('/model');
  await expect(
    page.getByRole('heading', { name: 'Train from scratch on this device' }),
  ).toBeVisible();
  await expect(page.getByTestId('holdout')).not.toBeChecked();
  await expect(page.getByTestId('stop-at-plateau')).toBeDisabled();
  await page.getByTestId('epochs').fill('5');
  // The plain loop's epochs take seconds: the first frame with an estimate is still epoch 2's.
  await page.getByTestId('backend').selectOption('cpu');
  const train = page.getByTestId('train');
  await expect(train).toHaveText('Train from scratch on this device');
  await train.click();
  // Polled every frame: the moment the estimate first shows is the end of epoch 2.
  const shown = await page.waitForFunction(
    () => {
      const eta = document.querySelector('[data-testid="eta"]');
      if (!eta) return null;
      return {
        seconds: Number(eta.getAttribute('data-eta-seconds')),
        text: eta.textContent ?? '',
        epochs: document.querySelectorAll('[data-testid="epochs-table"] tbody tr').length,
      };
    },
    null,
    { polling: 'raf', timeout: 100_000 },
  );
  const value = await shown.jsonValue();
  expect(value).not.toBeNull();
  const { seconds, text, epochs } = value!;
  expect(epochs).toBe(2);
  expect(text).toMatch(/about \d+ (s|min) left/);
  expect(seconds).toBeGreaterThan(0);
  await expect(page.getByTestId('training-summary')).toBeVisible({ timeout: 100_000 });
  await expect(page.getByTestId('eta')).toHaveCount(0);
  await expect(page.getByTestId('training-progress')).toContainText('Finished: epoch 5 of 5');

  const link = page.getByRole('link', { name: 'See your recommendations' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/recommendations$/);
});

test('a run the user cancels says they stopped it, also after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/model');
  await page.getByTestId('epochs').fill('6');
  await page.getByTestId('train').click();
  await expect(epochRows(page)).toHaveCount(1, { timeout: 60_000 });
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('training-progress')).toContainText(
    /Stopped by you after epoch \d of 6/,
    { timeout: 60_000 },
  );
  const stored = page.getByTestId('stored-model');
  await expect(stored).toContainText(/You stopped training after epoch \d of 6/);
  await expect(page.getByTestId('resume')).toBeVisible();

  await page.reload();
  await expect(stored).toContainText(/You stopped training after epoch \d of 6/);
  await expect(stored).not.toContainText('Interrupted');
  await expect(page.getByTestId('resume')).toBeVisible();
});
