import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
});

test('shows the whole catalogue, most popular first, 48 to a page', async ({ page }) => {
  await expect(page.getByTestId('anime-card')).toHaveCount(48);
  await expect(page.getByTestId('anime-card').first()).toContainText('Attack on Titan');
  const count = Number((await page.getByTestId('result-count').textContent())!.replace(/\D/g, ''));
  expect(count).toBeGreaterThan(20_000);
  await page.getByRole('button', { name: 'Next ›' }).click();
  await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
  await expect(page.getByTestId('anime-card').first()).not.toContainText('Attack on Titan');
  await expect(page.getByTestId('shard-stats')).toContainText(/decoded in \d+ ms/);
});

test('search forgives typos and punctuation and finds English titles', async ({ page }) => {
  const search = page.getByTestId('search');
  await search.fill('shingeki no kyojn');
  await expect(page.getByTestId('anime-card').first()).toContainText('Shingeki no Kyojin');
  await search.fill('fullmetal alchemist brotherhood');
  await expect(page.getByTestId('anime-card').first()).toContainText(
    'Fullmetal Alchemist: Brotherhood',
  );
  await search.fill('your name');
  await expect(page.getByTestId('anime-card').first()).toContainText('Kimi no Na wa.');
  await search.fill('steins gate');
  await expect(page.getByTestId('anime-card').first()).toContainText('Steins;Gate');
  await search.fill('qqqzzzxxx');
  await expect(page.getByTestId('no-results')).toBeVisible();
});

test('filters by genre, type, year and episodes, and sorts by score', async ({ page }) => {
  await page.getByTestId('genre').selectOption('Sports');
  await page.getByTestId('type').selectOption('TV');
  await page.getByTestId('year-from').fill('2010');
  await page.getByTestId('year-to').fill('2015');
  await page.getByTestId('episodes-min').fill('20');
  await page.getByTestId('episodes-max').fill('30');
  await page.getByTestId('sort').selectOption('score');
  const cards = page.getByTestId('anime-card');
  await expect(cards.first()).toContainText('Haikyuu');
  const texts = await cards.allTextContents();
  expect(texts.length).toBeGreaterThan(3);
  for (const text of texts) {
    expect(text).toMatch(/^.*TV · (2\d|30) eps · \w+ 201[0-5]/);
  }
  const scores = texts.map((t) => Number(/★ ([\d.]+)/.exec(t)?.[1] ?? 0));
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  await page.getByRole('button', { name: 'Remove Sports' }).click();
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(cards.first()).toContainText('Attack on Titan');
});

test('adult titles stay hidden until asked for', async ({ page }) => {
  await page.getByTestId('genre').selectOption('Hentai');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await page.getByLabel('Show adult titles').check();
  await expect(page.getByTestId('anime-card').first()).toBeVisible();
});

test('a detail page shows metadata and synopsis, and back keeps the search', async ({ page }) => {
  await page.getByTestId('search').fill('cowboy bebop');
  await page.getByTestId('anime-card').first().click();
  await expect(page).toHaveURL(/\/anime\?id=1$/);
  const detail = page.getByTestId('anime-detail');
  await expect(detail.getByRole('heading', { level: 1 })).toHaveText('Cowboy Bebop');
  await expect(detail).toContainText('Sunrise');
  await expect(detail).toContainText('Spring 1998');
  await expect(page.getByTestId('synopsis')).toContainText('2071');
  await expect(page.getByTestId('list-stats')).toContainText(/users' lists/);
  await page.goBack();
  await expect(page.getByTestId('search')).toHaveValue('cowboy bebop');
});

test('an unknown id says so', async ({ page }) => {
  await page.goto('/anime?id=999999999');
  await expect(page.getByTestId('not-found')).toContainText('999999999');
  // Fullmetal Alchemist is 5114: written in hex it is no MAL id.
  await page.goto('/anime?id=0x13FA');
  await expect(page.getByTestId('not-found')).toContainText('0x13FA');
});

test('Frieren has a type, a season, air dates and where to watch (bangumi-data)', async ({
  page,
}) => {
  await page.goto('/anime?id=52991');
  const detail = page.getByTestId('anime-detail');
  // A fresh page load decodes the shard again.
  await expect(detail.getByRole('heading', { level: 1 })).toContainText('Frieren', {
    timeout: 30_000,
  });
  await expect(detail).toContainText('葬送のフリーレン');
  await expect(detail).toContainText('Fall 2023');
  await expect(detail).toContainText(/Sep 29, 2023 – Mar 2[23], 2024/);
  await expect(detail.getByText('TV', { exact: true })).toBeVisible();
  const watch = detail.getByTestId('watch-links');
  await expect(watch).toContainText('Where to watch');
  const official = watch.getByRole('link', { name: 'Official site' });
  await expect(official).toHaveAttribute('href', 'https://frieren-anime.jp/');
  const netflix = watch.getByRole('link', { name: 'Netflix' });
  await expect(netflix).toHaveAttribute('href', /^https:\/\/www\.netflix\.com\/title\/\d+$/);
  // Plain links to another origin, opened only by a click (none here): no opener, no referrer.
  for (const link of await watch.getByRole('link').all()) {
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener noreferrer/);
    expect(new URL((await link.getAttribute('href'))!).origin).not.toBe(new URL(page.url()).origin);
  }
});

test('season placeholders are gone, the newest sort reaches past 2023, and Japanese titles search', async ({
  page,
}) => {
  await page.goto('/anime?id=51009');
  await expect(page.getByTestId('anime-detail')).toContainText('Summer 2023', { timeout: 30_000 });
  await expect(page.getByTestId('anime-detail')).not.toContainText('Winter 2023');
  await page.goto('/');
  await expect(page.getByTestId('anime-card').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('sort').selectOption('newest');
  await expect(page.getByTestId('anime-card').first()).toContainText(/202[4-9]/);
  await page.getByTestId('search').fill('ワンピース');
  await expect(page.getByTestId('anime-card').first()).toContainText('One Piece');
  await page.getByTestId('search').fill('葬送のフリーレン');
  await expect(page.getByTestId('anime-card').first()).toContainText('Frieren');
  // By relevance, One Piece itself (MAL 21, whose Japanese title is "ONE PIECE") comes first,
  // for the katakana and for full-width Latin letters alike.
  await page.getByTestId('sort').selectOption('relevance');
  const search = page.getByTestId('search');
  const first = page.getByTestId('anime-card').first();
  await search.fill('ワンピース');
  await expect(first).toHaveAttribute('href', /[?&]id=21$/);
  await search.fill('葬送のフリーレン');
  await expect(first).toHaveAttribute('href', /[?&]id=52991$/);
  await search.fill('ＯＮＥ　ＰＩＥＣＥ');
  await expect(first).toHaveAttribute('href', /[?&]id=21$/);
});
