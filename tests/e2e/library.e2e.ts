import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { realExports } from '../support/exports';

const exports = realExports();
const small = exports.find((e) => e.name.startsWith('Yobokata'))!;

/** MAL id → [status, score, watched episodes] of an export's entries. */
function entriesOf(xml: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of xml.split('<anime>').slice(1)) {
    const field = (name: string) => new RegExp(`<${name}>([^<]*)<`).exec(block)?.[1] ?? '';
    map.set(
      Number(field('series_animedb_id')),
      [field('my_status'), field('my_score'), field('my_watched_episodes')].join('|'),
    );
  }
  return map;
}

/** Imports a list; `replace` replaces the stored one (confirmed), else it is merged. */
async function importList(page: Page, path: string, replace = false) {
  await page.goto('/recommendations');
  if (replace) await page.getByTestId('mode-replace').check();
  await page.getByTestId('import-file').setInputFiles(path);
  if (replace) await page.getByTestId('confirm-replace-yes').click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 20_000 });
}

test('edit, add and remove entries: stored at once, kept over a reload, reflected in recommendations', async ({
  page,
}) => {
  await importList(page, small.path);
  const firstPick = page.getByTestId('recommendations').getByTestId('anime-card').first();
  await expect(firstPick).toBeVisible({ timeout: 20_000 });
  const pickTitle = (await firstPick.locator('.title').textContent())!;

  await page.goto('/library');
  const rows = page.getByTestId('library-row');
  const caption = page.getByTestId('library-caption');
  await expect(caption).toHaveText(`${small.entries} of ${small.entries} entries`);
  await page.getByTestId('library-sort').selectOption('title');
  const row = rows.first();
  const title = (await row.locator('th a').textContent())!;
  await row.getByTestId('entry-score').selectOption('10');
  await row.getByTestId('entry-status').selectOption('on_hold');
  await row.getByTestId('entry-episodes').fill('3');
  await row.getByTestId('entry-episodes').blur();
  await expect(rows.filter({ hasText: title }).first()).toContainText('edited');

  // Add the top recommendation; remove another entry.
  await page.getByTestId('add-search').fill(pickTitle);
  await page.getByTestId('add-status').selectOption('completed');
  await page
    .getByRole('button', { name: `Add ${pickTitle}`, exact: true })
    .first()
    .click();
  const more = small.entries + 1;
  await expect(caption).toHaveText(`${more} of ${more} entries`);
  // The table renders the rows in view: scroll to the end of the list to remove its last entry.
  await page.getByTestId('library-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = rows.last();
  await expect(last).toHaveAttribute('aria-rowindex', String(more + 1));
  const removed = (await last.locator('th').textContent())!.replace('edited', '').trim();
  await last.getByTestId('entry-remove').click();
  await expect(caption).toHaveText(`${small.entries} of ${small.entries} entries`);

  await page.reload();
  await expect(caption).toHaveText(`${small.entries} of ${small.entries} entries`);
  await page.getByTestId('library-text').fill(title);
  const edited = rows.filter({ hasText: title }).first();
  await expect(edited.getByTestId('entry-score')).toHaveValue('10');
  await expect(edited.getByTestId('entry-status')).toHaveValue('on_hold');
  await expect(edited.getByTestId('entry-episodes')).toHaveValue('3');
  await page.getByTestId('library-text').fill(removed);
  await expect(rows).toHaveCount(0);

  await page.goto('/recommendations');
  const cards = page.getByTestId('recommendations').getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  await expect(cards.locator('.title').getByText(pickTitle, { exact: true })).toHaveCount(0);
});

test('export for MyAnimeList, then import the export: identical entries', async ({ page }) => {
  for (const [k, real] of exports.entries()) {
    await importList(page, real.path, k > 0);
    await page.goto('/library');
    await expect(page.getByTestId('library-row').first()).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export').click(),
    ]);
    const path = await download.path();
    const exported = readFileSync(path, 'utf8');
    await expect(page.getByTestId('export-note')).toContainText(
      `Exported ${real.entries} entries.`,
    );
    const original = real.name.endsWith('.gz') ? null : readFileSync(real.path, 'utf8');
    if (original) expect(entriesOf(exported)).toEqual(entriesOf(original));
    expect(exported).toContain('<user_export_type>1</user_export_type>');
    expect(exported).toContain('<update_on_import>1</update_on_import>');

    await page.goto('/recommendations');
    await page.getByTestId('mode-merge').check();
    await page.getByTestId('import-file').setInputFiles({
      name: 'export.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(exported),
    });
    await expect(page.getByTestId('import-report')).toContainText('export.xml');
    await expect(page.getByTestId('report-entries')).toHaveText(String(real.entries));
    await expect(page.getByTestId('import-report')).toContainText(
      `(0 new, 0 updated, ${real.entries} unchanged)`,
    );
  }
});

test('delete everything says what is stored, asks first, and removes it all', async ({ page }) => {
  await importList(page, small.path);
  await page.goto('/library');
  const panel = page.getByTestId('stored-data');
  await expect(panel).toContainText(`Your list: ${small.entries} entries`);
  await page.getByTestId('delete-everything').click();
  await expect(panel.getByRole('alert')).toContainText('cannot be undone');
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('deleted')).toBeVisible();
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await expect(panel).toContainText('Your list: 0 entries');
  await page.reload();
  await expect(page.getByTestId('library-empty')).toBeVisible();
  await page.goto('/recommendations');
  await expect(page.getByTestId('import-file')).toBeVisible();
  await expect(page.getByTestId('recommendations')).toHaveCount(0);
});
