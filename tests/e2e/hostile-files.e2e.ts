/**
 * Hostile and broken files against a stored, edited list: each refused file says so in one plain
 * message and leaves the stored list's bytes as they were (SHA-256 before, after, and after a
 * reload); files that are odd but readable lose nothing; the list survives an early import, two
 * edits at once, a 200,000-entry list and an export of hostile fields. Every file is generated here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { bigMalExportFile } from '../support/big-list';
import { realExports } from '../support/exports';
import { storedEntryCount, storedListDigest } from '../support/stored';

const small = realExports().find((e) => e.name.endsWith('.xml') && e.entries < 200)!;
const smallXml = readFileSync(small.path, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tsugi-hostile-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A MAL export of the given entries (id and title), in the format MAL writes. */
const malXml = (
  entries: [number | string, string][],
  declaration = '<?xml version="1.0" encoding="UTF-8" ?>',
) =>
  `${declaration}\n<myanimelist><myinfo><user_export_type>1</user_export_type></myinfo>` +
  entries
    .map(
      ([id, title]) =>
        `<anime><series_animedb_id>${id}</series_animedb_id><series_title><![CDATA[${title}]]></series_title>` +
        '<my_score>7</my_score><my_status>Completed</my_status></anime>',
    )
    .join('') +
  '</myanimelist>\n';

const utf16le = (text: string) =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

const csvRows = (rows: string[]) => ['anime_id,score,status', ...rows].join('\n');
const someIds = [...small.ids].slice(0, 5);

/** Files Tsugi must refuse, and what the message must say. */
const REFUSED: [string, () => string, RegExp][] = [
  [
    'a billion laughs behind a 70 KB comment',
    () =>
      file(
        'lol.xml',
        `<?xml version="1.0"?><!-- ${'x'.repeat(70_000)} --><!DOCTYPE lolz [<!ENTITY lol "lol">` +
          '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><myanimelist>&lol2;</myanimelist>',
      ),
    /declares entities/,
  ],
  [
    'an encoding Tsugi does not read',
    () =>
      file('sjis.xml', malXml([[someIds[0]!, 'x']], '<?xml version="1.0" encoding="Shift_JIS"?>')),
    /Shift_JIS/,
  ],
  [
    'bytes that are not UTF-8',
    () => file('latin.xml', Buffer.from(malXml([[someIds[0]!, 'Caf\u00ff']]), 'latin1')),
    /not valid UTF-8/,
  ],
  [
    'a CSV quote that never closes',
    () =>
      file(
        'quote.csv',
        csvRows([
          `${someIds[0]},8,completed`,
          `"${someIds[1]},8,completed`,
          ...someIds.slice(2).map((id) => `${id},7,completed`),
        ]),
      ),
    /never closes/,
  ],
  [
    'malformed XML',
    () =>
      file(
        'broken.xml',
        malXml(someIds.map((id) => [id, `Title ${id}`])).replace(
          '</series_title>',
          '</series_titel>',
        ),
      ),
    /The XML is malformed near line 2 \(unexpected close tag\), so/,
  ],
  [
    'a damaged .gz',
    () => file('cut.xml.gz', gzipSync(smallXml).subarray(0, 400)),
    /damaged or cut short/,
  ],
  [
    'only ids too large to be ids',
    () => file('huge-ids.xml', malXml([['100000000000000000000000', 'Too big']])),
    /too large/,
  ],
  [
    'a file over the size limit',
    () => file('huge.xml', Buffer.alloc(33 * 1024 * 1024, 0x20)),
    /reads lists up to 32\.0 MB/,
  ],
];

/** One plain sentence: no error class names, no doubled stops. */
function expectPlain(message: string): void {
  expect(message).not.toMatch(/\b(Type|Reference|Syntax|DOM)?Error:|\.\.|undefined|\[object/);
  expect(message.trim()).toMatch(/[^.]\.$/);
  expect(message.trim().split(/(?<=[.?!])\s+(?=[A-Z])/)).toHaveLength(1);
}

/** Imports the small real list and edits one entry on Your list; returns the edited title. */
async function storeEditedList(page: Page): Promise<string> {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(small.path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(small.entries), {
    timeout: 20_000,
  });
  await page.goto('/library');
  await page.getByTestId('library-sort').selectOption('title');
  const row = page.getByTestId('library-row').first();
  const title = (await row.locator('th a').textContent())!;
  await row.getByTestId('entry-score').selectOption('1');
  await expect(row).toContainText('edited');
  return title;
}

test('hostile files are refused with a plain message and the stored list keeps its bytes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await storeEditedList(page);
  const before = await storedListDigest(page);
  await page.goto('/recommendations');
  for (const [what, make, message] of REFUSED) {
    await test.step(what, async () => {
      await page.getByTestId('import-file').setInputFiles(make());
      const error = page.getByTestId('import-error');
      await expect(error).toContainText(message, { timeout: 30_000 });
      expectPlain((await error.textContent())!);
      expect(await storedListDigest(page)).toBe(before);
    });
  }
  await page.reload();
  await expect(page.getByTestId('import-file')).toBeVisible();
  expect(await storedListDigest(page)).toBe(before);
});

