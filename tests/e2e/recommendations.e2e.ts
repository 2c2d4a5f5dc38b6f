import { expect, test, type Page } from '@playwright/test';
import { openSettings, reason, shownIds } from '../support/cards';
import { storedSetting } from '../support/stored';
import { realExports } from '../support/exports';

const exports = realExports();

/** Imports a file; a replace is confirmed as the page asks. */
async function importFile(page: Page, path: string, mode?: 'merge' | 'replace') {
  if (mode) await page.getByTestId(`mode-${mode}`).check();
  await page.getByTestId('import-file').setInputFiles(path);
  if (mode === 'replace') await page.getByTestId('confirm-replace-yes').click();
}

test.describe.configure({ mode: 'serial' });

test.describe('with the shipped model, after a training run', () => {
  let page: Page;
  /** Every request of the whole session: train, import every export, recommend, explain. */
  const requests: { url: string; method: string }[] = [];

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(120_000);
    page = await browser.newPage();
    page.context().on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
    await page.goto('/model');
    await page.getByTestId('backend').selectOption('wasm');
    await page.getByTestId('epochs').fill('3');
    await page.getByTestId('holdout').uncheck();
    await page.getByTestId('train').click();
    await expect(page.getByTestId('training-summary')).toBeVisible({ timeout: 100_000 });
    // The session trains (no request may leave the origin meanwhile), then goes back to the
    // model that ships with the dataset: three epochs are far weaker than it.
    await page.getByTestId('delete-model').click();
    await expect(page.getByTestId('model-in-use-page')).toHaveAttribute('data-kind', 'shipped');
    await page.goto('/recommendations');
  });

  test.afterAll(async () => {
    await page.close();
  });

  for (const [k, file] of exports.entries()) {
    test(`${file.name}: imports, recommends unseen titles and explains them`, async () => {
      test.setTimeout(60_000);
      await importFile(page, file.path, k === 0 ? undefined : 'replace');
      const report = page.getByTestId('import-report');
      await expect(report).toContainText(file.name);
      await expect(page.getByTestId('report-entries')).toHaveText(String(file.entries));
      const matched = Number(await page.getByTestId('report-matched').textContent());
      const unmatched = Number(await page.getByTestId('report-unmatched').textContent());
      expect(matched + unmatched).toBe(file.entries);
      expect(matched).toBeGreaterThan(file.entries * 0.8);

      const cards = page.getByTestId('recommendations').getByTestId('anime-card');
      await expect(cards.first()).toBeVisible({ timeout: 20_000 });
      // The shipped model, then fine-tuned with this list in the background.
      await expect(page.getByTestId('model-in-use')).toHaveAttribute('data-kind', 'fine-tuned', {
        timeout: 30_000,
      });
      const ids = await shownIds(page);
      expect(ids.length).toBe(48);
      expect(ids.filter((id) => file.ids.has(id))).toEqual([]);
      await expect(reason(page, /Because you (loved|liked|watched) /)).toBeVisible();
      await expect(reason(page, /Loved by \d+ of the 50 users/)).toBeVisible();
      await expect(reason(page, 'with what you rate highly')).toBeVisible();
      await expect(reason(page, /Fans of .+ loved it too/)).toBeVisible();
      await expect(page.getByTestId('model-note')).toHaveCount(0);
    });
  }

  test('filters and controls re-rank at once', async () => {
    const cards = page.getByTestId('recommendations').getByTestId('anime-card');
    await expect(cards.first()).toBeVisible();
    const before = await shownIds(page);

    await openSettings(page);
    await page.getByTestId('include-tag').selectOption('Comedy');
    await expect.poll(async () => (await shownIds(page)).join()).not.toBe(before.join());
    const genres = await cards.locator('.genres').allTextContents();
    expect(genres.every((g) => g.includes('Comedy'))).toBe(true);

    await page.getByTestId('type-Movie').check();
    await expect(cards.first()).toContainText('Movie');
    const metas = await cards.locator('.meta').allTextContents();
    expect(metas.every((m) => m.startsWith('Movie'))).toBe(true);

    await page.getByTestId('reset-filters').click();
    await expect.poll(async () => (await shownIds(page)).join()).toBe(before.join());

    await page.getByTestId('exclude-tag').selectOption('Action');
    const withoutAction = await cards.locator('.genres').allTextContents();
    expect(withoutAction.some((g) => g.includes('Action'))).toBe(false);
    await page.getByTestId('reset-filters').click();

    await page.getByTestId('min-members').fill('1000000');
    const members = await cards.locator('.stats span:nth-child(2)').allTextContents();
    expect(members.every((m) => /M members/.test(m))).toBe(true);
    await page.getByTestId('reset-filters').click();

    await page.getByTestId('blend').fill('1');
    await expect(page.getByTestId('blend-value')).toHaveText('100% content');
    await expect.poll(async () => (await shownIds(page)).join()).not.toBe(before.join());
    await page.getByTestId('blend').fill('0.1');
    await expect.poll(async () => (await shownIds(page)).join()).toBe(before.join());

    await page.getByTestId('niche').fill('1');
    await expect.poll(async () => (await shownIds(page)).join()).not.toBe(before.join());
    await page.getByTestId('niche').fill('0');
  });

  test('sequels of what the list has started can be left out', async () => {
    const why = page.getByTestId('recommendations').getByTestId('why');
    const follows = why.filter({ hasText: /Follows .+, which you (loved|liked|watched)/ });
    await expect(why.filter({ hasText: 'Finding reasons' })).toHaveCount(0);
    await expect.poll(() => follows.count()).toBeGreaterThan(0);
    const before = await shownIds(page);

    await openSettings(page);
    await page.getByTestId('new-franchises').check();
    await expect.poll(async () => (await shownIds(page)).join()).not.toBe(before.join());
    await expect(why.filter({ hasText: 'Finding reasons' })).toHaveCount(0);
    expect(await shownIds(page)).toHaveLength(48);
    await expect(follows).toHaveCount(0);

    await page.getByTestId('new-franchises').uncheck();
    await expect.poll(async () => (await shownIds(page)).join()).toBe(before.join());
  });

  test('plan-to-watch titles come back only when boosted', async () => {
    const last = exports.at(-1)!;
    expect(last.planned.size).toBeGreaterThan(0);
    expect((await shownIds(page)).filter((id) => last.planned.has(id))).toEqual([]);
    await openSettings(page);
    await page.getByTestId('boost-ptw').check();
    await expect
      .poll(async () => (await shownIds(page)).filter((id) => last.planned.has(id)).length)
      .toBeGreaterThan(0);
    await expect(reason(page, 'On your plan-to-watch list')).toBeVisible();
    await page.getByTestId('boost-ptw').uncheck();
  });

  test('a reload keeps the list, the controls and the recommendations', async () => {
    const neutral = await shownIds(page);
    await openSettings(page);
    await page.getByTestId('niche').fill('0.5');
    await expect.poll(async () => (await shownIds(page)).join()).not.toBe(neutral.join());
    // The new control is in IndexedDB before the reload, and the page says it is saved.
    const storedNiche = async () =>
      (await storedSetting<{ controls: { niche: number } }>(page, 'recommendation-controls'))
        ?.controls.niche;
    await expect.poll(storedNiche).toBe(0.5);
    await expect(page.getByTestId('rec-controls')).toHaveAttribute('data-saved', 'true');
    const before = await shownIds(page);
    await page.reload();
    const cards = page.getByTestId('recommendations').getByTestId('anime-card');
    await expect(cards.first()).toBeVisible({ timeout: 20_000 });
    expect(await shownIds(page)).toEqual(before);
    await expect(page.getByTestId('niche')).toHaveValue('0.5');
    // Folded again after the reload, and the bar says what is changed.
    await expect(page.getByTestId('settings-changed')).toContainText('niche');
    await openSettings(page);
    await page.getByTestId('niche').fill('0');
  });

  test("an anime's page lists similar anime three ways, explained and filtered", async () => {
    const listed = exports.at(-1)!.ids;
    await page.goto('/anime?id=5114');
    await expect(page.getByTestId('franchise')).toContainText('Fullmetal Alchemist');
    const lists = {
      'similar-embedding': /^Embedding similarity 0\.\d\d$/,
      'similar-content': /^Shares .+/,
      'fans-also-liked': /^Loved by \d+ of the \d+ users here who loved it$/,
    };
    for (const [id, reason] of Object.entries(lists)) {
      const cards = page.getByTestId(id).getByTestId('anime-card');
      await expect(cards.first()).toBeVisible({ timeout: 20_000 });
      const reasons = await page.getByTestId(id).getByTestId('similar-reason').allTextContents();
      expect(reasons.length).toBeGreaterThan(3);
      expect(reasons.every((r) => reason.test(r))).toBe(true);
      const ids = await shownIds(page, id);
      expect(ids.filter((m) => listed.has(m))).toEqual([]);
      expect(ids).not.toContain(5114);
    }
    await page.getByTestId('similar-hide-list').uncheck();
    const all = [
      ...(await shownIds(page, 'similar-embedding')),
      ...(await shownIds(page, 'fans-also-liked')),
    ];
    expect(all.some((m) => listed.has(m))).toBe(true);
    await page.getByTestId('similar-type').selectOption('Movie');
    const metas = await page.getByTestId('similar-content').locator('.meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    expect(metas.every((m) => m.startsWith('Movie'))).toBe(true);
  });

  test("group mode with two real exports: picks nobody has seen, with each member's fit", async () => {
    const [a, b] = exports.filter((e) => !e.name.endsWith('.gz')).slice(0, 2);
    await page.goto('/group');
    await page.getByTestId('group-file').setInputFiles(a!.path);
    await expect(page.getByTestId('group-members')).toContainText('titles from a file');
    await page.getByTestId('group-file').setInputFiles(b!.path);
    const picks = page.getByTestId('group-picks').getByTestId('anime-card');
    await expect(picks).toHaveCount(24, { timeout: 30_000 });
    const seen = new Set(
      [...a!.ids, ...b!.ids].filter((id) => !a!.planned.has(id) && !b!.planned.has(id)),
    );
    const ids = async () => (await shownIds(page, 'group-picks')).join(' ');
    expect((await shownIds(page, 'group-picks')).filter((id) => seen.has(id))).toEqual([]);
    const fitsOfTop = async () =>
      (await page.getByTestId('fits').first().getByTestId('fit').allTextContents()).map((t) =>
        Number.parseInt(t),
      );
    const averageTop = await fitsOfTop();
    expect(averageTop).toHaveLength(2);
    // Fits spread (measured among the group's shortlist), and every pick says why.
    const allFits = (await page.getByTestId('fit').allTextContents()).map((t) =>
      Number.parseInt(t),
    );
    expect(new Set(allFits).size).toBeGreaterThan(5);
    expect(Math.min(...allFits)).toBeLessThan(80);
    await expect(page.getByTestId('group-why')).toHaveCount(24);
    for (const reason of await page.getByTestId('group-why').allTextContents())
      expect(reason).toMatch(
        /(Both of you (loved|liked|watched)|Fits (.+'s|your) (love of|liking for|taste for)|\S+ watched) /,
      );
    const cards = page.getByTestId('group-picks').getByTestId('anime-card');
    const titles = await cards.locator('.title').allTextContents();
    expect(new Set(titles).size).toBe(titles.length);
    const averagePicks = await ids();

    await page.getByTestId('aggregation-least-misery').check();
    await expect.poll(ids).not.toBe(averagePicks);
    const miseryTop = await fitsOfTop();
    expect(Math.min(...miseryTop)).toBeGreaterThanOrEqual(Math.min(...averageTop));

    await page.getByTestId('add-me').click();
    await expect(page.getByTestId('fits').first().getByTestId('fit')).toHaveCount(3, {
      timeout: 30_000,
    });
    await page.reload();
    await expect(page.getByTestId('group-members').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('aggregation-least-misery')).toBeChecked();
    await expect(picks).toHaveCount(24, { timeout: 30_000 });
  });

  test('no request left the origin, and none sent anything', ({ baseURL }) => {
    expect(requests.length).toBeGreaterThan(10);
    const origin = new URL(baseURL!).origin;
    expect(requests.filter((r) => new URL(r.url).origin !== origin)).toEqual([]);
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
