/** Reading what a page shows: the MAL ids of the anime cards inside a test id, their reasons. */
import { expect, type Locator, type Page } from '@playwright/test';

export async function shownIds(page: Page, testId = 'recommendations'): Promise<number[]> {
  const hrefs = await page
    .getByTestId(testId)
    .getByTestId('anime-card')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(new URL(href, 'http://x').searchParams.get('id')));
}

/** The first "why it is recommended" list on the page with a line matching `text`. */
export function reason(page: Page, text: string | RegExp): Locator {
  return page.getByTestId('why').filter({ hasText: text }).first();
}

/** Unfolds For you's filters and model settings (folded by default once a list is stored). */
export async function openSettings(page: Page): Promise<void> {
  const toggle = page.getByTestId('settings-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByTestId('rec-controls')).toBeVisible();
}
