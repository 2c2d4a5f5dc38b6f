/**
 * npm run lab -- bench-library [--sizes 500,20000,200000 --runs 3]
 * In headless Chromium on the built site, each run in a fresh profile: imports a MyAnimeList
 * export of each size (tests/support/big-list.ts) and times the file choice → import report;
 * then opens Your list and times navigation → the whole list counted in the table's caption
 * (interactive: the filter answers), a keystroke in the filter → the filtered table, and a
 * scroll to the end → the last row on screen, a new score for the first → stored and shown as
 * edited; then For you after a reload → recommendations on screen, and "Delete everything" →
 * done. The 500-entry list is the reference each figure is
 * divided by.
 */
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { bigMalExportFile } from '../../tests/support/big-list';
import { launchChromium, median, startPreview } from './bench/browser';

interface Timings {
  importMs: number;
  libraryMs: number;
  filterMs: number;
  scrollMs: number;
  editMs: number;
  forYouMs: number;
  deleteMs: number;
}

const LIMIT = 600_000;

/** Milliseconds from `act` until `ready` resolves. */
async function timeUntil(act: () => Promise<unknown>, ready: () => Promise<unknown>) {
  const started = performance.now();
  await act();
  await ready();
  return performance.now() - started;
}

async function run(browser: Browser, url: string, entries: number, path: string): Promise<Timings> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    const caption = page.getByTestId('library-caption');
    const all = `${entries} of ${entries} entries`;
    await page.goto(`${url}/recommendations`);
    await page.getByTestId('import-file').waitFor();
    const importMs = await timeUntil(
      () => page.getByTestId('import-file').setInputFiles(path),
      () => page.getByTestId('import-report').waitFor({ timeout: LIMIT }),
    );
    const libraryMs = await timeUntil(
      () => page.goto(`${url}/library`),
      () => caption.filter({ hasText: all }).waitFor({ timeout: LIMIT }),
    );
    const filterMs = await timeUntil(
      () => page.getByTestId('library-text').fill('99'),
      () => caption.filter({ hasNotText: all }).waitFor({ timeout: LIMIT }),
    );
    await page.getByTestId('library-text').fill('');
    await caption.filter({ hasText: all }).waitFor({ timeout: LIMIT });
    const scrollMs = await timeUntil(
      () => page.getByTestId('library-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight)),
      () =>
        page
          .locator(`[data-testid="library-row"][aria-rowindex="${entries + 1}"]`)
          .waitFor({ timeout: LIMIT }),
    );
    // The last changed entry comes first: edit the first row, which stays first.
    await page.getByTestId('library-scroller').evaluate((el) => (el.scrollTop = 0));
    const first = page.getByTestId('library-row').first();
    const editMs = await timeUntil(
      () => first.getByTestId('entry-score').selectOption('10'),
      () => first.getByText('edited').waitFor({ timeout: LIMIT }),
    );
    const forYouMs = await timeUntil(
      () => page.goto(`${url}/recommendations`),
      () =>
        page
          .getByTestId('recommendations')
          .getByTestId('anime-card')
          .first()
          .waitFor({ timeout: LIMIT }),
    );
    await page.goto(`${url}/library`);
    await page.getByTestId('delete-everything').click();
    const deleteMs = await timeUntil(
      () => page.getByTestId('confirm-delete').click(),
      () => page.getByTestId('deleted').waitFor({ timeout: LIMIT }),
    );
    return { importMs, libraryMs, filterMs, scrollMs, editMs, forYouMs, deleteMs };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '500,20000,200000' },
      runs: { type: 'string', default: '3' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const server = await startPreview(4183);
  const browser = await launchChromium();
  const results = new Map<number, Timings[]>();
  try {
    for (let r = 0; r < runs; r++)
      for (const size of sizes) {
        const timings = await run(browser, server.url, size, bigMalExportFile(size));
        results.set(size, [...(results.get(size) ?? []), timings]);
        console.log(`run ${r + 1}, ${size} entries: ${JSON.stringify(timings, round)}`);
      }
  } finally {
    await browser.close();
    server.stop();
  }
  const reference = sizes[0]!;
  const medianOf = (size: number, key: keyof Timings) =>
    median(results.get(size)!.map((t) => t[key]));
  const keys: (keyof Timings)[] = [
    'importMs',
    'libraryMs',
    'filterMs',
    'scrollMs',
    'editMs',
    'forYouMs',
    'deleteMs',
  ];
  console.log(`\nMedians of ${runs} runs, ms (× the ${reference}-entry list in the same run):`);
  console.log(['entries', ...keys].join('\t'));
  for (const size of sizes)
    console.log(
      [
        size,
        ...keys.map((key) => {
          const ms = medianOf(size, key);
          return size === reference
            ? ms.toFixed(0)
            : `${ms.toFixed(0)} (×${(ms / medianOf(reference, key)).toFixed(1)})`;
        }),
      ].join('\t'),
    );
}

function round(_key: string, value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value) : value;
}

main().catch((error: unknown) => {
  console.error(`bench-library: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
