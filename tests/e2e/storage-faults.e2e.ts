/**
 * Faults around the stored list in real Chromium: a reload in the middle of an import, two edits
 * in one moment, two tabs and an import changing the list at once, markup in titles, an export
 * the storage refuses, and a 200,000-entry list. The stored list's SHA-256 and its record count
 * show what was kept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { bigMalExportFile } from '../support/big-list';
import { realExports } from '../support/exports';
import { expectPlain, storeEditedList } from '../support/edited-list';
import { storedEntryCount, storedListDigest } from '../support/stored';

const small = realExports().find((e) => e.name.endsWith('.xml') && e.entries < 200)!;
const dir = mkdtempSync(join(tmpdir(), 'tsugi-faults-'));

async function importFile(page: Page, path: string, entries: number): Promise<void> {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(entries), {
    timeout: 60_000,
  });
}

/** Sets one entry's score on Your list through its select, as a click would. */
function setScores(page: Page, scores: [row: number, score: number][]): Promise<void> {
  return page.evaluate((scores) => {
    const selects = document.querySelectorAll<HTMLSelectElement>('[data-testid="entry-score"]');
    for (const [row, score] of scores) {
      selects[row]!.value = String(score);
      selects[row]!.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }, scores);
}

async function scoreOf(page: Page, title: string): Promise<string> {
  await page.getByTestId('library-text').fill(title);
  const row = page.getByTestId('library-row').filter({ hasText: title }).first();
  return row.getByTestId('entry-score').inputValue();
}

test('a reload in the middle of an import keeps the old list or the whole new one', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await importFile(page, small.path, small.entries);
  const before = await storedListDigest(page);
  await page.getByTestId('import-file').setInputFiles(bigMalExportFile(20_000));
  // Reload once the file is read and its entries are being stored.
  await expect(page.getByTestId('import-stage')).toContainText('Storing 20,000 entries', {
    timeout: 60_000,
  });
  await page.reload();
  await expect(page.getByTestId('import-file')).toBeAttached();
  const count = await storedEntryCount(page);
  const kept = (await storedListDigest(page)) === before;
  // Never a part: either nothing of the big list was stored, or all of it.
  expect(kept || count >= 20_000, `${count} entries stored`).toBe(true);
  expect(count).toBeGreaterThanOrEqual(small.entries);
});

test('a file chosen while another is still importing is imported after it', async ({ page }) => {
  const [first, second] = [
    ['first.csv', 'anime_id,score,status\n1,9,completed\n5,8,completed\n'],
    ['second.csv', 'anime_id,score,status\n6,7,completed\n7,6,dropped\n'],
  ].map(([name, text]) => {
    const path = join(dir, name!);
    writeFileSync(path, text!);
    return path;
  });
  await page.goto('/recommendations');
  const input = page.getByTestId('import-file');
  await input.setInputFiles(first!);
  await input.setInputFiles(second!);
  await expect(page.getByTestId('import-report')).toContainText('second.csv', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('import-report')).toContainText('Your list now has 4 entries');
  expect(await storedEntryCount(page)).toBe(4);
});

test('two tabs change the list at the same moment and nothing is lost', async ({ context }) => {
  test.setTimeout(120_000);
  const [one, two] = [await context.newPage(), await context.newPage()];
  await importFile(one, small.path, small.entries);
  for (const page of [one, two]) {
    await page.goto('/library');
    await page.getByTestId('library-sort').selectOption('title');
    await expect(page.getByTestId('library-row').nth(3)).toBeVisible();
  }
  const titleOf = async (row: number) =>
    (await one.getByTestId('library-row').nth(row).locator('th a').textContent())!;
  const titles = [await titleOf(0), await titleOf(1), await titleOf(2), await titleOf(3)];
  const extra = join(dir, 'extra.csv');
  writeFileSync(extra, 'anime_id,score,status\n1,10,completed\n5,9,completed\n');
  const importer = await context.newPage();
  await importer.goto('/recommendations');
  await importer.getByTestId('import-file').waitFor({ state: 'attached' });
  // Two edits in each tab and an import in a third, all started in the same moment.
  await Promise.all([
    setScores(one, [
      [0, 2],
      [1, 3],
    ]),
    setScores(two, [
      [2, 4],
      [3, 5],
    ]),
    importer.getByTestId('import-file').setInputFiles(extra),
  ]);
  await expect(importer.getByTestId('report-entries')).toHaveText('2', { timeout: 60_000 });
  const rowOf = (page: Page, title: string) =>
    page.getByTestId('library-row').filter({ hasText: title }).first();
  await expect(rowOf(one, titles[1]!)).toContainText('edited');
  await expect(rowOf(two, titles[3]!)).toContainText('edited');
  await one.reload();
  for (const [k, title] of titles.entries()) expect(await scoreOf(one, title)).toBe(String(k + 2));
  expect(await storedEntryCount(one)).toBe(
    small.entries + [1, 5].filter((id) => !small.ids.has(id)).length,
  );
});

