/** Reading what a page shows: the MAL ids of the anime cards inside a test id. */
import type { Page } from '@playwright/test';

export async function shownIds(page: Page, testId = 'recommendations'): Promise<number[]> {
  const hrefs = await page
    .getByTestId(testId)
    .getByTestId('anime-card')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => Number(new URL(href, 'http://x').searchParams.get('id')));
}
