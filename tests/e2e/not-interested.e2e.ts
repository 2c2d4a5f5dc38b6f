import { expect, test } from '@playwright/test';
import { shownIds } from '../support/cards';
import { realExports } from '../support/exports';

const small = realExports().find((e) => e.name.endsWith('.xml') && e.entries < 200)!;

test('not interested: a title, then a whole franchise, leave For you at once and for good; Your list shows them again', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(small.path);
  const list = page.getByTestId('recommendations');
  const cards = list.getByTestId('anime-card');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  const before = await shownIds(page);
  const [first, second] = before;

  const card = (id: number) =>
    list.locator(':scope > li').filter({ has: page.locator(`a[href$="?id=${id}"]`) });
  const notice = page.getByTestId('hidden-notice');
  const hide = async (id: number, what: 'hide-title' | 'hide-franchise') => {
    const title = (await card(id).getByTestId('hide-title').textContent())!.replace(/^Hide /, '');
    await card(id).getByText('Not interested').click();
    await card(id).getByTestId(what).click();
    // The card leaves at once; the notice follows once the choice is stored.
    await expect(card(id)).toHaveCount(0);
    // The whole sentence: a title that begins another's must not match the last notice.
    const whole = what === 'hide-franchise' ? ' and its whole franchise' : '';
    await expect(notice.locator('span')).toHaveText(
      `Hidden: ${title}${whole}. Your list shows it under Hidden.`,
    );
  };
  await hide(first!, 'hide-title');
  await expect(notice).not.toContainText('whole franchise');
  await hide(second!, 'hide-franchise');
  await expect(notice).toContainText('and its whole franchise');
  // Undo takes the last choice back: the title is ranked again.
  const third = (await shownIds(page))[0]!;
  await hide(third, 'hide-title');
  await notice.getByTestId('undo-hide').click();
  await expect(notice).toHaveCount(0);
  await expect(card(third)).toHaveCount(1, { timeout: 20_000 });

  await page.goto('/library');
  const hidden = page.getByTestId('hidden-title');
  await expect(hidden).toHaveCount(2);
  await expect(hidden.filter({ hasText: 'and its whole franchise' })).toHaveCount(1);
  await expect(page.getByTestId('library-caption')).toHaveText(
    `${small.entries} of ${small.entries} entries`,
  );
  // The picks are computed again with both as dislikes; neither comes back.
  await page.goto('/recommendations');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  const after = await shownIds(page);
  expect(after).not.toContain(first);
  expect(after).not.toContain(second);

  await page.goto('/library');
  const shownAgain = hidden.filter({ hasNotText: 'and its whole franchise' });
  await shownAgain.getByTestId('unhide').click();
  await expect(hidden).toHaveCount(1);

  await page.goto('/recommendations');
  await expect(cards.first()).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => shownIds(page), { timeout: 20_000 }).toContain(first);
  expect(await shownIds(page)).not.toContain(second);
});

test('not interested on More like this: the title leaves the lists and is listed under Hidden', async ({
  page,
}) => {
  await page.goto('/anime?id=5114');
  const content = page.getByTestId('similar-content');
  await expect(content.getByTestId('anime-card').first()).toBeVisible({ timeout: 20_000 });
  // Each card says where to watch it: plain links to other sites, opened only when clicked.
  const watch = page.getByTestId('similar').getByTestId('watch-links').first();
  await expect(watch).toBeVisible();
  const link = watch.locator('a').first();
  await expect(link).toHaveAttribute('href', /^https?:\/\//);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  const [first, second] = await shownIds(page, 'similar-content');
  const cardOf = (id: number) =>
    content.locator('li').filter({ has: page.locator(`a[href$="?id=${id}"]`) });
  const notice = page.getByTestId('hidden-notice');
  const hide = async (id: number) => {
    const title = (await cardOf(id).getByTestId('hide-title').textContent())!.replace(/^Hide /, '');
    await cardOf(id).getByText('Not interested').click();
    await cardOf(id).getByTestId('hide-title').click();
    await expect(cardOf(id)).toHaveCount(0);
    await expect(notice.locator('span')).toHaveText(
      `Hidden: ${title}. Your list shows it under Hidden.`,
    );
  };
  await hide(first!);
  // The second choice is taken back at once: it is shown again and not stored as hidden.
  await hide(second!);
  await notice.getByTestId('undo-hide').click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => shownIds(page, 'similar-content')).toContain(second);
  await page.reload();
  await expect(content.getByTestId('anime-card').first()).toBeVisible({ timeout: 20_000 });
  expect(await shownIds(page, 'similar')).not.toContain(first);
  await page.goto('/library');
  await expect(page.getByTestId('hidden-title')).toHaveCount(1);
});

test('not interested on Together: the pick leaves, the notice offers Undo, and Undo brings it back', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const [a, b] = realExports().filter((e) => !e.name.endsWith('.gz'));
  await page.goto('/group');
  await page.getByTestId('group-file').setInputFiles(a!.path);
  await expect(page.getByTestId('group-members')).toContainText('titles from a file');
  await page.getByTestId('group-file').setInputFiles(b!.path);
  const picks = page.getByTestId('group-picks');
  await expect(picks.getByTestId('anime-card')).toHaveCount(24, { timeout: 30_000 });
  const [top] = await shownIds(page, 'group-picks');
  const card = picks.locator(':scope > li').filter({ has: page.locator(`a[href$="?id=${top}"]`) });
  const title = (await card.getByTestId('hide-title').textContent())!.replace(/^Hide /, '');
  await card.getByText('Not interested').click();
  await card.getByTestId('hide-title').click();
  await expect(card).toHaveCount(0);
  const notice = page.getByTestId('hidden-notice');
  await expect(notice).toContainText(`Hidden: ${title}.`);
  await expect.poll(() => shownIds(page, 'group-picks')).not.toContain(top);
  await notice.getByTestId('undo-hide').click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => shownIds(page, 'group-picks'), { timeout: 30_000 }).toContain(top);
  await page.goto('/library');
  await expect(page.getByTestId('hidden-title')).toHaveCount(0);
});
