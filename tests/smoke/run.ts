/**
 * The smoke suite in Chromium, Firefox and WebKitGTK: the same steps (steps.ts) in each engine,
 * against the built site (build-test) on a real static server. Prints each step's and each
 * engine's time; exits non-zero when a step fails in any engine.
 *
 *   tsx tests/smoke/run.ts [--engines chromium,firefox,webkit] [--repeat N] [--steps N]
 *     [--side-by-side]
 *
 * Each engine runs against its own server (its own origin, stopped by its own offline step), one
 * after the other; `--side-by-side` runs them at once (on 2 cores the whole took as long: 130.7 s
 * side by side in a fresh-clone .ci/run against 129 s one after the other before).
 * `--steps 3 --repeat 10 --engines firefox` repeats the sequence Firefox's back-forward cache
 * used to break (first visit, For you by its address, back and forward).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { realExports } from '../support/exports';
import type { EngineName } from './driver';
import { launch } from './engines';
import { SiteServer } from './server';
import { STEPS, type SmokeState } from './steps';

const ENGINES: EngineName[] = ['chromium', 'firefox', 'webkit'];

if (!existsSync('build-test/index.html')) {
  console.error(
    'smoke: build-test/ is missing: `npm run test:e2e` builds it (or `TSUGI_OUT=test npx vite build`)',
  );
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    engines: { type: 'string', default: ENGINES.join(',') },
    repeat: { type: 'string', default: '1' },
    steps: { type: 'string', default: String(STEPS.length) },
    port: { type: 'string', default: process.env.TSUGI_SMOKE_PORT ?? '4181' },
    'side-by-side': { type: 'boolean', default: false },
  },
});
const engines = values.engines.split(',').map((name) => {
  if (!ENGINES.includes(name as EngineName))
    throw new Error(`unknown engine "${name}": choose from ${ENGINES.join(', ')}`);
  return name as EngineName;
});
const repeat = Number(values.repeat);
const steps = STEPS.slice(0, Number(values.steps));
const port = Number(values.port);
// The compressed export: each engine inflates it on its own path.
const listFile = realExports().find((e) => e.name.endsWith('.gz'))?.path ?? realExports()[0]!.path;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function runEngine(
  engine: EngineName,
  site: SiteServer,
  driverPort: number,
): Promise<string | null> {
  const driver = await launch(engine, driverPort);
  const state: SmokeState = { listFile, entries: 0 };
  try {
    for (const step of steps) {
      const started = Date.now();
      const seen = await step.run(driver, site, state);
      console.log(`  ${engine}: ${step.name} (${seconds(Date.now() - started)})`);
      if (seen) console.log(`    ${seen}`);
    }
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await driver.close().catch(() => {});
  }
}

const failures: string[] = [];
const times: string[] = [];

/** Every round of one engine against its own server on `sitePort`. */
async function runRounds(engine: EngineName, sitePort: number): Promise<void> {
  const site = new SiteServer(sitePort);
  await site.start();
  try {
    for (let round = 1; round <= repeat; round++) {
      const started = Date.now();
      const failure = await runEngine(engine, site, sitePort + 1);
      const took = seconds(Date.now() - started);
      const label = repeat > 1 ? `${engine} run ${round}/${repeat}` : engine;
      console.log(`${failure ? 'FAILED' : 'passed'} ${label} in ${took}`);
      times.push(`${label} ${took}`);
      if (failure) {
        console.error(`  ${failure}`);
        failures.push(`${label}: ${failure}`);
      }
    }
  } finally {
    await site.stop();
  }
}

const started = Date.now();
const legs = engines.map((engine, i) => () => runRounds(engine, port + 2 * i));
if (values['side-by-side']) await Promise.all(legs.map((leg) => leg()));
else for (const leg of legs) await leg();
times.push(`all ${seconds(Date.now() - started)}`);
console.log(`smoke: ${times.join(', ')}`);
if (failures.length > 0) {
  console.error(`smoke: ${failures.length} failed`);
  process.exit(1);
}
