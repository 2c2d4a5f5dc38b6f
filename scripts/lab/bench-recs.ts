/**
 * npm run lab -- bench-recs [--runs 7 --entries 500] [--markdown]
 * In headless Chromium on the built site, each run in a fresh profile (a first visit: nothing
 * stored, no training): opens For you, waits 3 s as a person choosing a file would (the worker
 * builds its indices meanwhile), imports a real MyAnimeList export cut to `--entries` entries and
 * times the file choice → first recommendations on screen (parse, match, store, fold-in against
 * the shipped model, all signals, ranking, render); then the background fine-tune and the file
 * choice → the fine-tuned recommendations on screen. Then moves the blend and niche sliders and
 * times each full re-rank of the catalogue, and each input → next frame. Cold start: in another
 * fresh profile, the first rating → first recommendations. Also reports how long the worker took
 * to build the item-kNN similarities (once per dataset, while idle, then stored).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import { cutExport } from './bench/export-cut';
import { launchChromium, median, startPreview } from './bench/browser';
import type { Browser } from '@playwright/test';
import { moveSliders, storedItemKnnBuildMs } from './bench/in-page';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean' },
      runs: { type: 'string', default: '7' },
      entries: { type: 'string', default: '500' },
    },
  });
  const file = cutExport(Number(values.entries));
  const server = await startPreview(4182);
  const browser = await launchChromium();
  const importMs: number[] = [];
  const foldInMs: number[] = [];
  const fineTuneMs: number[] = [];
  const tunedShownMs: number[] = [];
  const coldStartMs: number[] = [];
  const rankMs: number[] = [];
  const frameMs: number[] = [];
  const itemKnnBuildMs: number[] = [];
  try {
    for (let run = 0; run < Number(values.runs); run++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${server.url}/recommendations`);
      await page.getByTestId('import-file').waitFor();
      await page.waitForTimeout(3000);
      await page.getByTestId('import-file').setInputFiles(file.path);
      await page.waitForFunction(() => performance.getEntriesByName('tsugi:recs-shown').length);
      importMs.push(await page.evaluate(sinceImport, 'tsugi:recs-shown'));
      const status = (await page.getByTestId('rec-status').textContent()) ?? '';
      foldInMs.push(Number(/fitted to the model in (\d+) ms/.exec(status)?.[1] ?? NaN));
      // Fine-tuning follows in the background (on by default): time it and its picks on screen.
      await page
        .locator('[data-testid="model-in-use"][data-kind="fine-tuned"]')
        .waitFor({ timeout: 120_000 });
      await page.waitForFunction(() => {
        const done = performance.getEntriesByName('tsugi:personalised')[0];
        return (
          done &&
          performance.getEntriesByName('tsugi:recs-shown').some((m) => m.startTime > done.startTime)
        );
      });
      fineTuneMs.push(
        await page.evaluate(
          () =>
            (performance.getEntriesByName('tsugi:personalised')[0] as PerformanceMark).detail
              .ms as number,
        ),
      );
      tunedShownMs.push(
        await page.evaluate(() => {
          const start = performance.getEntriesByName('tsugi:import-start')[0]!.startTime;
          const done = performance.getEntriesByName('tsugi:personalised')[0]!.startTime;
          const shown = performance
            .getEntriesByName('tsugi:recs-shown')
            .find((m) => m.startTime > done)!;
          return shown.startTime - start;
        }),
      );
      itemKnnBuildMs.push((await page.evaluate(storedItemKnnBuildMs)) ?? NaN);
      if (run > 0) {
        const before = await page.evaluate(() => performance.getEntriesByName('tsugi:rank').length);
        await page.getByTestId('settings-toggle').click();
        frameMs.push(...(await page.evaluate(moveSliders)));
        rankMs.push(
          ...(await page.evaluate(
            (from) =>
              performance
                .getEntriesByName('tsugi:rank')
                .slice(from)
                .map((m) => m.duration),
            before,
          )),
        );
      }
      console.log(
        `run ${run}: import → recommendations ${importMs.at(-1)!.toFixed(0)} ms; fine-tune ` +
          `${fineTuneMs.at(-1)!.toFixed(0)} ms, import → fine-tuned recommendations ${tunedShownMs.at(-1)!.toFixed(0)} ms`,
      );
      await context.close();
      coldStartMs.push(await coldStart(browser, server.url));
    }
  } finally {
    await browser.close();
    server.stop();
  }
  // The first run pays for compiling the page's code paths; it is reported but not in the median.
  const result = {
    entries: file.entries,
    firstRunImportToRecsMs: Math.round(importMs[0]!),
    importToRecsMs: Math.round(median(importMs.slice(1))),
    importToRecsRangeMs: [
      Math.round(Math.min(...importMs.slice(1))),
      Math.round(Math.max(...importMs.slice(1))),
    ],
    foldInMs: Math.round(median(foldInMs.slice(1))),
    fineTuneMs: Math.round(median(fineTuneMs.slice(1))),
    importToFineTunedRecsMs: Math.round(median(tunedShownMs.slice(1))),
    coldStartFirstRatingToRecsMs: Math.round(median(coldStartMs.slice(1))),
    rerankMs: Number(median(rankMs).toFixed(2)),
    rerankP90Ms: Number(
      [...rankMs].sort((a, b) => a - b)[Math.floor(rankMs.length * 0.9)]!.toFixed(2),
    ),
    inputToFrameMs: Number(median(frameMs).toFixed(1)),
    itemKnnBuildMs: Math.round(median(itemKnnBuildMs)),
    reranks: rankMs.length,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  printTable([result], stampIf(values.markdown));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/recs.json', JSON.stringify(result, null, 2) + '\n');
}

/** Milliseconds from the import's start mark to the first mark named `name` after it. */
function sinceImport(name: string): number {
  const start = performance.getEntriesByName('tsugi:import-start')[0]!.startTime;
  return performance.getEntriesByName(name).find((m) => m.startTime > start)!.startTime - start;
}

/** A fresh profile rates its first title on the cold-start grid: → first recommendations. */
async function coldStart(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}/recommendations`);
  const score = page.getByTestId('rate-item').first().getByTestId('rate-score');
  await score.waitFor();
  await page.waitForTimeout(3000);
  const started = await page.evaluate(() => performance.now());
  await score.selectOption('9');
  await page.waitForFunction(() => performance.getEntriesByName('tsugi:recs-shown').length);
  const shown = await page.evaluate(
    () => performance.getEntriesByName('tsugi:recs-shown')[0]!.startTime,
  );
  await context.close();
  return shown - started;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
