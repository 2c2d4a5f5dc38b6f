/**
 * Writes docs/screenshot.png: For you after importing a list, over a synthetic shard with invented
 * titles (tests/fixtures/generated-shard.ts). The real data has no licence, so nothing in the
 * picture may come from it: the page is built as usual, but the browser is served the synthetic
 * shard from a temporary folder instead of static/data.
 *
 *   npx tsx scripts/screenshot.ts [--skip-build]
 *
 * Builds into build-screenshot/ (TSUGI_OUT=screenshot) and serves it on TSUGI_SCREENSHOT_PORT
 * (default 4184). The brand's 次 needs a CJK font in the system (Debian: fonts-droid-fallback).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { encodeShard } from '../src/lib/data/shard-codec';
import type { Shard } from '../src/lib/data/shard-types';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium';
import {
  generatedAnime,
  generatedShard,
  withShippedModel,
} from '../tests/fixtures/generated-shard';
import { malXml } from '../tests/fixtures/test-lists';
import { writeShard } from './shard/write-shard';

const OUT = 'docs/screenshot.png';
const PORT = Number(process.env.TSUGI_SCREENSHOT_PORT ?? 4184);
const env = { ...process.env, TSUGI_OUT: 'screenshot' };

const OPTIONS = { franchisesPerTaste: 16, usersPerTaste: 60, seed: 11 };

/** The synthetic shard and its manifest, in a temporary folder served in place of /data/. */
async function syntheticData(shard: Shard): Promise<string> {
  const { bytes, sizes } = encodeShard(shard, (raw) => deflateRawSync(raw, { level: 9 }));
  const dir = mkdtempSync(join(tmpdir(), 'tsugi-screenshot-'));
  await writeShard(
    dir,
    { shard, bytes, sizes, tables: [], ratingRowsRead: 0, ratingCsvBytes: 0, bangumi: null },
    'synthetic',
  );
  return dir;
}

/**
 * A list long enough (30 titles) for For you to open on its picks: the first two seasons of most
 * of the first taste's franchises, and one dropped show of the other taste.
 */
function syntheticList(shard: Shard): string {
  const entry = (index: number) => ({
    id: shard.catalogue.malId[index]!,
    title: shard.catalogue.title[index]!,
  });
  const loved = Array.from({ length: 15 }, (_, f) =>
    [0, 1].map((season) => ({
      ...entry(generatedAnime(OPTIONS, 0, f, season)),
      score: 10 - ((f + season) % 4),
    })),
  ).flat();
  const dropped = { ...entry(generatedAnime(OPTIONS, 1, 0, 0)), status: 'Dropped' };
  return malXml([...loved, dropped]);
}

async function waitForServer(url: string): Promise<void> {
  for (let tries = 0; tries < 120; tries++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer`);
}

async function main(): Promise<void> {
  const shard = await withShippedModel(generatedShard(OPTIONS), 16, 20);
  const data = await syntheticData(shard);
  const listPath = join(data, 'animelist.xml');
  writeFileSync(listPath, syntheticList(shard));
  if (!process.argv.includes('--skip-build')) {
    const build = spawnSync('npx', ['vite', 'build'], { env, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('vite build failed');
  }
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'];
  const server: ChildProcess = spawn('npx', args, { env, stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitForServer(base);
    const context = await browser.newContext({
      serviceWorkers: 'block',
      viewport: { width: 1280, height: 900 },
      colorScheme: 'light',
    });
    const manifest = readFileSync(join(data, 'shard.json'));
    const file = (JSON.parse(manifest.toString()) as { file: string }).file;
    await context.route(/\/data\/shard\.json$/, (route) =>
      route.fulfill({ body: manifest, contentType: 'application/json' }),
    );
    await context.route(/\/data\/shard\.[0-9a-f]+\.bin$/, (route) =>
      route.fulfill({
        body: readFileSync(join(data, file)),
        contentType: 'application/octet-stream',
      }),
    );
    const page = await context.newPage();
    await page.goto(`${base}/recommendations`);
    await page.getByTestId('import-file').setInputFiles(listPath);
    const cards = page.getByTestId('recommendations').getByTestId('anime-card');
    await cards.nth(3).waitFor({ timeout: 60_000 });
    // Let the background fine-tune finish and store its model; a reload then opens For you on
    // the recommendations, as a returning visitor sees it.
    await page.waitForTimeout(5000);
    await page.reload();
    await cards.nth(3).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000);
    await page.screenshot({ path: OUT });
    console.log(`${OUT}: ${statSync(OUT).size} bytes`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

await main();