test('odd but readable files lose nothing: UTF-16, windows-1252, unsafe ids by row', async ({
  page,
}) => {
  await page.goto('/recommendations');
  const known = someIds[0]!;
  await page.getByTestId('import-file').setInputFiles(
    file(
      'utf16.xml',
      utf16le(
        malXml(
          [
            [known, 'x'],
            [99_999_991, 'Ōkami ☆ 狼'],
          ],
          '<?xml version="1.0" encoding="UTF-16"?>',
        ),
      ),
    ),
  );
  await expect(page.getByTestId('report-entries')).toHaveText('2', { timeout: 20_000 });
  const latin = malXml(
    [
      [someIds[2]!, 'x'],
      [99_999_992, 'Café Ünïcödé'],
    ],
    '<?xml version="1.0" encoding="windows-1252"?>',
  );
  await page
    .getByTestId('import-file')
    .setInputFiles(file('latin.xml', Buffer.from(latin, 'latin1')));
  await expect(page.getByTestId('import-report')).toContainText('latin.xml', { timeout: 20_000 });
  const csv = csvRows([`${someIds[1]},8,completed`, '100000000000000000000000,9,completed']);
  await page.getByTestId('import-file').setInputFiles(file('ids.csv', csv));
  // The report of this file, not the one before (the worker may still be fine-tuning).
  await expect(page.getByTestId('import-report')).toContainText('ids.csv', { timeout: 20_000 });
  await expect(page.getByTestId('report-invalid')).toHaveText('1');
  await expect(page.getByTestId('invalid-list')).toContainText('line 3');
  await expect(page.getByTestId('invalid-list')).toContainText('too large');

  await page.goto('/library');
  await expect(page.getByTestId('library-caption')).toHaveText('5 of 5 entries');
  await expect(page.getByText('Ōkami ☆ 狼', { exact: true })).toBeVisible();
  await expect(page.getByText('Café Ünïcödé', { exact: true })).toBeVisible();
});

test('an import chosen before the page knows the stored list merges into it', async ({ page }) => {
  const edited = await storeEditedList(page);
  await page.goto('/recommendations');
  // At once, before the page has heard from the worker whether a list is stored.
  await page.getByTestId('import-file').setInputFiles(small.path);
  await expect(page.getByTestId('import-report')).toContainText('1 kept your edits', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('import-report')).toContainText(
    `Your list now has ${small.entries} entries`,
  );
  expect(await storedEntryCount(page)).toBe(small.entries);
  const merged = await storedListDigest(page);
  await page.goto('/library');
  expect(await storedListDigest(page)).toBe(merged);
  await page.getByTestId('library-text').fill(edited);
  const row = page.getByTestId('library-row').filter({ hasText: edited }).first();
  await expect(row.getByTestId('entry-score')).toHaveValue('1');
});

test('two edits in the same moment both land', async ({ page }) => {
  await storeEditedList(page);
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

test('an export of hostile fields is well-formed XML with only MAL elements', async ({ page }) => {
  await page.goto('/recommendations');
  const csv = [
    'anime_id,my<tag>,title,status',
    ...someIds.map((id, k) => `${id},x,"Bad \u0001 title ]]> <${k}> & co",completed`),
  ].join('\n');
  await page.getByTestId('import-file').setInputFiles(file('tags.csv', csv));
  await expect(page.getByTestId('report-entries')).toHaveText(String(someIds.length), {
    timeout: 20_000,
  });
  await page.goto('/library');
  const before = await storedListDigest(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export').click(),
  ]);
  const xml = readFileSync(await download.path(), 'utf8');
  expect(xml).not.toContain('<my<tag>');
  const problem = await page.evaluate(
    (text) =>
      new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror')
        ?.textContent ?? '',
    xml,
  );
  expect(problem).toBe('');
  await expect(page.getByTestId('export-note')).toContainText(
    `Exported ${someIds.length} entries.`,
  );
  expect(await storedListDigest(page)).toBe(before);
  await page.reload();
  await expect(page.getByTestId('library-caption')).toBeVisible();
  expect(await storedListDigest(page)).toBe(before);
});

test("an export the browser's storage cannot serve says so and loses nothing", async ({ page }) => {
  await storeEditedList(page);
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
