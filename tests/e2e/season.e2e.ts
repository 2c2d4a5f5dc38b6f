import { expect, test } from '@playwright/test';
import { shownIds } from '../support/cards';
import { realExports } from '../support/exports';

const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;

test.beforeEach(async ({ page }) => {
  // The device's date decides the season: mid-October 2023 is Fall 2023.
  await page.clock.setFixedTime(new Date('2023-10-15T12:00:00'));
});

test('this season without a list: the current and next season, most-listed first; earlier ones a click away', async ({
  page,
}) => {
  await page.goto('/season');
  const sections = page.locator('main section');
  await expect(sections.nth(0).getByRole('heading')).toHaveText('Fall 2023');
  await expect(sections.nth(1).getByRole('heading')).toHaveText('Winter 2024');
  // Frieren premiered in Fall 2023.
  await expect(sections.nth(0).locator('a[href$="?id=52991"]')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('earlier-season').click();
  await expect(sections.nth(0).getByRole('heading')).toHaveText('Summer 2023');
  // Jujutsu Kaisen's second season: Summer 2023.
  await expect(sections.nth(0).locator('a[href$="?id=51009"]')).toBeVisible();
});

test('this season with a list: ranked for the user, with reasons, and "not interested" works here', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('recommendations').getByTestId('anime-card').first()).toBeVisible({
    timeout: 30_000,
  });
  // Every text the page shows from its first paint on: it never asks for the list it has.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seenLeads: string[] }).seenLeads = seen;
    new MutationObserver(() => {
      const lead = document.querySelector('main .lead')?.textContent;
      if (lead && !seen.includes(lead)) seen.push(lead);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/season');
  const picks = page.getByTestId('season-picks').first();
  await expect(picks.getByTestId('why').first()).toBeVisible({ timeout: 30_000 });
  const leads = await page.evaluate(() => (window as unknown as { seenLeads: string[] }).seenLeads);
  expect(leads.some((lead) => lead.includes('ranked for you'))).toBe(true);
  expect(leads.filter((lead) => lead.includes('import your list'))).toEqual([]);
  // Every card says why, once the reasons are in: from the list, or that many watch it.
  const why = picks.getByTestId('why');
  await expect(why.filter({ hasText: 'Finding reasons' })).toHaveCount(0, { timeout: 30_000 });
  const reasons = await why.evaluateAll((lists) =>
    lists.map((l) => l.querySelectorAll('li').length),
  );
  expect(reasons.length).toBeGreaterThan(0);
  expect(reasons.filter((n) => n === 0)).toEqual([]);
  const [first] = await shownIds(page, 'season-picks');
  expect(largest.ids.has(first!)).toBe(false);
  const card = picks.locator('li').filter({ has: page.locator(`a[href$="?id=${first}"]`) });
  await card.getByText('Not interested').click();
  await card.getByTestId('hide-title').click();
  await expect(card).toHaveCount(0);
});

test('a date past the catalogue starts at its latest season and says so', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2030-01-15T12:00:00'));
  await page.goto('/season');
  await expect(page.getByTestId('season-data-ends')).toContainText(
    'The catalogue has no titles of Winter 2030 yet',
  );
  const first = page.locator('main section').first();
  await expect(first.getByTestId('anime-card').first()).toBeVisible({ timeout: 20_000 });
});
