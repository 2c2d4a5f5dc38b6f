import { expect, test, type Page } from '@playwright/test';

const epochRows = (page: Page) => page.getByTestId('epochs-table').locator('tbody tr');

async function epochNumbers(page: Page): Promise<number[]> {
  return (await epochRows(page).locator('td:first-child').allTextContents()).map(Number);
}

test('training survives a reload: it resumes from the last saved epoch', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/model');
  await expect(page.getByTestId('stored-model')).toContainText(
    'No model has been trained on this device',
  );
  await page.getByTestId('epochs').fill('6');
  await page.getByTestId('holdout').uncheck();
  await page.getByTestId('train').click();
  await expect(epochRows(page)).toHaveCount(2, { timeout: 60_000 });

  await page.reload();
  const stored = page.getByTestId('stored-model');
  // The tab went away mid-run: the page says so and offers to go on.
  await expect(stored).toContainText(/Interrupted after epoch \d of 6/);
  await expect(page.getByTestId('resume')).toBeVisible();
  const savedEpochs = await epochNumbers(page);
  expect(savedEpochs.length).toBeGreaterThanOrEqual(2);
  expect(savedEpochs.length).toBeLessThan(6);

  await page.getByTestId('resume').click();
  await expect(page.getByTestId('training-summary')).toBeVisible({ timeout: 120_000 });
  expect(await epochNumbers(page)).toEqual([1, 2, 3, 4, 5, 6]);

  await page.reload();
  await expect(stored).toContainText('A model trained for 6 epochs on this dataset is stored');
  await page.getByTestId('delete-model').click();
  await expect(stored).toContainText('No model has been trained on this device');
  await page.reload();
  await expect(stored).toContainText('No model has been trained on this device');
});

test('a model trained on another shard asks to be trained again', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/model');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('holdout').uncheck();
  await page.getByTestId('train').click();
  await expect(page.getByTestId('training-summary')).toBeVisible({ timeout: 60_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tsugi');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const store = open.result.transaction('models', 'readwrite').objectStore('models');
          const get = store.get('current');
          get.onsuccess = () => {
            store.put({ ...get.result, shardSha256: 'another-shard' }, 'current').onsuccess = () =>
              resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId('stored-model')).toContainText(
    'trained on another version of the dataset',
  );
  await expect(page.getByTestId('resume')).toHaveCount(0);
});
