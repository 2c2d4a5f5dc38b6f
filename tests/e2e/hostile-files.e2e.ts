/**
 * Hostile and broken files against a stored, edited list: each refused file says so in one plain
 * sentence and leaves the stored list's bytes as they were (SHA-256 before, after, and after a
 * reload); files that are odd but readable lose nothing; an import chosen before the page knows
 * the stored list merges into it; an export of hostile fields is well-formed XML. Every file is
 * generated here (storage faults and big lists: storage-faults.e2e.ts).
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { realExports } from '../support/exports';
import { expectPlain, storeEditedList } from '../support/edited-list';
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
  [
    'a 200 MB file, refused by its size before it is read',
    () => {
      const path = file('200mb.xml', '');
      truncateSync(path, 200 * 1024 * 1024);
      return path;
    },
    /The file is 200\.0 MB; Tsugi reads lists up to 32\.0 MB/,
  ],
  [
    'a gzip bomb (40 KB that inflate past the limit)',
    () => file('bomb.xml.gz', gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20), { level: 9 })),
    /reads lists up to 32\.0 MB/,
  ],
];

test('hostile files are refused with a plain message and the stored list keeps its bytes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await storeEditedList(page, small);
  const before = await storedListDigest(page);
  await page.goto('/recommendations');
  for (const [what, make, message] of REFUSED) {
    await test.step(what, async () => {
      const path = make();
      await page.getByTestId('import-file').setInputFiles(path);
      const error = page.getByTestId('import-error');
      await expect(error).toContainText(message, { timeout: 30_000 });
      await expect(page.getByTestId('import-error-file')).toHaveText(
        `${basename(path)} was not imported`,
      );
      expectPlain((await error.textContent())!);
      expect(await storedListDigest(page)).toBe(before);
    });
  }
  await page.reload();
  await expect(page.getByTestId('import-file')).toBeVisible();
  expect(await storedListDigest(page)).toBe(before);
});

test('Together refuses a hostile member file in one sentence that it names', async ({ page }) => {
  await page.goto('/group');
  for (const [what, make, message] of REFUSED.filter(([what]) => /malformed|damaged/.test(what))) {
    await test.step(what, async () => {
      const path = make();
      await page.getByTestId('group-file').setInputFiles(path);
      await expect(page.getByTestId('group-error')).toContainText(message, { timeout: 30_000 });
      await expect(page.getByTestId('group-error-file')).toHaveText(
        `${basename(path)} was not added`,
      );
      expectPlain((await page.getByTestId('group-error').textContent())!);
    });
  }
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
  const edited = await storeEditedList(page, small);
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
