import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readBuiltShard } from '../../scripts/model/built-shard';
import type { Catalogue } from '../../src/lib/data/shard-types';
import { realExports } from '../support/exports';

/** The largest real export: the phone-width checks want a full list. */
const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;

/** What Your taste should say about a file, worked out here from the file and the catalogue. */
function expected(path: string, catalogue: Catalogue) {
  const raw = readFileSync(path);
  const xml = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const indexOf = new Map(Array.from(catalogue.malId, (id, i) => [id, i]));
  const seen = new Map<number, number>();
  for (const block of xml.split('<anime>').slice(1)) {
    if (/<my_status>Plan to Watch</.test(block)) continue;
    const i = indexOf.get(Number(/<series_animedb_id>(\d+)</.exec(block)?.[1]));
    if (i !== undefined && !seen.has(i))
      seen.set(i, Number(/<my_score>(\d+)</.exec(block)?.[1] ?? 0));
  }
  const genreCounts = new Map<string, number>();
  const studioCounts = new Map<string, number>();
  const yearCounts = new Map<number, number>();
  let difference = 0;
  let scored = 0;
  for (const [i, score] of seen) {
    const { genres, studios } = catalogue;
    for (let v = genres.offsets[i]!; v < genres.offsets[i + 1]!; v++) {
      const label = genres.labels[genres.values[v]!]!;
      genreCounts.set(label, (genreCounts.get(label) ?? 0) + 1);
    }
    for (let v = studios.offsets[i]!; v < studios.offsets[i + 1]!; v++) {
      const label = studios.labels[studios.values[v]!]!;
      studioCounts.set(label, (studioCounts.get(label) ?? 0) + 1);
    }
    if (catalogue.year[i])
      yearCounts.set(catalogue.year[i]!, (yearCounts.get(catalogue.year[i]!) ?? 0) + 1);
    if (score && catalogue.score[i]) {
      difference += score - catalogue.score[i]! / 100;
      scored++;
    }
  }
  return {
    titles: seen.size,
    genreCounts,
    studioCounts,
    yearCounts,
    scored,
    difference: difference / scored,
  };
}

async function importList(page: Page, path: string, entries: number): Promise<void> {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(entries), { timeout: 30_000 });
}

test('Your taste without a stored list says so and links to the import', async ({ page }) => {
  await page.goto('/taste');
  const empty = page.getByTestId('taste-empty');
  await expect(empty).toContainText('No list is stored', { timeout: 30_000 });
  await empty.getByRole('link', { name: /Import your MyAnimeList export/ }).click();
  await expect(page.getByTestId('import-file')).toBeAttached();
});

test('Your taste charts a real list at phone width: figures that match the file, axe clean, no sideways scrolling', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { shard } = await readBuiltShard();
  const want = expected(largest.path, shard.catalogue);
  await page.setViewportSize({ width: 390, height: 844 });
  await importList(page, largest.path, largest.entries);
  // Reached from Your list's link.
  await page.goto('/library');
  await page.getByRole('link', { name: 'Your taste, in pictures' }).click();
  await expect(page.locator('main h1')).toHaveText('Your taste');

  await expect(page.getByTestId('taste-rules')).toContainText(
    `Counted: the ${want.titles.toLocaleString('en')} titles`,
  );
  // Every chart is drawn (uPlot's canvas) once the average fan is in.
  await expect(page.getByText("Measuring the dataset's average fan…")).toHaveCount(0, {
    timeout: 30_000,
  });
  for (const id of ['genres', 'themes', 'scores', 'niche', 'studios', 'years'])
    await expect(page.getByTestId(`taste-${id}`).locator('canvas').first()).toBeVisible();

  // The genre named first is really the list's most frequent, with its share.
  const genres = await page.getByTestId('taste-genres-summary').textContent();
  const [, genre, share] = /most frequent genre is (.+?): (\d+)% of your titles/.exec(genres!)!;
  const most = Math.max(...want.genreCounts.values());
  expect(want.genreCounts.get(genre!), genres!).toBe(most);
  expect(Number(share)).toBe(Math.round((most / want.titles) * 100));
  expect(genres).toMatch(/against \d+% for the average fan/);

  const direction = want.difference > 0 ? 'higher' : 'lower';
  await expect(page.getByTestId('taste-scores-summary')).toContainText(
    `You score ${Math.abs(want.difference).toFixed(1)} ${direction} than MAL on average`,
  );
  await expect(page.getByTestId('taste-scores-summary')).toContainText(
    `over the same ${want.scored} titles`,
  );

  const studios = await page.getByTestId('taste-studios-summary').textContent();
  const [, studio, titles] = /most-watched studio is (.+?): (\d+) titles?/.exec(studios!)!;
  expect(want.studioCounts.get(studio!)).toBe(Math.max(...want.studioCounts.values()));
  expect(Number(titles)).toBe(want.studioCounts.get(studio!));

  const years = await page.getByTestId('taste-years-summary').textContent();
  const [, year, inYear] = /busiest year is (\d+) with (\d+) titles?/.exec(years!)!;
  expect(want.yearCounts.get(Number(year))).toBe(Number(inYear));
  expect(Number(inYear)).toBe(Math.max(...want.yearCounts.values()));
  await expect(page.getByTestId('taste-niche-summary')).toContainText(
    /Your list is (more niche than|more mainstream than|about as mainstream as) the average fan's/,
  );

  // The figures open under a chart; axe finds nothing serious; nothing scrolls sideways.
  await page.getByTestId('taste-genres').getByText('The figures').click();
  await expect(page.getByTestId('taste-genres').getByRole('row', { name: genre })).toBeVisible();
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`),
  ).toEqual([]);
  const overflow = await page.evaluate(() => [
    document.documentElement.scrollWidth - window.innerWidth,
    ...[...document.querySelectorAll('main canvas')].map(
      (c) => c.getBoundingClientRect().right - window.innerWidth,
    ),
  ]);
  for (const over of overflow) expect(over).toBeLessThanOrEqual(0);
});

test('Your taste works offline once the app is stored', async ({ page, context }) => {
  test.setTimeout(90_000);
  const small = realExports().sort((a, b) => a.entries - b.entries)[0]!;
  await importList(page, small.path, small.entries);
  await expect(page.getByTestId('offline-ready')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.goto('/taste');
  await expect(page.getByTestId('taste-genres').locator('canvas')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('taste-genres-summary')).toContainText('Your most frequent genre');
  await context.setOffline(false);
});
