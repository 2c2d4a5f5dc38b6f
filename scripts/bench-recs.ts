/**
 * npm run bench:recs [-- --runs 7 --entries 500 --epochs 10]
 * In headless Chromium on the built site: trains the model once (/model, WASM), then, on a page
 * with no stored list, imports a real MyAnimeList export cut to `--entries` entries and times
 * the file choice → first recommendations on screen (parse, match, store, fold-in, all signals,
 * ranking, render). Then moves the blend and niche sliders and times each full re-rank of the
 * catalogue, and each input → next frame. Also reports how long the worker took to build the
 * item-kNN similarities (once per dataset, while idle, then stored).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { realExports } from '../tests/support/exports';
import { launchChromium, median, startPreview } from './bench/browser';
import { forgetList, moveSliders, storedItemKnnBuildMs } from './bench/in-page';

function cutExport(entries: number): { path: string; entries: number } {
  const largest = realExports().sort((a, b) => b.entries - a.entries)[0];
  if (!largest) throw new Error('No MyAnimeList exports found in ../shared/data/mal-exports.');
  const xml = readFileSync(largest.path, 'utf8');
  const blocks = xml.split(/(?=<anime>)/);
  const kept = blocks.slice(1, entries + 1).map((b) => b.replace(/<\/myanimelist>\s*$/, ''));
  const path = join(tmpdir(), `tsugi-bench-${entries}.xml`);
  writeFileSync(path, blocks[0] + kept.join('') + '</myanimelist>\n');
  return { path, entries: kept.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      entries: { type: 'string', default: '500' },
      epochs: { type: 'string', default: '10' },
    },
  });
  const file = cutExport(Number(values.entries));
  const server = await startPreview(4182);
  const browser = await launchChromium();
  const importMs: number[] = [];
  const foldInMs: number[] = [];
  const rankMs: number[] = [];
  const frameMs: number[] = [];
  let itemKnnBuildMs: number | null;
  try {
    const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
    await page.goto(`${server.url}/model`);
    await page.getByTestId('backend').selectOption('wasm');
    await page.getByTestId('epochs').fill(values.epochs);
    await page.getByTestId('holdout').uncheck();
    await page.getByTestId('train').click();
    await page.waitForFunction(
      () => performance.getEntriesByName('tsugi:training-done').length,
      null,
      {
        timeout: 0,
        polling: 500,
      },
    );
    // The worker builds item-kNN once per dataset while idle after loading it, and stores it.
    await page.waitForFunction(storedItemKnnBuildMs, null, { timeout: 60_000, polling: 500 });
    itemKnnBuildMs = await page.evaluate(storedItemKnnBuildMs);
    for (let run = 0; run < Number(values.runs); run++) {
      await page.evaluate(forgetList);
      await page.goto(`${server.url}/recommendations`);
      await page.getByTestId('import-file').waitFor();
      // Let the worker finish its warm-up (indices built after the dataset loads), as a user would.
      await page.waitForTimeout(3000);
      await page.getByTestId('import-file').setInputFiles(file.path);
      await page.waitForFunction(() => {
        const start = performance.getEntriesByName('tsugi:import-start')[0];
        return performance
          .getEntriesByName('tsugi:recs-shown')
          .some((m) => start && m.startTime > start.startTime);
      });
      importMs.push(
        await page.evaluate(() => {
          const start = performance.getEntriesByName('tsugi:import-start')[0]!.startTime;
          const shown = performance
            .getEntriesByName('tsugi:recs-shown')
            .find((m) => m.startTime > start)!;
          return shown.startTime - start;
        }),
      );
      const status = (await page.getByTestId('rec-status').textContent()) ?? '';
      foldInMs.push(Number(/fitted to the model in (\d+) ms/.exec(status)?.[1] ?? NaN));
      if (run === 0) continue;
      frameMs.push(...(await page.evaluate(moveSliders)));
      rankMs.push(
        ...(await page.evaluate(() =>
          performance
            .getEntriesByName('tsugi:rank')
            .slice(1)
            .map((m) => m.duration),
        )),
      );
      console.log(`run ${run}: import → recommendations ${importMs.at(-1)!.toFixed(0)} ms`);
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
    rerankMs: Number(median(rankMs).toFixed(2)),
    rerankP90Ms: Number(
      [...rankMs].sort((a, b) => a - b)[Math.floor(rankMs.length * 0.9)]!.toFixed(2),
    ),
    inputToFrameMs: Number(median(frameMs).toFixed(1)),
    itemKnnBuildMs: itemKnnBuildMs === null ? null : Math.round(itemKnnBuildMs),
    reranks: rankMs.length,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  console.table([result]);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/recs.json', JSON.stringify(result, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
