/**
 * npm run bench:train [-- --backends wasm,cpu,webgpu,webgl --epochs N]
 * Trains NCF in headless Chromium on the built site with the real shard, once per backend,
 * through the /model page (the worker, the fused TF.js kernel), holding out 20% of users and
 * stopping when Recall@20 (on 200 test users) has not improved for 3 epochs. Prints examples/s,
 * time per epoch and training time until the best Recall@20 (evaluation time excluded).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { launchChromium, median, startPreview } from './bench/browser';

interface Summary {
  backend: { name: string; reason: string };
  epochs: { epoch: number; ms: number; examplesPerSecond: number; recall?: number }[];
  examplesPerSecond: number;
  trainMs: number;
  best?: { epoch: number; recall: number; trainMs: number };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backends: { type: 'string', default: 'wasm,cpu,webgpu,webgl' },
      epochs: { type: 'string', default: '40' },
    },
  });
  const server = await startPreview(4181);
  const browser = await launchChromium();
  const rows: Record<string, unknown>[] = [];
  try {
    for (const backend of values.backends.split(',')) {
      const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await page.goto(`${server.url}/model`);
      await page.getByTestId('backend').selectOption(backend);
      await page.getByTestId('epochs').fill(values.epochs);
      // Held-out Recall@20 per epoch (off by default on the page) and stop at the plateau.
      await page.getByTestId('holdout').check();
      await page.getByTestId('train').click();
      await page.waitForFunction(
        () => performance.getEntriesByName('tsugi:training-done').length > 0,
        null,
        { timeout: 0, polling: 500 },
      );
      const summary = (await page.evaluate(
        () =>
          (performance.getEntriesByName('tsugi:training-done')[0] as unknown as { detail: unknown })
            .detail,
      )) as Summary;
      await page.context().close();
      rows.push(rowOf(backend, summary));
      console.log(`RESULT ${JSON.stringify(rows.at(-1))}`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  console.table(rows);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/train.json', JSON.stringify(rows, null, 2) + '\n');
}

function rowOf(requested: string, s: Summary): Record<string, unknown> {
  return {
    requested,
    backend: s.backend.name,
    epochs: s.epochs.length,
    'examples/s': Math.round(s.examplesPerSecond),
    'epoch ms (median)': Math.round(median(s.epochs.map((e) => e.ms))),
    'best Recall@20': s.best ? Number(s.best.recall.toFixed(3)) : null,
    'best at epoch': s.best?.epoch ?? null,
    'train s to best': s.best ? Number((s.best.trainMs / 1000).toFixed(1)) : null,
  };
}

main().catch((error: unknown) => {
  console.error(`bench:train: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
