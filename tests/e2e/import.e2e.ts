import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { reason, shownIds } from '../support/cards';
import { realExports } from '../support/exports';

const exports = realExports();
const plain = exports.find((e) => e.name.endsWith('.xml') && e.entries < 200)!;
const zipped = exports.find((e) => e.name.endsWith('.gz'))!;
const plainXml = readFileSync(plain.path, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'tsugi-import-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Bad inputs, each with the message the user must see. */
const BAD: [string, () => string, RegExp][] = [
  [
    'not XML at all',
    () => file('notes.txt', 'Dear diary, today I watched anime.'),
    /not a list Tsugi can read/,
  ],
  ['a picture', () => file('cover.xml', readFileSync('static/icons/icon-192.png')), /binary file/],
  [
    'a manga export',
    () => file('manga.xml', plainXml.replace('<user_export_type>1<', '<user_export_type>2<')),
    /manga list export/,
  ],
  [
    'an empty list',
    () => file('empty.xml', plainXml.replace(/<anime>[\s\S]*<\/anime>/, '')),
    /no anime in it/,
  ],
  [
    'a truncated .gz',
    () => {
      const gz = readFileSync(zipped.path);
      return file('animelist.xml.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    },
    /damaged or cut short/,
  ],
  [
    'malformed XML',
    () => file('broken.xml', plainXml.replace('</series_title>', '</series_titel>')),
    /malformed near line \d+/,
  ],
  [
    'a truncated XML',
    () => file('half.xml', plainXml.slice(0, plainXml.length / 2)),
    /malformed near line \d+/,
  ],
  [
    'a 50 MB file',
    () => file('huge.xml', plainXml + ' '.repeat(50 * 1024 * 1024)),
    /The file is 50\.\d MB; Tsugi reads lists up to 32\.0 MB/,
  ],
  [
    'ids not in the catalogue',
    () =>
      file(
        'unknown.xml',
        plainXml.replace(/<series_animedb_id>(\d+)</g, '<series_animedb_id>9$1999<'),
      ),
    /None of the \d+ entries is in Tsugi's catalogue/,
  ],
  [
    'a billion laughs',
    () =>
      file(
        'lol.xml',
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><myanimelist>&lol2;</myanimelist>`,
      ),
    /declares entities/,
  ],
];

/** AniList's gdpr_data.json for the real export `plain`, its ids mapped with the same package. */
function aniListData(): { path: string; mapped: number[] } {
  const arm = JSON.parse(readFileSync('node_modules/@kawaiioverflow/arm/arm.json', 'utf8')) as {
    mal_id?: number;
    anilist_id?: number;
  }[];
  const aniListOf = new Map(
    arm.filter((a) => a.mal_id && a.anilist_id).map((a) => [a.mal_id!, a.anilist_id!]),
  );
  const mapped = [...plain.ids].filter((id) => aniListOf.has(id));
  expect(mapped.length).toBeGreaterThan(plain.entries * 0.8);
  const lists = mapped.map((id, k) => ({
    series_id: aniListOf.get(id),
    series_type: 0,
    status: k % 5 === 0 ? 3 : 2,
    score: k % 5 === 0 ? 30 : 80,
    progress: 1,
    started_on: 0,
    finished_on: 0,
  }));
  lists.push({
    series_id: 999999999,
    series_type: 0,
    status: 2,
    score: 90,
    progress: 0,
    started_on: 0,
    finished_on: 0,
  });
  return {
    path: file('gdpr_data.json', JSON.stringify({ user: { id: 1, display_name: 'ani' }, lists })),
    mapped,
  };
}

test('bad files get a clear message and leave the stored list untouched', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(plain.path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(plain.entries));
  // The dataset's own model, with no training on this device, fine-tuned with the list.
  const cards = page.getByTestId('recommendations').getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('model-in-use')).toHaveAttribute('data-kind', 'fine-tuned', {
    timeout: 30_000,
  });
  await expect(reason(page, /Fans of .+ loved it too/)).toBeVisible();
  await expect(cards.first().locator('..').getByTestId('match')).toHaveAttribute(
    'data-level',
    /^(strong|good|fair)$/,
  );
  const before = await shownIds(page);

  for (const [what, make, message] of BAD) {
    await test.step(what, async () => {
      await page.getByTestId('mode-replace').check();
      await page.getByTestId('import-file').setInputFiles(make());
      await page.getByTestId('confirm-replace-yes').click();
      await expect(page.getByTestId('import-error')).toContainText(message, { timeout: 20_000 });
      expect(await shownIds(page)).toEqual(before);
      await expect(page.getByTestId('report-entries')).toHaveText(String(plain.entries));
    });
  }

  await page.reload();
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  expect(await shownIds(page)).toEqual(before);
});

test('accepts a bare & where its meaning is clear, and says so', async ({ page }) => {
  await page.goto('/recommendations');
  const path = file(
    'ampersand.xml',
    plainXml.replace(/<user_name>([^<]*)</, '<user_name>$1 & friends<'),
  );
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-report')).toContainText(
    "1 unescaped '&' read as plain text",
  );
  await expect(page.getByTestId('import-report')).toContainText('& friends');
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });
});

test("imports Kitsu's MAL-style XML and a CSV, merging the newer list", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/recommendations');
  // Kitsu: no titles, "On Hold", no my_score when unrated, manga entries mixed in.
  const kitsu = plainXml
    .replace(/<series_title>.*?<\/series_title>/g, '')
    .replace(/<my_score>0<\/my_score>/g, '')
    .replace(/On-Hold/g, 'On Hold')
    .replace(
      '</myanimelist>',
      '<manga><manga_mangadb_id>2</manga_mangadb_id><my_read_volumes>4</my_read_volumes></manga></myanimelist>',
    );
  await page.getByTestId('import-file').setInputFiles(file('kitsu.xml', kitsu));
  await expect(page.getByTestId('import-report')).toContainText('Kitsu export (MAL-style XML)');
  await expect(page.getByTestId('import-report')).toContainText('1 manga entries set aside');
  await expect(page.getByTestId('report-entries')).toHaveText(String(plain.entries));
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });

  const other = exports.find((e) => e !== plain)!;
  const rows = [...other.ids].slice(0, 20).map((id) => `${id},8,completed`);
  const csv = ['anime_id,score,status', ...rows, 'not-a-number,5,completed', ',7,completed'].join(
    '\n',
  );
  await page.getByTestId('mode-merge').check();
  await page.getByTestId('import-file').setInputFiles(file('list.csv', csv));
  await expect(page.getByTestId('import-report')).toContainText('CSV list');
  await expect(page.getByTestId('report-invalid')).toHaveText('2');
  await expect(page.getByTestId('invalid-list')).toContainText(
    'line 22: the anime id "not-a-number" is not a number',
  );
  const fresh = [...other.ids].slice(0, 20).filter((id) => !plain.ids.has(id)).length;
  await expect(page.getByTestId('import-report')).toContainText(
    `Your list now has ${plain.entries + fresh} entries (${fresh} new`,
  );
});

test("imports AniList's account data, mapping its ids to MAL ids", async ({ page }) => {
  const { path, mapped } = aniListData();
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-report')).toContainText('AniList account data of ani', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('report-entries')).toHaveText(String(mapped.length + 1));
  await expect(page.getByTestId('unmatched-list')).toContainText('AniList id 999999999');
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });
});

test('a gzip export named .xml is still recognised by its bytes', async ({ page }) => {
  await page.goto('/recommendations');
  const path = file('animelist.xml', gzipSync(plainXml));
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(plain.entries), {
    timeout: 20_000,
  });
});

test('after one visit, import and recommendations work with the network off', async ({
  page,
  context,
}) => {
  await page.goto('/recommendations');
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('offline-badge')).toBeVisible();
  await page.getByTestId('import-file').setInputFiles(zipped.path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(zipped.entries));
  // The AniList id mapping is a chunk of its own, loaded on demand: it must be cached too.
  await page.getByTestId('mode-replace').check();
  await page.getByTestId('import-file').setInputFiles(aniListData().path);
  await expect(page.getByTestId('confirm-replace')).toContainText(
    `Replace your stored list (${zipped.entries} entries) with`,
  );
  await page.getByTestId('confirm-replace-yes').click();
  await expect(page.getByTestId('import-report')).toContainText('AniList account data');
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });
  await context.setOffline(false);
});
