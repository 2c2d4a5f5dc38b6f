/**
 * A first visit: the shard's own model gives explained recommendations at once, the worker then
 * fine-tunes it with the list and the picks are replaced in place; a damaged model section falls
 * back to item-kNN with a way to fetch the dataset again; a newer model reaches an open page.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { openSettings, reason, shownIds } from '../support/cards';
import { realExports } from '../support/exports';

const SHARD = /\/data\/shard\.[0-9a-f]+\.bin$/;
const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;

async function importList(page: Page): Promise<void> {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 20_000 });
}

/** Embedding, nearest users, content and item-kNN: each kind of reason is on the page. */
async function expectEveryKindOfReason(page: Page): Promise<void> {
  for (const why of [
    /Because you (loved|liked|watched) /,
    /Loved by \d+ of the 50 users/,
    'with what you rate highly',
    /Fans of .+ loved it too/,
  ])
    await expect(reason(page, why)).toBeVisible();
}

const cards = (page: Page) => page.getByTestId('recommendations').getByTestId('anime-card');
const modelLine = (page: Page) => page.getByTestId('model-in-use');

test('a first visit gets explained model picks at once, then fine-tuned ones in place', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const visited: string[] = [];
  page.on('framenavigated', (frame) => visited.push(new URL(frame.url()).pathname));
  await importList(page);
  await expect(cards(page).first()).toBeVisible({ timeout: 20_000 });
  await expect(modelLine(page)).toHaveAttribute('data-kind', 'shipped');
  // Fine-tuning follows in the background; the page keeps its controls and scroll place.
  await openSettings(page);
  await page.getByTestId('niche').fill('0.6');
  const scrolled = await page.evaluate(() => {
    window.scrollTo(0, 900);
    return window.scrollY;
  });
  expect(scrolled).toBe(900);
  await expect(page.getByTestId('fine-tune')).toBeChecked();
  await expectEveryKindOfReason(page);

  await expect(modelLine(page)).toHaveAttribute('data-kind', 'fine-tuned', { timeout: 60_000 });
  await expect(modelLine(page)).toContainText(/fine-tuned with your list on this device in \d/);
  await expect(page.getByTestId('personalising')).toHaveCount(0);
  const ids = await shownIds(page);
  expect(ids.length).toBe(48);
  expect(ids.filter((id) => largest.ids.has(id))).toEqual([]);
  await expectEveryKindOfReason(page);
  // Replaced in place: the control and the scroll position are as the user left them.
  await expect(page.getByTestId('niche')).toHaveValue('0.6');
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(50);
  expect(visited.some((path) => path.startsWith('/model'))).toBe(false);

  // A reload reuses the stored fine-tune: no second personalising run.
  const tunedAt = await modelLine(page).getAttribute('data-tuned-at');
  await page.reload();
  await expect(modelLine(page)).toHaveAttribute('data-kind', 'fine-tuned', { timeout: 20_000 });
  await expect(modelLine(page)).toHaveAttribute('data-tuned-at', tunedAt!);

  // Switched off: back to the fold-in against the shipped model, also after a reload.
  await openSettings(page);
  await page.getByTestId('fine-tune').uncheck();
  await expect(modelLine(page)).toHaveAttribute('data-kind', 'shipped', { timeout: 20_000 });
  await page.reload();
  await expect(modelLine(page)).toHaveAttribute('data-kind', 'shipped', { timeout: 20_000 });
  await expect(page.getByTestId('fine-tune')).not.toBeChecked();
});

