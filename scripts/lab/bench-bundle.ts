/**
 * npm run lab -- bench-bundle [--markdown]
 * The JavaScript each page loads on a first visit (the page's own scripts, as its resource timing
 * lists them, not the worker's), gzipped at level 9 from build/, beside the worker's entry: TF.js
 * loads only inside the worker, so the pages stay small.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import { launchChromium, startPreview } from './bench/browser';

const ROUTES = ['/', '/recommendations', '/model', '/library'];

const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { markdown: { type: 'boolean' } } });
  const server = await startPreview(4183);
  const browser = await launchChromium();
  const rows: Record<string, string | number>[] = [];
  try {
    for (const route of ROUTES) {
      const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
      await page.goto(`${server.url}${route}`, { waitUntil: 'networkidle' });
      const urls = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((name) => new URL(name).pathname.endsWith('.js')),
      );
      const files = urls
        .map((url) => new URL(url).pathname)
        .filter((path) => !path.includes('/workers/'));
      const raw = files.reduce((sum, path) => sum + readFileSync(join('build', path)).length, 0);
      const gz = files.reduce((sum, path) => sum + gzipped(join('build', path)), 0);
      rows.push({ page: route, files: files.length, raw: kib(raw), gzipped: kib(gz) });
      await page.context().close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const workerDir = 'build/_app/immutable/workers';
  for (const file of readdirSync(workerDir).filter((f) => f.endsWith('.js'))) {
    const path = join(workerDir, file);
    rows.push({
      page: `worker ${file}`,
      files: 1,
      raw: kib(readFileSync(path).length),
      gzipped: kib(gzipped(path)),
    });
  }
  console.log(`RESULT ${JSON.stringify(rows)}`);
  printTable(rows, stampIf(values.markdown));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
