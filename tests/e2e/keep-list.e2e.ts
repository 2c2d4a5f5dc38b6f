import { expect, test, type Page } from '@playwright/test';
import { realExports } from '../support/exports';

const small = realExports().find((e) => e.name.startsWith('Yobokata'))!;

/** Stands in for a browser's answer to `navigator.storage.persist()` (Safari's, or a refusal). */
async function storageAnswers(page: Page, answer: 'granted' | 'refused' | 'missing') {
  await page.addInitScript((answer) => {
    const proto = StorageManager.prototype as unknown as Record<string, unknown>;
    if (answer === 'missing') {
      delete proto.persist;
      delete proto.persisted;
      return;
    }
    const seen = window as unknown as { persistAsked: number };
    seen.persistAsked = 0;
    proto.persisted = async () => false;
    proto.persist = async () => (seen.persistAsked++, answer === 'granted');
  }, answer);
}

async function importSmall(page: Page) {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(small.path);
  await expect(page.getByTestId('import-report')).toContainText(small.name);
}

test('a refused request to keep storage: the way to keep the list is said once', async ({
  page,
}) => {
  await storageAnswers(page, 'refused');
  await importSmall(page);
  const advice = page.getByTestId('keep-list-advice');
  await expect(advice).toContainText('This browser did not agree to keep');
  await expect(advice).toContainText('add Tsugi to your Home Screen');
  await expect(advice).toContainText('export your list from Your list');
  await advice.getByRole('button', { name: 'Got it' }).click();
  await expect(advice).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(advice).toHaveCount(0);
});

test('where the browser cannot be asked (older Safari), the advice says so', async ({ page }) => {
  await storageAnswers(page, 'missing');
  await importSmall(page);
  await expect(page.getByTestId('keep-list-advice')).toContainText(
    'This browser gives no way to ask',
  );
});

test('granted persistent storage needs no advice', async ({ page }) => {
  await storageAnswers(page, 'granted');
  await importSmall(page);
  // Once the app has asked, the answer decides at once: no advice follows a grant.
  await page.waitForFunction(
    () => (window as unknown as { persistAsked: number }).persistAsked > 0,
  );
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('keep-list-advice')).toHaveCount(0);
});
