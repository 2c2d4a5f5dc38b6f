/**
 * Recommendations first: once a list is stored, For you opens on the picks (the import panel and
 * the filters fold into one bar), and the cards speak plainly (a match label, reasons in three
 * lines at most), on a phone and on a desktop.
 */
import { expect, test, type Page } from '@playwright/test';
import { openSettings } from '../support/cards';
import { realExports } from '../support/exports';

const list = realExports().find((e) => e.name.startsWith('wihal'))!;
const LEVELS = ['strong', 'good', 'fair'];

const cards = (page: Page) => page.getByTestId('recommendations').locator(':scope > li');

/** Lines each card's reasons take, from their height and line height. */
async function reasonLines(page: Page): Promise<number[]> {
  return page
    .getByTestId('recommendations')
    .getByTestId('why')
    .evaluateAll((lists) =>
      lists.map((el) => el.clientHeight / parseFloat(getComputedStyle(el).lineHeight)),
    );
}

for (const [name, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test(`${name}: with a list stored, For you opens on the recommendations`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await page.goto('/recommendations');
    // A newcomer gets the whole import panel, with its instructions.
    await expect(page.getByRole('heading', { name: 'Import your list' })).toBeVisible({
      timeout: 30_000,
    });
    await page.getByTestId('import-file').setInputFiles(list.path);
    await expect(cards(page).first()).toBeVisible({ timeout: 30_000 });

    await page.reload();
    await expect(cards(page).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('why').filter({ hasText: 'Finding reasons' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Import your list' })).toHaveCount(0);
    await expect(page.getByTestId('rec-controls')).toBeHidden();
    await expect(page.getByTestId('mode-merge')).toBeVisible();
    // The whole first card, reasons and links included, is on the first screen.
    await expect(cards(page).first()).toBeInViewport({ ratio: 1 });

    // Plain words: a match label on every card, strongest first, and no σ figures.
    const count = await cards(page).count();
    const levels = await page
      .getByTestId('recommendations')
      .getByTestId('match')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-level') ?? ''));
    expect(levels).toHaveLength(count);
    const ranks = levels.map((level) => LEVELS.indexOf(level));
    expect(Math.min(...ranks)).toBeGreaterThanOrEqual(0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // By standing, unfiltered: the first four are strong matches, the next ten good ones.
    expect(levels.slice(0, 15)).toEqual([
      ...Array<string>(4).fill('strong'),
      ...Array<string>(10).fill('good'),
      'fair',
    ]);
    expect(await page.locator('main').textContent()).not.toContain('σ');
    for (const lines of await reasonLines(page)) expect(lines).toBeLessThanOrEqual(3.05);

    // The folded filters open from the bar, and the bar says what is changed while folded.
    await openSettings(page);
    await expect(page.getByTestId('settings-toggle')).toHaveAttribute('aria-expanded', 'true');
    await page.getByTestId('include-tag').selectOption('Comedy');
    await page.getByTestId('settings-toggle').click();
    await expect(page.getByTestId('rec-controls')).toBeHidden();
    await expect(page.getByTestId('settings-toggle')).toHaveText('Filters & model (1 on)');
    await expect(page.getByTestId('settings-changed')).toHaveText('+Comedy');
    const genres = await cards(page).locator('.genres').allTextContents();
    expect(genres.every((g) => g.includes('Comedy'))).toBe(true);
  });
}

test('a file dropped on the import panel, then on the folded row, is imported', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const drop = (id: number) =>
    page.getByTestId('drop-zone').evaluate((zone, malId) => {
      const data = new DataTransfer();
      data.items.add(new File([`anime_id,score\n${malId},9\n`], 'list.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    }, id);
  await page.goto('/recommendations');
  await expect(page.getByRole('heading', { name: 'Import your list' })).toBeVisible({
    timeout: 30_000,
  });
  await drop(5114);
  await expect(page.getByTestId('import-report')).toContainText('Your list now has 1 entries');
  await expect(page.getByRole('heading', { name: 'Import your list' })).toHaveCount(0);
  await drop(9253);
  await expect(page.getByTestId('import-report')).toContainText('Your list now has 2 entries');
});

test('a file chosen while the page learns whether a list is stored is still imported', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // Every file input the import panel ever puts on the page, from its first frame on.
  await page.addInitScript(() => {
    const seen: HTMLInputElement[] = [];
    (globalThis as unknown as { importInputs: HTMLInputElement[] }).importInputs = seen;
    new MutationObserver(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="import-file"]');
      if (input && !seen.includes(input)) seen.push(input);
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto('/recommendations');
  await expect(page.getByRole('heading', { name: 'Import your list' })).toBeVisible({
    timeout: 30_000,
  });
  // The panel starts folded (nothing known yet) and unfolds for a newcomer: the input the user
  // may already have opened is the one on the page, so the chosen file is not lost.
  const inputs = await page.evaluateHandle(
    () => (globalThis as unknown as { importInputs: HTMLInputElement[] }).importInputs,
  );
  expect(await inputs.evaluate((all) => all.length)).toBe(1);
  const first = (await inputs.evaluateHandle((all) => all[0]!)).asElement()!;
  await first.setInputFiles(list.path);
  await expect(page.getByTestId('import-report')).toContainText(
    `Your list now has ${list.entries} entries`,
    { timeout: 30_000 },
  );
});
