/**
 * The smoke steps, written once for every engine: first visit, For you by its address right after
 * another page (the sequence Firefox's back-forward cache used to break), a real export imported,
 * cards with reasons, back and forward, an anime page, Your list's export re-imported to the same
 * entries, a reload with the server gone, and a two-epoch training run whose label says what
 * computed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, waitUntil, type EngineName, type SmokeDriver } from './driver';
import type { SiteServer } from './server';

/** What each engine's Automatic training must say it ran on (facts about these builds). */
export const EXPECTED_KERNEL: Record<EngineName, RegExp> = {
  chromium: /^Backend: wasm \(.*WASM SIMD kernel, \d+ threads\)/,
  firefox: /^Backend: wasm \(.*WASM SIMD kernel, \d+ threads\)/,
  // WebKitGTK shares WebAssembly memory with no worker: one SIMD thread, and it says why.
  webkit:
    /^Backend: wasm \(.*WASM SIMD kernel, 1 thread: this browser cannot share memory with workers\)/,
};

const q = (selector: string) => JSON.stringify(selector);
const count = (selector: string) => `document.querySelectorAll(${q(selector)}).length`;
const text = (selector: string) => `(document.querySelector(${q(selector)})?.textContent ?? '')`;
const CARDS = '[data-testid="recommendations"] [data-testid="anime-card"]';

export interface Step {
  name: string;
  /** Resolves to what the step saw of the engine, where that is worth printing. */
  run(driver: SmokeDriver, site: SiteServer, state: SmokeState): Promise<string | void>;
}

export interface SmokeState {
  listFile: string;
  entries: number;
}

async function noPageErrors(driver: SmokeDriver, where: string) {
  const errors = await driver.pageErrors();
  check(driver, errors.length === 0, `${where}: the page threw ${errors.join(' | ')}`);
}

async function recommendationCards(driver: SmokeDriver) {
  await waitUntil(driver, `${count(CARDS)} >= 10`, 'For you shows at least 10 cards', 90_000);
  await waitUntil(
    driver,
    `[...document.querySelectorAll('[data-testid="why"] li')].some((li) => li.textContent.trim())`,
    'a card gives a reason',
  );
}

