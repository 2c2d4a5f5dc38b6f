import { expect, test, type BrowserContext, type Route } from '@playwright/test';

const SHARD = /\/data\/shard\.[0-9a-f]+\.bin$/;

/** Serves the real shard through `mangle`, counting how often it was asked for. */
async function mangleShard(context: BrowserContext, mangle: (bytes: Buffer) => Buffer) {
  const calls = { count: 0 };
  await context.route(SHARD, async (route: Route) => {
    calls.count++;
    const response = await route.fetch();
    await route.fulfill({ response, body: mangle(await response.body()) });
  });
  return calls;
}

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  const cases: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['truncated', (b) => b.subarray(0, b.length - 1000), /incomplete.*truncated/],
    [
      'corrupted',
      // Inside the catalogue (the model's sections, last in the file, may fail on their own).
      (b) => Buffer.from(b.map((x, i) => (i === 4000 ? x ^ 0xff : x))),
      /damaged.*checksum/,
    ],
    [
      'wrong version',
      (b) => Buffer.concat([b.subarray(0, 8), Buffer.from([9, 0, 0, 0]), b.subarray(12)]),
      /damaged|version/,
    ],
    ['not a shard', () => Buffer.from('<!doctype html><p>404</p>'), /not a Tsugi dataset/],
  ];

  for (const [name, mangle, message] of cases) {
    test(`a ${name} shard is rejected with a clear message, and fetching again recovers`, async ({
      page,
      context,
    }) => {
      const calls = await mangleShard(context, mangle);
      await page.goto('/');
      const problem = page.getByTestId('shard-error');
      await expect(problem).toBeVisible({ timeout: 30_000 });
      await expect(problem).toContainText(message);
      await expect(page.getByTestId('anime-card')).toHaveCount(0);
      expect(calls.count).toBe(1);

      await context.unroute(SHARD);
      await page.getByRole('button', { name: 'Fetch the dataset again' }).click();
      await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
      await expect(problem).toBeHidden();
    });
  }

  test('a manifest of another format version is rejected before downloading the shard', async ({
    page,
    context,
  }) => {
    await context.route(/\/data\/shard\.json$/, async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as { version: number };
      await route.fulfill({ response, json: { ...manifest, version: manifest.version + 1 } });
    });
    await page.goto('/');
    await expect(page.getByTestId('shard-error')).toContainText(
      /does not match this version of the app/,
    );
  });
});

test('a damaged download never replaces the good cached shard', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const calls = await mangleShard(context, (b) => b.subarray(0, b.length / 2));

  // A forced refresh goes to the network through the service worker and gets a cut-short copy.
  const status = await page.evaluate(async () => {
    const manifest = (await (await fetch('/data/shard.json')).json()) as { file: string };
    const response = await fetch(`/data/${manifest.file}`, { cache: 'reload' });
    return response.status;
  });
  expect(status).toBe(200);
  expect(calls.count).toBeGreaterThan(0);

  // Offline, the app can only use what the service worker kept: it must still be the good copy.
  await context.unroute(SHARD);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('shard-error')).toBeHidden();
  await context.setOffline(false);
});

test('"Available offline" is not shown beside a load error, and is once the dataset loads', async ({
  page,
  context,
}) => {
  const MANIFEST = /\/data\/shard\.json$/;
  await context.route(MANIFEST, async (route) => {
    const response = await route.fetch();
    const manifest = (await response.json()) as { version: number };
    await route.fulfill({ response, json: { ...manifest, version: manifest.version + 1 } });
  });
  await page.goto('/');
  await expect(page.getByTestId('shard-error')).toContainText(/does not match this version/);
  // The service worker is installed and holds its files; the page still has no dataset.
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.waitForTimeout(500);
  await expect(page.getByTestId('offline-ready')).toBeHidden();

  await context.unroute(MANIFEST);
  await page.getByRole('button', { name: 'Fetch the dataset again' }).click();
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
});
