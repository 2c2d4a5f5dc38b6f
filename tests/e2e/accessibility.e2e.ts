import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openSettings } from '../support/cards';
import { realExports } from '../support/exports';

const small = realExports().find((e) => e.name.startsWith('Yobokata'))!;

/** Serious and critical WCAG A/AA problems axe finds on the page as it is now. */
async function problems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

test('every page passes axe (WCAG A/AA, serious and critical), with a list and without', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const pages = [
    '/',
    '/anime?id=5114',
    '/model',
    '/recommendations',
    '/library',
    '/taste',
    '/group',
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible({ timeout: 30_000 });
    // Check the page once what it loads has arrived (the dataset, the stored list).
    await expect(page.getByTestId('shard-stats')).toBeVisible();
    await expect(page.locator('main').getByText(/^Loading /)).toHaveCount(0);
    expect(await problems(page), path).toEqual([]);
  }
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(small.path);
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });
  expect(await problems(page), '/recommendations with a list').toEqual([]);
  await openSettings(page);
  expect(await problems(page), '/recommendations with its settings unfolded').toEqual([]);
  await page.goto('/library');
  await expect(page.getByTestId('library-row').first()).toBeVisible();
  expect(await problems(page), '/library with a list').toEqual([]);
});

test('the main flows work from the keyboard alone', async ({ page }) => {
  await page.goto('/recommendations');
  await expect(page.getByTestId('rate-item').first()).toBeVisible({ timeout: 30_000 });
  // Tab to the first score select of the rating grid and rate with the keyboard.
  const select = page.getByTestId('rate-score').first();
  for (let k = 0; k < 40 && !(await select.evaluate((el) => el === document.activeElement)); k++)
    await page.keyboard.press('Tab');
  await expect(select).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 20_000,
  });
  // Every control on the page can take focus and has an accessible name.
  const unnamed = await page.locator('input, select, button, a[href]').evaluateAll((elements) =>
    elements
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter((el) => {
        const labelled =
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby') ||
          (el as HTMLInputElement).labels?.length ||
          el.textContent?.trim();
        return !labelled;
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});

test('pages fit a phone screen without sideways scrolling, with a real list stored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;
  await page.goto('/recommendations');
  // A newcomer's For you, its import zone and the titles to rate, fits too.
  await expect(page.getByTestId('rate-titles')).toBeVisible({ timeout: 30_000 });
  const newcomer = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(newcomer, 'For you without a list').toBeLessThanOrEqual(0);
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 30_000,
  });
  for (const path of [
    '/',
    '/recommendations',
    '/library',
    '/taste',
    '/group',
    '/model',
    '/anime?id=5114',
  ]) {
    await page.goto(path);
    await expect(page.locator('main h1')).toBeVisible({ timeout: 30_000 });
    if (path === '/library') await expect(page.getByTestId('library-row').first()).toBeVisible();
    if (path === '/recommendations')
      await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
    // Neither the page nor any part of it scrolls sideways.
    const wide = await page.evaluate(() => [
      document.documentElement.scrollWidth - window.innerWidth,
      ...[...document.querySelectorAll('main *')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}px`),
    ]);
    expect(wide, path).toEqual([expect.any(Number)]);
    expect(wide[0] as number, path).toBeLessThanOrEqual(0);
  }
  // Every field of a list entry is on screen at phone width.
  await page.goto('/library');
  const row = page.getByTestId('library-row').first();
  for (const field of ['entry-status', 'entry-score', 'entry-episodes', 'entry-remove'])
    await expect(row.getByTestId(field)).toBeInViewport();
});
