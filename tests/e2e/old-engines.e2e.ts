/**
 * Engines that lack what the app uses: without DecompressionStream (WPE 2.38, Safari before
 * 16.4) the dataset and .gz lists inflate with fflate; without IndexedDB one sentence says so.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { realExports } from '../support/exports';

const zipped = realExports().find((e) => e.name.endsWith('.gz'))!;

test.describe('without DecompressionStream', () => {
  // Straight from the network, so that the route below reaches the worker's script.
  test.use({ serviceWorkers: 'block' });

  test('the dataset loads and a .gz export imports, inflated by fflate', async ({
    page,
    context,
  }) => {
    const workers: string[] = [];
    await context.route(/\/workers\/engine\.worker-[^/]+\.js$/, async (route) => {
      const response = await route.fetch();
      const code = `self.DecompressionStream = undefined;\n${await response.text()}`;
      workers.push(route.request().url());
      await route.fulfill({ response, body: code });
    });
    // Chunk names are hashes: fflate's is the one with its error messages in it.
    const fflate: string[] = [];
    await context.route(/\/workers\/chunks\/[^/]+\.js$/, async (route) => {
      const response = await route.fetch();
      const code = await response.text();
      if (code.includes('invalid gzip data')) fflate.push(route.request().url());
      await route.fulfill({ response, body: code });
    });
    await page.addInitScript(() => {
      (globalThis as { DecompressionStream?: unknown }).DecompressionStream = undefined;
    });
    await page.goto('/recommendations');
    await expect(page.getByTestId('shard-stats')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('shard-error')).toBeHidden();
    expect(workers).toHaveLength(1);
    expect(fflate.length).toBeGreaterThan(0);

    await page.getByTestId('import-file').setInputFiles({
      name: zipped.name,
      mimeType: 'application/gzip',
      buffer: readFileSync(zipped.path),
    });
    await expect(page.getByTestId('report-entries')).toHaveText(String(zipped.entries), {
      timeout: 20_000,
    });
  });
});

test('without IndexedDB one sentence says what is missing and what to use instead', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('/');
  await expect(page.getByTestId('browser-missing')).toHaveText(
    'This browser has no IndexedDB, so Tsugi cannot keep your list: use a current Firefox, ' +
      'Chrome or Safari.',
  );
  await expect(page.getByTestId('loading')).toBeHidden();
  await expect(page.getByTestId('offline-ready')).toBeHidden();
});