test('an edit in another tab fine-tunes again, and the open For you page follows', async ({
  context,
}) => {
  test.setTimeout(120_000);
  const forYou = await context.newPage();
  await importList(forYou);
  await expect(modelLine(forYou)).toHaveAttribute('data-kind', 'fine-tuned', { timeout: 60_000 });
  const before = await modelLine(forYou).getAttribute('data-tuned-at');

  const library = await context.newPage();
  await library.goto('/library');
  const row = library.getByTestId('library-row').first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const score = row.getByTestId('entry-score');
  await score.selectOption((await score.inputValue()) === '10' ? '9' : '10');

  await expect(modelLine(forYou)).not.toHaveAttribute('data-tuned-at', before!, {
    timeout: 60_000,
  });
  await expect(modelLine(forYou)).toHaveAttribute('data-kind', 'fine-tuned');
  await expect(cards(forYou).first()).toBeVisible();
  // The model page says where it ran: headless Chromium here has no hardware GPU.
  await library.goto('/model');
  await expect(library.getByTestId('tuned-on')).toHaveText(
    /^, on (WebGPU|the (WASM SIMD kernel|JavaScript loop), 1 thread.* \(not WebGPU: .+\))$/,
  );
});

test('a newer model reaches an open anime page and an open Together page', async ({ context }) => {
  test.setTimeout(120_000);
  const forYou = await context.newPage();
  await importList(forYou);
  await expect(modelLine(forYou)).toHaveAttribute('data-kind', 'fine-tuned', { timeout: 60_000 });
  await openSettings(forYou);
  await forYou.getByTestId('fine-tune').uncheck();
  await expect(modelLine(forYou)).toHaveAttribute('data-kind', 'shipped', { timeout: 20_000 });

  const anime = await context.newPage();
  await anime.goto('/anime?id=5114');
  const similar = anime.getByTestId('similar');
  await expect(similar).toHaveAttribute('data-model-kind', 'shipped', { timeout: 20_000 });
  const together = await context.newPage();
  await together.goto('/group');
  await together.getByTestId('add-me').click();
  const friend = realExports().find((e) => e.name !== largest.name)!;
  await together.getByTestId('group-file').setInputFiles(friend.path);
  const picks = together.getByTestId('group-picks');
  await expect(picks).toHaveAttribute('data-model-kind', 'shipped', { timeout: 30_000 });

  // Switched back on in the For you tab: the stored fine-tune is the model in use again.
  await forYou.getByTestId('fine-tune').check();
  await expect(similar).toHaveAttribute('data-model-kind', 'fine-tuned', { timeout: 30_000 });
  await expect(
    similar.getByTestId('similar-embedding').getByTestId('anime-card').first(),
  ).toBeVisible();
  await expect(picks).toHaveAttribute('data-model-kind', 'fine-tuned', { timeout: 30_000 });
  await expect(picks.getByTestId('anime-card')).toHaveCount(24);
});

async function damageModel(context: BrowserContext) {
  await context.route(SHARD, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    // The model's sections come last in the file.
    body[body.length - 100]! ^= 0xff;
    await route.fulfill({ response, body });
  });
}

test.describe('a damaged model section', () => {
  test.use({ serviceWorkers: 'block' });

  test('falls back to item-kNN picks, says so, and fetching again brings the model back', async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    await damageModel(context);
    await importList(page);
    await expect(cards(page).first()).toBeVisible({ timeout: 20_000 });
    await expect(modelLine(page)).toHaveAttribute('data-kind', 'none');
    await expect(page.getByTestId('model-note')).toContainText(
      /could not be used .*checksum mismatch in model\..*what fans of your favourites loved/,
    );
    await expect(reason(page, /Fans of .+ loved it too/)).toBeVisible();
    await expect(page.getByText(/Because you (loved|liked|watched) /)).toHaveCount(0);

    await context.unroute(SHARD);
    await page.getByRole('button', { name: 'Fetch the dataset again' }).click();
    await expect(modelLine(page)).toHaveAttribute('data-kind', /shipped|fine-tuned/, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('model-problem')).toHaveCount(0);
    await expect(reason(page, /Because you (loved|liked|watched) /)).toBeVisible();
    // The stored list was never touched.
    await page.goto('/library');
    await expect(page.getByTestId('library-caption')).toHaveText(
      `${largest.entries} of ${largest.entries} entries`,
      { timeout: 20_000 },
    );
  });
});
