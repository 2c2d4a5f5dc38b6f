/**
 * Franchise sense on For you: a franchise the list dropped stays out unless asked back, and
 * "Follows X" only ever names an entry the list liked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openSettings } from '../support/cards';

/** Isekai the list loved, and KonoSuba season 2 dropped (season 1 is not on the list). */
const LIKED = [31240, 29803, 19815, 17265, 11757, 37430, 39535, 34566, 21881, 36475];
const KONOSUBA_DROPPED = [32937];

function csvList(): string {
  const rows = [
    ...LIKED.map((id) => `${id},9,completed`),
    ...KONOSUBA_DROPPED.map((id) => `${id},0,dropped`),
  ];
  const path = join(mkdtempSync(join(tmpdir(), 'tsugi-franchise-')), 'list.csv');
  writeFileSync(path, ['anime_id,score,status', ...rows].join('\n'));
  return path;
}

const titles = (page: Page) =>
  page.getByTestId('recommendations').getByTestId('anime-card').allTextContents();

test('a dropped franchise stays out until asked back; "Follows" names only a liked entry', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(csvList());
  const cards = page.getByTestId('recommendations').getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  const konosuba = /Kono Subarashii|KonoSuba/i;
  expect((await titles(page)).filter((t) => konosuba.test(t))).toEqual([]);

  await openSettings(page);
  await page.getByTestId('show-disliked-franchises').check();
  await expect.poll(async () => (await titles(page)).some((t) => konosuba.test(t))).toBe(true);
  await page.getByTestId('show-disliked-franchises').uncheck();
  await expect.poll(async () => (await titles(page)).some((t) => konosuba.test(t))).toBe(false);

  for (const line of await page
    .getByTestId('why')
    .getByText(/^Follows /)
    .allTextContents())
    expect(line).not.toMatch(konosuba);
});
