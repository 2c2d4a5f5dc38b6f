/** A stored list with an edit on it (the state the hostile-file tests protect), and the message rule. */
import { expect, type Page } from '@playwright/test';
import type { RealExport } from './exports';

/** Imports the small real list and edits one entry on Your list; returns the edited title. */
export async function storeEditedList(page: Page, small: RealExport): Promise<string> {
  await page.goto('/recommendations');
  await page.getByTestId('import-file').setInputFiles(small.path);
  await expect(page.getByTestId('report-entries')).toHaveText(String(small.entries), {
    timeout: 20_000,
  });
  await page.goto('/library');
  await page.getByTestId('library-sort').selectOption('title');
  const row = page.getByTestId('library-row').first();
  const title = (await row.locator('th a').textContent())!;
  await row.getByTestId('entry-score').selectOption('1');
  await expect(row).toContainText('edited');
  return title;
}

/** One plain sentence: no error class names, no doubled stops. */
export function expectPlain(message: string): void {
  expect(message).not.toMatch(/\b(Type|Reference|Syntax|DOM)?Error:|\.\.|undefined|\[object/);
  expect(message.trim()).toMatch(/[^.]\.$/);
  expect(message.trim().split(/(?<=[.?!])\s+(?=[A-Z])/)).toHaveLength(1);
}
