/**
 * npm run lab -- bench-decode [--runs N] [--markdown]
 * Loads the built site in headless Chromium N times, each in a fresh browser context (a first
 * visit: cold JIT, empty caches), and reads the app's own `tsugi:shard-ready` mark: the worker's
 * decode time (CRC-32 validation, inflating every section, building the catalogue and CSR arrays)
 * and the page's wait from asking the worker to a searchable catalogue (download included).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import type { ShardManifest } from '../../src/lib/data/manifest';
import { launchChromium, median, startPreview } from './bench/browser';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '7' }, markdown: { type: 'boolean' } },
  });
  const runs = Number(values.runs);
  const manifest = JSON.parse(readFileSync('build/data/shard.json', 'utf8')) as ShardManifest;
  const server = await startPreview(4180);
  const browser = await launchChromium();
  const decode: number[] = [];
  const ready: number[] = [];
  const load: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(server.url);
      await page.getByTestId('anime-card').first().waitFor({ timeout: 30_000 });
      load.push(Date.now() - started);
      const mark = await page.evaluate(
        () =>
          (performance.getEntriesByName('tsugi:shard-ready')[0] as unknown as { detail: unknown })
            .detail as {
            decodeMs: number;
            readyMs: number;
          },
      );
      decode.push(mark.decodeMs);
      ready.push(mark.readyMs);
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const result = {
    shardBytes: manifest.bytes,
    entries: manifest.entries,
    anime: manifest.anime,
    runs,
    decodeMsMedian: round(median(decode)),
    decodeMsMin: round(Math.min(...decode)),
    decodeMsMax: round(Math.max(...decode)),
    readyMsMedian: round(median(ready)),
    firstCardMsMedian: round(median(load)),
    browser: 'chromium (headless)',
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  const figures = {
    'shard on the wire (KiB)': (manifest.bytes / 1024).toFixed(0),
    'decode, median of runs (ms)': result.decodeMsMedian,
    'decode, min–max (ms)': `${result.decodeMsMin}–${result.decodeMsMax}`,
    'worker asked → catalogue searchable, median (ms)': result.readyMsMedian,
    'page open → first card, median (ms)': result.firstCardMsMedian,
  };
  printTable(
    Object.entries(figures).map(([measure, value]) => ({ measure, value })),
    stampIf(values.markdown),
  );
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/decode.json', JSON.stringify(result, null, 2) + '\n');
}

const round = (n: number) => Math.round(n * 10) / 10;

main().catch((error: unknown) => {
  console.error(`bench-decode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