test('markup in titles shows as text and never runs', async ({ page }) => {
  const markup = '<img src=x onerror="window.__tsugiOwned=1"><b>Bold</b>';
  const csv = join(dir, 'markup.csv');
  writeFileSync(
    csv,
    `anime_id,title,score,status\n1,"${markup.replaceAll('"', '""')}",8,completed\n` +
      `99999993,"${markup.replaceAll('"', '""')}",7,completed\n`,
  );
  await importFile(page, csv, 2);
  await page.getByText('Not in the catalogue').click();
  await expect(page.getByTestId('unmatched-list')).toContainText(markup);
  await page.goto('/library');
  await expect(page.getByText(markup, { exact: true })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('b', { hasText: 'Bold' }).count()).toBe(0);
  expect(await page.evaluate(() => (window as { __tsugiOwned?: number }).__tsugiOwned)).toBe(
    undefined,
  );
});

test('two edits in the same moment both land', async ({ page }) => {
  await storeEditedList(page, small);
  const rows = page.getByTestId('library-row');
  // Two changes dispatched in one task: the worker must not let one overwrite the other.
  await page.evaluate(() => {
    const selects = [
      ...document.querySelectorAll<HTMLSelectElement>('[data-testid="entry-score"]'),
    ];
    for (const [k, select] of selects.slice(1, 3).entries()) {
      select.value = String(9 - k);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
  const titles = await Promise.all(
    [1, 2].map(async (k) => (await rows.nth(k).locator('th a').textContent())!),
  );
  await expect(rows.nth(1)).toContainText('edited');
  await expect(rows.nth(2)).toContainText('edited');
  await page.reload();
  for (const [k, title] of titles.entries()) {
    await page.getByTestId('library-text').fill(title);
    await expect(rows.filter({ hasText: title }).first().getByTestId('entry-score')).toHaveValue(
      String(9 - k),
    );
  }
});

test("an export the browser's storage cannot serve says so and loses nothing", async ({ page }) => {
  await storeEditedList(page, small);
  const before = await storedListDigest(page);
  // A newer Tsugi in another tab upgrades the database: this page's worker lets go of it, and
  // its next read is refused (VersionError).
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('tsugi', 99);
        open.onblocked = () => reject(new Error('the upgrade was blocked'));
        open.onerror = () => reject(new Error('the upgrade failed'));
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
      }),
  );
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('export').click();
  const error = page.getByTestId('export-error');
  await expect(error).toContainText('could not be exported', { timeout: 20_000 });
  expectPlain((await error.textContent())!);
  await expect(page.getByTestId('export-note')).toHaveCount(0);
  expect(downloads).toBe(0);
  expect(await storedListDigest(page)).toBe(before);
});

test('a 200,000-entry list is stored, and every page stays usable with it', async ({ page }) => {
  test.setTimeout(360_000);
  const entries = 200_000;
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(bigMalExportFile(entries));
  await expect(page.getByTestId('report-entries')).toHaveText(String(entries), {
    timeout: 180_000,
  });
  await expect(page.getByTestId('import-report')).toContainText(
    `Your list now has ${entries} entries`,
  );
  expect(await storedEntryCount(page)).toBe(entries);

  await page.reload();
  const cards = page.getByTestId('recommendations').getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 90_000 });
  await page.goto('/taste');
  await expect(page.getByTestId('taste-genres').locator('canvas').first()).toBeVisible({
    timeout: 60_000,
  });
  await page.goto('/season');
  await expect(page.getByTestId('season-picks').first()).toBeVisible({ timeout: 60_000 });

  await page.goto('/library');
  const caption = page.getByTestId('library-caption');
  await expect(caption).toHaveText(`${entries} of ${entries} entries`, { timeout: 60_000 });
  expect(await page.getByTestId('library-row').count()).toBeLessThan(100);
  await page.getByTestId('library-text').fill(`MAL id ${1_000_000 + entries - 1}`);
  await expect(caption).toHaveText(`1 of ${entries} entries`, { timeout: 30_000 });
  const row = page.getByTestId('library-row').first();
  await row.getByTestId('entry-score').selectOption('10');
  await expect(row).toContainText('edited', { timeout: 30_000 });
  await page.reload();
  await page.getByTestId('library-text').fill(`MAL id ${1_000_000 + entries - 1}`);
  await expect(page.getByTestId('library-row').first().getByTestId('entry-score')).toHaveValue(
    '10',
    { timeout: 60_000 },
  );
  expect(await storedEntryCount(page)).toBe(entries);

  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('library-empty')).toBeVisible({ timeout: 60_000 });
  expect(await storedEntryCount(page)).toBe(0);
});
