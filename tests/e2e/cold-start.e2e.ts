import { expect, test } from '@playwright/test';
import { shownIds } from '../support/cards';

test('from zero ratings: recommendations after the first, updated after each', async ({ page }) => {
  await page.goto('/recommendations');
  const grid = page.getByTestId('rate-titles');
  const items = grid.getByTestId('rate-item');
  await expect(items).toHaveCount(24);
  await expect(page.getByTestId('recommendations')).toHaveCount(0);
  // Adult titles (Rx, Hentai, and MAL's Erotica genre) are not found by a search either.
  await page.getByTestId('rate-search').fill('Healer');
  await expect(grid.getByText('Healer Girl', { exact: true })).toBeVisible();
  await expect(grid.getByText('Kaifuku Jutsushi no Yarinaoshi', { exact: true })).toHaveCount(0);
  await page.getByTestId('rate-search').fill('');

  await items.nth(0).getByTestId('rate-score').selectOption('9');
  const cards = page.getByTestId('recommendations').getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('rec-status')).toContainText('Based on 1 of your 1 title');
  const afterOne = await shownIds(page);
  const rated = (await items.nth(0).locator('.title').textContent())!;
  await expect(cards.locator('.title').getByText(rated, { exact: true })).toHaveCount(0);

  await items.nth(1).getByTestId('rate-score').selectOption('2');
  await expect(page.getByTestId('rec-status')).toContainText('Based on 2 of your 2 titles');
  await items.nth(2).getByTestId('rate-score').selectOption('10');
  await expect(page.getByTestId('rec-status')).toContainText('Based on 3 of your 3 titles');
  expect(await shownIds(page)).not.toEqual(afterOne);

  // Any title can be found and rated; "not seen" takes a rating back.
  await page.getByTestId('rate-search').fill('cowboy bebop');
  const bebop = items.filter({ hasText: 'Cowboy Bebop' }).first();
  await bebop.getByTestId('rate-score').selectOption('8');
  await expect(page.getByTestId('rec-status')).toContainText('Based on 4 of your 4 titles');
  await bebop.getByTestId('rate-score').selectOption('0');
  await expect(page.getByTestId('rec-status')).toContainText('Based on 3 of your 3 titles');

  await page.reload();
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('rec-status')).toContainText('Based on 3 of your 3 titles');
  await expect(items.nth(0).getByTestId('rate-score')).toHaveValue('9');
});
