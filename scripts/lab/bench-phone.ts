/**
 * npm run lab -- bench-phone [--runs 5 --rate 4 --entries 500] [--markdown]
 * The built app in headless Chromium at a phone's viewport, on this machine's CPU and on one
 * `--rate` times slower (every renderer process, workers included: bench/slow-cpu.ts), the two
 * alternating in the same run. Each run is a first visit in a fresh profile: For you opened by its
 * address; 3 s after the file input is usable (a person picking a file) a real MyAnimeList export
 * cut to `--entries` entries is chosen; then a return visit to For you; then, in another fresh
 * profile, an anime page opened by its address. Prints the median and range of each step.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import { launchChromium, median, startPreview } from './bench/browser';
import { cutExport } from './bench/export-cut';
import { browserPid, slowRenderers } from './bench/slow-cpu';

const ANIME_ID = 9253; // Steins;Gate
const PICK_FILE_MS = 3000;
const { defaultBrowserType: _, ...PHONE } = devices['Pixel 7'];

/** Records, in the page, when each watched element first appears (ms since navigation start). */
const WATCH_SCRIPT = `(() => {
  const watched = {
    importUsable: '[data-testid="import-file"]:not([disabled])',
    cards: '[data-testid="recommendations"] li',
    animeFacts: '[data-testid="anime-detail"] h1',
  };
  const seen = (window.__tsugiSeen = {});
  const look = () => {
    for (const [name, selector] of Object.entries(watched)) {
      if (!(name in seen) && document.querySelector(selector)) seen[name] = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface Visit {
  firstPaint: number;
  importUsable: number;
  datasetReady: number;
  fileToCards: number;
  visitToCards: number;
  fileToPersonalised: number;
  returnToCards: number;
  returnToFreshCards: number;
  animeFacts: number;
}

const STEPS: { key: keyof Visit; step: string; goal?: string }[] = [
  { key: 'firstPaint', step: 'first paint' },
  { key: 'importUsable', step: 'the import control usable', goal: '≤ 1 s' },
  { key: 'datasetReady', step: 'dataset ready', goal: '≤ 3 s' },
  { key: 'fileToCards', step: 'file chosen → first cards', goal: '≤ 1.5 s' },
  { key: 'visitToCards', step: 'first visit → first cards (file chosen as above)' },
  { key: 'fileToPersonalised', step: 'file chosen → personalised cards' },
  { key: 'returnToCards', step: 'return visit → cards', goal: '≤ 1 s' },
  { key: 'returnToFreshCards', step: 'return visit → fresh cards' },
  { key: 'animeFacts', step: "an anime page's first content" },
];

async function phoneContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(WATCH_SCRIPT);
  return { context, page: await context.newPage() };
}

type Watched = { __tsugiSeen: Record<string, number> };

/** Resolves once the watch script saw `name` (see WATCH_SCRIPT). */
const waitToSee = (page: Page, name: string) =>
  page.waitForFunction((key) => key in (window as unknown as Watched).__tsugiSeen, name, {
    timeout: 120_000,
    polling: 100,
  });

const seenAt = (page: Page, name: string) =>
  page.evaluate((key) => (window as unknown as Watched).__tsugiSeen[key]!, name);

const markAt = (page: Page, name: string) =>
  page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, name);

async function firstVisit(browser: Browser, url: string, file: string): Promise<Visit> {
  const { context, page } = await phoneContext(browser);
  try {
    await page.goto(`${url}/recommendations`, { waitUntil: 'commit' });
    await waitToSee(page, 'importUsable');
    // Usable once it is on the page and the page is hydrated (its change handler attached).
    // (Builds before the mark rendered the input only once the dataset was ready.)
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('tsugi:hydrated').length ||
        performance.getEntriesByName('tsugi:shard-ready').length,
    );
    const importUsable = Math.max(
      await seenAt(page, 'importUsable'),
      await page.evaluate(() => performance.getEntriesByName('tsugi:hydrated')[0]?.startTime ?? 0),
    );
    await page.waitForTimeout(PICK_FILE_MS);
    await page.getByTestId('import-file').setInputFiles(file);
    await page.waitForFunction(
      () => {
        const done = performance.getEntriesByName('tsugi:personalised')[0];
        return (
          done &&
          performance.getEntriesByName('tsugi:recs-shown').some((m) => m.startTime > done.startTime)
        );
      },
      null,
      { timeout: 180_000, polling: 100 },
    );
    const marks = await page.evaluate(() => {
      // From the choice, a wait for the dataset included (builds before the mark: the import).
      const start = (
        performance.getEntriesByName('tsugi:file-chosen')[0] ??
        performance.getEntriesByName('tsugi:import-start')[0]!
      ).startTime;
      const done = performance.getEntriesByName('tsugi:personalised')[0]!.startTime;
      const shown = performance.getEntriesByName('tsugi:recs-shown');
      return {
        firstPaint:
          performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
        fileToCards: shown.find((m) => m.startTime > start)!.startTime - start,
        visitToCards: shown.find((m) => m.startTime > start)!.startTime,
        fileToPersonalised: shown.find((m) => m.startTime > done)!.startTime - start,
      };
    });
    const datasetReady = await markAt(page, 'tsugi:shard-ready');
    // The service worker holds the site before the return visit, as it would after a first visit.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.goto('about:blank');
    await page.goto(`${url}/recommendations`, { waitUntil: 'commit' });
    await waitToSee(page, 'cards');
    const returnToCards = await seenAt(page, 'cards');
    await page.waitForFunction(
      () => performance.getEntriesByName('tsugi:recs-shown').length,
      null,
      {
        timeout: 120_000,
        polling: 100,
      },
    );
    const returnToFreshCards = await markAt(page, 'tsugi:recs-shown');
    return {
      ...marks,
      importUsable,
      datasetReady,
      returnToCards,
      returnToFreshCards,
      animeFacts: Number.NaN,
    };
  } finally {
    await context.close();
  }
}

async function animePage(browser: Browser, url: string): Promise<number> {
  const { context, page } = await phoneContext(browser);
  try {
    await page.goto(`${url}/anime?id=${ANIME_ID}`, { waitUntil: 'commit' });
    await waitToSee(page, 'animeFacts');
    return await seenAt(page, 'animeFacts');
  } finally {
    await context.close();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function summary(values: number[]): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return '–';
  return `${seconds(median(finite))} (${seconds(Math.min(...finite))}–${seconds(Math.max(...finite))})`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean' },
      runs: { type: 'string', default: '5' },
      rate: { type: 'string', default: '4' },
      entries: { type: 'string', default: '500' },
      port: { type: 'string', default: '4183' },
    },
  });
  const rate = Number(values.rate);
  const file = cutExport(Number(values.entries));
  const server = await startPreview(Number(values.port));
  const marker = `--tsugi-bench-phone=${process.pid}`;
  const browser = await launchChromium([marker]);
  const visits: Record<'plain' | 'slow', Visit[]> = { plain: [], slow: [] };
  try {
    const pid = browserPid(marker);
    for (let run = 0; run < Number(values.runs); run++) {
      for (const mode of ['plain', 'slow'] as const) {
        const stop = slowRenderers(pid, mode === 'slow' ? rate : 1);
        try {
          const visit = await firstVisit(browser, server.url, file.path);
          visit.animeFacts = await animePage(browser, server.url);
          visits[mode].push(visit);
          console.log(
            `run ${run} ${mode === 'slow' ? `${rate}× slower` : 'this CPU'}: ` +
              STEPS.map((s) => `${s.step} ${seconds(visit[s.key])}`).join('; '),
          );
        } finally {
          stop();
        }
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const rows = STEPS.map(({ key, step, goal }) => ({
    step,
    'this CPU': summary(visits.plain.map((v) => v[key])),
    [`${rate}× slower`]: summary(visits.slow.map((v) => v[key])),
    [`goal at ${rate}×`]: goal ?? '',
  }));
  console.log(`${file.entries}-entry export, ${values.runs} runs each, median (range):`);
  printTable(rows, stampIf(values.markdown));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/phone.json', JSON.stringify({ rate, visits }, null, 2) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
