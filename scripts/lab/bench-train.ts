/**
 * npm run lab -- bench-train [--backends wasm,wasm-1,webgpu --epochs 30 --plain-epochs 3 --stop]
 *   [--markdown]
 * Trains NCF in headless Chromium on the built site with the real shard, through the /model
 * page (the worker), holding out 20% of users and measuring Recall@20 (on 200 test users) after
 * every epoch. Prints examples/s, time per epoch, training time until the best Recall@20
 * (evaluation excluded), to the plateau (the first epoch within 0.005 of that best: the held-out
 * curve is flat and noisy there, so the best itself comes late), the mean Recall@20 of the last 5
 * epochs and the peak memory of the page's workers. In the same browser it also trains the plain
 * single-thread JavaScript loop (the `cpu` backend) for a few epochs before and after, and prints
 * each backend's speed as a multiple of that loop's: on a shared, noisy machine the ratio holds
 * better than the absolute figures. `wasm-1` is WASM in a page without cross-origin isolation
 * (the isolation headers removed), so the kernel has one thread: its Recall@20 is what the
 * threads' must match.
 * Every run trains all `--epochs`, so that backends are compared over the same epochs: near its
 * best the held-out curve still rises by about 0.001 an epoch, ±0.003 from one epoch to the next,
 * so where the page's stop rule (no better for 3 epochs) ends a run is partly chance: with it,
 * 2 threads once stopped after epoch 21 at 0.464 and one thread after 28 at 0.473; without it,
 * 0.472 and 0.473 over 30 epochs. The rule is replayed on each curve (its best and epoch are
 * printed); `--stop` turns it on in the page instead.
 * Serves build-$TSUGI_OUT (or build/) on $TSUGI_BENCH_PORT (4181).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import type { Browser, Page, Route } from '@playwright/test';
import { launchChromium, median, startPreview } from './bench/browser';
import { measureMemory } from './bench/in-page';

interface Summary {
  backend: { name: string; reason: string };
  epochs: { epoch: number; ms: number; trainMs: number; recall?: number }[];
  examplesPerSecond: number;
  trainMs: number;
  best?: { epoch: number; recall: number; trainMs: number };
}

interface Measured {
  summary: Summary;
  /** Peak bytes of the page's workers while it trained (null where it cannot be measured). */
  peakWorkers: number | null;
}

async function train(
  browser: Browser,
  url: string,
  backend: string,
  epochs: string,
  holdout: boolean,
  stop = true,
): Promise<Measured> {
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  try {
    if (backend.endsWith('-1')) await page.route('**/model', withoutIsolation);
    await page.goto(`${url}/model`);
    await page.getByTestId('backend').selectOption(backend.replace(/-1$/, ''));
    await page.getByTestId('epochs').fill(epochs);
    // Held-out Recall@20 per epoch (off by default on the page); the page's stop if asked.
    await page.getByTestId('holdout').setChecked(holdout);
    if (holdout) await page.getByTestId('stop-at-plateau').setChecked(stop);
    await page.getByTestId('train').click();
    const peakWorkers = await peakWhileTraining(page);
    const summary = (await page.evaluate(
      () =>
        (performance.getEntriesByName('tsugi:training-done')[0] as unknown as { detail: unknown })
          .detail,
    )) as Summary;
    return { summary, peakWorkers };
  } finally {
    await page.context().close();
  }
}

/** The page without COOP/COEP: no SharedArrayBuffer, so no helper threads. */
async function withoutIsolation(route: Route): Promise<void> {
  const response = await route.fetch();
  const headers = { ...response.headers() };
  delete headers['cross-origin-opener-policy'];
  delete headers['cross-origin-embedder-policy'];
  await route.fulfill({ response, headers });
}

/** Samples the workers' memory every second until training is done; the largest sample. */
async function peakWhileTraining(page: Page): Promise<number | null> {
  let peak: number | null = null;
  for (;;) {
    const done = await page.evaluate(
      () => performance.getEntriesByName('tsugi:training-done').length > 0,
    );
    if (done) return peak;
    const memory = await page.evaluate(measureMemory).catch(() => null);
    if (memory) peak = Math.max(peak ?? 0, memory.workers);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean' },
      backends: { type: 'string', default: 'wasm,webgpu' },
      epochs: { type: 'string', default: '30' },
      'plain-epochs': { type: 'string', default: '3' },
      stop: { type: 'boolean', default: false },
    },
  });
  const server = await startPreview(Number(process.env.TSUGI_BENCH_PORT ?? 4181));
  const browser = await launchChromium(['--enable-blink-features=ForceEagerMeasureMemory']);
  const rows: Record<string, unknown>[] = [];
  const plain: number[] = [];
  const plainLoop = async () => {
    const { summary } = await train(browser, server.url, 'cpu', values['plain-epochs'], false);
    plain.push(summary.examplesPerSecond);
    console.log(`plain loop: ${Math.round(summary.examplesPerSecond)} examples/s`);
  };
  try {
    await plainLoop();
    const measured: [string, Measured][] = [];
    for (const backend of values.backends.split(',')) {
      const { url } = server;
      measured.push([
        backend,
        await train(browser, url, backend, values.epochs, true, values.stop),
      ]);
    }
    await plainLoop();
    for (const [backend, m] of measured) {
      rows.push(rowOf(backend, m, median(plain)));
      console.log(`RESULT ${JSON.stringify(rows.at(-1))}`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  printTable(rows, stampIf(values.markdown));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/train.json', JSON.stringify(rows, null, 2) + '\n');
}

/** The model page's stop rule (patience 3), replayed on a curve. */
function stopRule(epochs: Summary['epochs']): { epoch: number; recall: number } | undefined {
  let best: { epoch: number; recall: number } | undefined;
  for (const { epoch, recall } of epochs) {
    if (recall === undefined) continue;
    if (!best || recall > best.recall) best = { epoch, recall };
    if (epoch - best.epoch >= 3) break;
  }
  return best;
}

function rowOf(requested: string, m: Measured, plain: number): Record<string, unknown> {
  const s = m.summary;
  const plateau = s.best && s.epochs.find((e) => (e.recall ?? 0) >= s.best!.recall - 0.005);
  const last = s.epochs.slice(-5).map((e) => e.recall ?? NaN);
  const stopped = stopRule(s.epochs);
  return {
    requested,
    computes: /; ([^;]*)$/.exec(s.backend.reason)?.[1] ?? s.backend.name,
    epochs: s.epochs.length,
    'examples/s': Math.round(s.examplesPerSecond),
    'plain loop examples/s': Math.round(plain),
    '× plain loop': Number((s.examplesPerSecond / plain).toFixed(2)),
    'epoch ms (median)': Math.round(median(s.epochs.map((e) => e.ms))),
    'best Recall@20': s.best ? Number(s.best.recall.toFixed(3)) : null,
    'best at epoch': s.best?.epoch ?? null,
    'train s to best': s.best ? Number((s.best.trainMs / 1000).toFixed(1)) : null,
    'train s to plateau': plateau ? Number((plateau.trainMs / 1000).toFixed(1)) : null,
    'plateau epoch': plateau?.epoch ?? null,
    'R@20 mean of last 5': Number((last.reduce((a, b) => a + b, 0) / last.length).toFixed(4)),
    'stop rule: best R@20 (epoch)': stopped
      ? `${stopped.recall.toFixed(3)} (${stopped.epoch})`
      : null,
    'peak worker MiB': m.peakWorkers === null ? null : Math.round(m.peakWorkers / 2 ** 20),
  };
}

main().catch((error: unknown) => {
  console.error(`bench-train: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
