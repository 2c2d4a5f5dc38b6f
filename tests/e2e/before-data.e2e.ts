/**
 * What needs no dataset comes before it: For you takes a file while the dataset is still on its
 * way (and imports it once it is here), and a return visit shows the picks it showed last time,
 * marked as such, then replaces them in place. The shard's download is held back to make the
 * wait long and certain (no service worker: routing then sees every request).
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { shownIds } from '../support/cards';
import { realExports } from '../support/exports';
import { storedSetting } from '../support/stored';

const SHARD = /\/data\/shard\.[0-9a-f]+\.bin$/;
const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;

test.use({ serviceWorkers: 'block' });

/** Holds the shard's downloads until the returned function is called (then lets them all go). */
async function holdShard(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await context.route(SHARD, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** The MAL ids of the kept picks, in order, read from IndexedDB. */
async function keptIds(page: Page): Promise<number[]> {
  const kept = await storedSetting<{
    ranked: { index: number }[];
    catalogue: { malId: ArrayLike<number> };
  }>(page, 'last-picks');
  return kept ? kept.ranked.map((r) => Number(kept.catalogue.malId[r.index])) : [];
}

const storedCards = (page: Page) => page.locator('[data-testid="recommendations"][data-stored]');
const freshCards = (page: Page) =>
  page.locator('[data-testid="recommendations"]:not([data-stored])').getByTestId('anime-card');

test('For you takes a file before the dataset has arrived and imports it once it has', async ({
  page,
  context,
}) => {
  const release = await holdShard(context);
  await page.goto('/recommendations');
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import your list' })).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('import-stage')).toContainText(
    /is read as soon as the dataset is loaded/,
  );
  await page.waitForTimeout(500);
  await expect(page.getByTestId('loading')).toBeVisible();
  release();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
});

test('a file chosen while the dataset fails to load waits for the retry, then is imported', async ({
  page,
  context,
}) => {
  let failing = true;
  await context.route(SHARD, (route) => (failing ? route.abort('failed') : route.continue()));
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('shard-error')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-stage')).toHaveText(
    'Your file waits for the dataset, which could not be loaded: retry above.',
  );
  failing = false;
  await page.getByTestId('shard-error').getByRole('button').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 30_000 });
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
});

test('a return visit shows the last picks at once, marked as such, then fresh ones in place', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
  // Kept once every pick on the page has its reasons, and again whenever they change (item-kNN
  // ready, the fine-tune done): wait until what is kept is what the page shows.
  await expect(page.getByText('Finding reasons…')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('personalising')).toHaveCount(0, { timeout: 60_000 });
  await expect
    .poll(async () => JSON.stringify(await keptIds(page)) === JSON.stringify(await shownIds(page)))
    .toBe(true);

  const release = await holdShard(context);
  await page.reload();
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(page.getByTestId('last-picks')).toContainText(
    /Your picks as shown (just now|1 minute ago): updating them/,
  );
  // The kept picks, in their order, each with its reasons, before the dataset has arrived.
  const kept = await keptIds(page);
  expect(kept).toHaveLength(48);
  expect(await shownIds(page)).toEqual(kept);
  await expect(storedCards(page).getByTestId('why')).toHaveCount(48);
  await expect(storedCards(page).getByText('Finding reasons…')).toHaveCount(0);
  await expect(storedCards(page).getByTestId('not-interested')).toHaveCount(0);
  release();
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('last-picks')).toHaveCount(0);
  await expect(storedCards(page)).toHaveCount(0);
});

test('picks kept for a list that has changed since are not shown', async ({ page, context }) => {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Finding reasons…')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => storedSetting(page, 'last-picks')).toBeTruthy();
  // The list changes under the kept picks (an edit in another tab, say).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tsugi');
        open.onsuccess = () => {
          const store = open.result.transaction('library', 'readwrite').objectStore('library');
          const get = store.get('current');
          get.onsuccess = () => {
            const put = store.put(
              { ...get.result, updatedAt: new Date().toISOString() },
              'current',
            );
            put.onsuccess = () => (open.result.close(), resolve());
            put.onerror = () => reject(new Error('cannot change the stored list'));
          };
        };
        open.onerror = () => reject(new Error('cannot open the database'));
      }),
  );
  const release = await holdShard(context);
  await page.reload();
  await expect(page.getByTestId('loading')).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('last-picks')).toHaveCount(0);
  await expect(storedCards(page)).toHaveCount(0);
  release();
  await expect(freshCards(page).first()).toBeVisible({ timeout: 30_000 });
});