export const STEPS: Step[] = [
  {
    name: 'first visit: catalogue, dataset and service worker',
    async run(driver, site) {
      await driver.goto(`${site.origin}/`);
      await waitUntil(driver, `${count('[data-testid="anime-card"]')} > 0`, 'catalogue cards');
      await waitUntil(driver, count('[data-testid="offline-ready"]'), '"Available offline"');
      await waitUntil(driver, 'navigator.serviceWorker.controller !== null', 'the service worker');
      await noPageErrors(driver, 'first visit');
      return driver.run<string>(`[
        'cross-origin isolated ' + crossOriginIsolated,
        'SharedArrayBuffer ' + typeof SharedArrayBuffer,
        'DecompressionStream ' + typeof DecompressionStream,
        'storage.persist ' + typeof navigator.storage?.persist,
      ].join(', ')`);
    },
  },
  {
    name: 'For you by its address: import a real export, cards with reasons',
    async run(driver, site, state) {
      await driver.goto(`${site.origin}/recommendations`);
      await waitUntil(driver, count('[data-testid="import-file"]'), 'the import control');
      await driver.upload('[data-testid="import-file"]', state.listFile);
      const read = await waitUntil<string>(
        driver,
        `${text('[data-testid="report-entries"]')}`,
        'the import report',
      );
      state.entries = Number(read);
      check(driver, state.entries > 0, `the report read ${read} entries`);
      await recommendationCards(driver);
      await noPageErrors(driver, 'For you');
      return driver.run<string>(`(async () => [
        'storage persisted ' + (await navigator.storage?.persisted?.()),
        'keep-list advice ' + (document.querySelector('[data-testid="keep-list-advice"]') ? 'shown' : 'not shown'),
      ].join(', '))()`);
    },
  },
  {
    name: 'back and forward: For you comes back with its cards',
    async run(driver) {
      await driver.back();
      await waitUntil(driver, `location.pathname === '/'`, 'back on the catalogue');
      await waitUntil(driver, `${count('[data-testid="anime-card"]')} > 0`, 'catalogue cards');
      await driver.forward();
      await waitUntil(driver, `location.pathname === '/recommendations'`, 'forward on For you');
      await recommendationCards(driver);
    },
  },
  {
    name: 'an anime page from a card',
    async run(driver) {
      const title = await driver.run<string>(`${text(`${CARDS} .title`)}.trim()`);
      await driver.click(CARDS);
      await waitUntil(driver, `location.pathname === '/anime'`, 'the anime page');
      await waitUntil(
        driver,
        `${text('[data-testid="anime-detail"]')}.includes(${q(title)})`,
        `the anime page names "${title}"`,
      );
      await noPageErrors(driver, 'the anime page');
    },
  },
  {
    name: "Your list's export re-imports to the same entries",
    async run(driver, site, state) {
      await driver.goto(`${site.origin}/library`);
      await waitUntil(driver, count('[data-testid="library-row"]'), 'the rows of Your list');
      // The download itself is the browser's; what the app made is the blob it hands over.
      await driver.run(`(() => {
        const make = URL.createObjectURL;
        URL.createObjectURL = (blob) => ((window.__smokeExport = blob), make.call(URL, blob));
      })()`);
      await driver.click('[data-testid="export"]');
      await waitUntil(
        driver,
        `${text('[data-testid="export-note"]')}.includes('Exported ${state.entries} entries.')`,
        `"Exported ${state.entries} entries."`,
      );
      const exported = await driver.run<string>('window.__smokeExport.text()');
      const animeCount = exported.split('<anime>').length - 1;
      check(driver, animeCount === state.entries, `the export holds ${animeCount} <anime>`);
      const file = join(mkdtempSync(join(tmpdir(), 'tsugi-smoke-')), 'export.xml');
      writeFileSync(file, exported);
      await driver.goto(`${site.origin}/recommendations`);
      await waitUntil(driver, count('[data-testid="mode-merge"]'), 'the merge choice');
      await driver.click('[data-testid="mode-merge"]');
      await driver.upload('[data-testid="import-file"]', file);
      await waitUntil(
        driver,
        `${text('[data-testid="import-report"]')}.includes('export.xml') && ` +
          `${text('[data-testid="import-report"]')}.includes('(0 new, 0 updated, ${state.entries} unchanged)')`,
        `re-importing the export leaves ${state.entries} entries unchanged`,
      );
    },
  },
  {
    name: 'offline: reload Your list with the server gone',
    async run(driver, site, state) {
      await driver.goto(`${site.origin}/library`);
      await waitUntil(driver, count('[data-testid="library-row"]'), 'the rows of Your list');
      await site.stop();
      try {
        await driver.reload();
        await waitUntil(
          driver,
          `${text('[data-testid="library-caption"]')}.endsWith(' of ${state.entries} entries')`,
          `Your list, offline, counts ${state.entries} entries`,
        );
      } finally {
        await site.start();
      }
    },
  },
  {
    name: '/model: two epochs on Automatic, labelled with what computed',
    async run(driver, site) {
      await driver.goto(`${site.origin}/model`);
      await waitUntil(driver, count('[data-testid="train"]'), 'the train button');
      await driver.run(`(() => {
        const epochs = document.querySelector('[data-testid="epochs"]');
        epochs.value = '2';
        epochs.dispatchEvent(new Event('input', { bubbles: true }));
        const holdout = document.querySelector('[data-testid="holdout"]');
        if (holdout.checked) holdout.click();
      })()`);
      await driver.click('[data-testid="train"]');
      const summary = await waitUntil<string>(
        driver,
        text('[data-testid="training-summary"]'),
        'the training summary',
        150_000,
      );
      const label = summary.trim().replace(/\s+/g, ' ');
      check(driver, EXPECTED_KERNEL[driver.engine].test(label), `the label reads "${label}"`);
      const losses = await driver.run<number[]>(
        `[...document.querySelectorAll('[data-testid="epochs-table"] tbody tr td:nth-child(2)')].map((td) => Number(td.textContent))`,
      );
      check(driver, losses.length === 2, `${losses.length} epoch rows`);
      check(driver, losses[1]! < losses[0]!, `the loss went ${losses.join(' → ')}`);
      const notices = await driver.run<string[]>(
        `[...document.querySelectorAll('[data-testid="training-notice"]')].map((p) => p.textContent)`,
      );
      check(driver, !notices.some((n) => /failed/.test(n)), `a notice: ${notices.join(' | ')}`);
      await noPageErrors(driver, '/model');
      return label;
    },
  },
];
