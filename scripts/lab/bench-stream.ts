/**
 * npm run lab -- bench-stream [--rows N --gzip --min-entries N --max-entries N]
 *
 * Shows that the shard builder streams a huge rating table in bounded memory. It generates (or
 * reuses) a synthetic Kaggle animelist.csv of N rows (default 10M) in the temp folder, runs the
 * real builder on it as a child process and measures its wall time and peak RSS (a preloaded
 * hook writes the builder's own process.resourceUsage().maxRSS at exit). Per-pass rows/s come
 * from the builder's progress lines.
 * Prints a `RESULT {json}` line and a table, and writes bench-results/stream.json.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ShardManifest } from '../../src/lib/data/manifest';
import { generateAnimelist } from './bench/generate-animelist';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WORK = join(tmpdir(), 'tsugi-bench-stream');
/** Part of the cached table's folder name: bump it when the generator's output changes. */
const GENERATOR_VERSION = 1;

interface Options {
  rows: number;
  gzip: boolean;
  builderArgs: string[];
}

interface Table {
  dataDir: string;
  path: string;
  bytes: number;
  generatedSeconds: number | null;
}

interface TimedLine {
  ms: number;
  text: string;
}

interface BuilderRun {
  seconds: number;
  lines: TimedLine[];
  peakRssKiB: number | undefined;
}

interface PassFigure {
  pass: string;
  rowsPerSecond: number;
  /** When the pass ends, extrapolated from its last progress line (seconds after the start). */
  endsAt: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '10000000' },
      gzip: { type: 'boolean', default: false },
      'min-entries': { type: 'string' },
      'max-entries': { type: 'string' },
    },
  });
  const rows = Number(values.rows.replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 1)
    throw new Error(`--rows must be a positive whole number`);
  const builderArgs = (['min-entries', 'max-entries'] as const).flatMap((name) =>
    values[name] === undefined ? [] : [`--${name}`, values[name]],
  );
  return { rows, gzip: values.gzip, builderArgs };
}

/** The table for these options, generated unless a complete one from an earlier run is there. */
async function ensureTable(rows: number, gzip: boolean): Promise<Table> {
  const dataDir = join(WORK, `animelist-v${GENERATOR_VERSION}-${rows}${gzip ? '-gz' : ''}`);
  const path = join(dataDir, gzip ? 'animelist.csv.gz' : 'animelist.csv');
  let generatedSeconds: number | null = null;
  if (existsSync(path)) {
    console.log(`Reusing ${path}`);
  } else {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const started = performance.now();
    await generate(rows, path, gzip);
    generatedSeconds = (performance.now() - started) / 1000;
  }
  return { dataDir, path, bytes: (await stat(path)).size, generatedSeconds };
}

async function generate(rows: number, path: string, gzip: boolean): Promise<void> {
  console.log(`Generating ${rows.toLocaleString('en')} rows into ${path}`);
  let last = 0;
  await generateAnimelist({
    rows,
    path,
    gzip,
    onProgress(written) {
      if (Date.now() - last < 2000 && written < rows) return;
      last = Date.now();
      console.log(
        `  ${(written / 1e6).toFixed(1)}M rows (${((100 * written) / rows).toFixed(0)}%)`,
      );
    },
  });
}

/** The builder runs with a preloaded hook that writes its peak RSS (KiB) when it exits. */
async function peakRssProbe(): Promise<{
  method: string;
  command: string[];
  read(): Promise<number | undefined>;
}> {
  const out = join(WORK, 'peak-rss.txt');
  await rm(out, { force: true });
  const hook = join(WORK, 'peak-rss-hook.mjs');
  const code =
    `import { writeFileSync } from 'node:fs';\n` +
    `process.on('exit', () => writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`;
  await writeFile(hook, code);
  const command = [process.execPath, '--import', pathToFileURL(hook).href];
  return { method: 'resourceUsage().maxRSS at exit', command, read: () => readKiB(out) };
}

/** The number the hook wrote, if any. */
async function readKiB(path: string): Promise<number | undefined> {
  if (!existsSync(path)) return undefined;
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  const kib = Number(lines.at(-1));
  return Number.isFinite(kib) && kib > 0 ? kib : undefined;
}

async function runBuilder(
  table: Table,
  outDir: string,
  options: Options,
  probe: Awaited<ReturnType<typeof peakRssProbe>>,
): Promise<BuilderRun> {
  const [command, ...prefix] = probe.command;
  const args = [...prefix, '--import', 'tsx', 'scripts/build-shard.ts'];
  args.push('--data-dir', table.dataDir, '--out', outDir, ...options.builderArgs);
  console.log(`Running the builder: ${[command, ...args].join(' ')}`);
  const started = performance.now();
  const child = spawn(command!, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: TimedLine[] = [];
  const collect = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream }).on('line', (text) => {
      lines.push({ ms: performance.now() - started, text });
      console.log(`  builder | ${text}`);
    });
  collect(child.stdout);
  collect(child.stderr);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`the builder failed (exit code ${code}); its output is above`);
  return { seconds, lines, peakRssKiB: await probe.read() };
}

/** Per pass, the builder's last reported rate (it prints rows and rows/s every 2 s). */
function passFigures(lines: TimedLine[], rows: number): PassFigure[] {
  const passes = new Map<string, PassFigure>();
  for (const { ms, text } of lines) {
    const match =
      /(pass \d\/\d) \(\w+\) .*: ([\d.]+)M rows, \d+% of the file, ([\d.]+)M rows\/s/.exec(text);
    if (!match) continue;
    const [done, rate] = [Number(match[2]) * 1e6, Number(match[3]) * 1e6];
    const endsAt = round(ms / 1000 + (rows - done) / rate, 1);
    passes.set(match[1]!, { pass: match[1]!, rowsPerSecond: Math.round(rate), endsAt });
  }
  return [...passes.values()];
}

function builderSummary(lines: TimedLine[]): { seconds: number | null; rowsRead: number | null } {
  const text = lines.map((l) => l.text).join('\n');
  const seconds = /^Wrote .* in ([\d.]+) s$/m.exec(text)?.[1];
  const rowsRead = /\(from (\d+) rating rows\)/.exec(text)?.[1];
  return {
    seconds: seconds ? Number(seconds) : null,
    rowsRead: rowsRead ? Number(rowsRead) : null,
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const mib = (bytes: number) => round(bytes / 2 ** 20, 1);

async function collectResult(
  options: Options,
  table: Table,
  run: BuilderRun,
  outDir: string,
  method: string,
) {
  const manifest = JSON.parse(await readFile(join(outDir, 'shard.json'), 'utf8')) as ShardManifest;
  const summary = builderSummary(run.lines);
  const passes = passFigures(run.lines, options.rows);
  if (summary.rowsRead !== options.rows) {
    throw new Error(
      `the builder read ${summary.rowsRead} rating rows, not the ${options.rows} generated`,
    );
  }
  return {
    rows: options.rows,
    input: {
      file: table.path,
      mib: mib(table.bytes),
      gzip: options.gzip,
      generatedSeconds: table.generatedSeconds && round(table.generatedSeconds, 1),
    },
    totalSeconds: round(run.seconds, 2),
    builderReportedSeconds: summary.seconds,
    rowsPerSecond: Math.round(options.rows / run.seconds),
    startupSeconds: round((run.lines[0]?.ms ?? 0) / 1000, 2),
    passes,
    /** From the end of the last pass to exit: user selection, sorting, encoding, writing. */
    afterPassesSeconds: passes.length ? round(run.seconds - passes.at(-1)!.endsAt, 1) : null,
    peakRssMiB: run.peakRssKiB === undefined ? null : round(run.peakRssKiB / 1024, 1),
    peakRssMethod: method,
    shard: {
      file: manifest.file,
      mib: round(manifest.bytes / 2 ** 20, 2),
      anime: manifest.anime,
      users: manifest.users,
      entries: manifest.entries,
    },
    builderArgs: options.builderArgs,
    node: process.version,
  };
}

type Result = Awaited<ReturnType<typeof collectResult>>;

function printTable(result: Result): void {
  const n = (value: number) => value.toLocaleString('en');
  const rows: [string, string][] = [
    ['rows', n(result.rows)],
    ['input', `${result.input.file} (${result.input.mib} MiB)`],
    [
      'total time',
      `${result.totalSeconds} s (builder's own figure: ${result.builderReportedSeconds ?? '?'} s)`,
    ],
    ['rows/s overall', n(result.rowsPerSecond)],
    ['startup (node, tsx)', `${result.startupSeconds} s`],
    ...result.passes.map((p): [string, string] => [
      `rows/s ${p.pass}`,
      `${n(p.rowsPerSecond)} (ends ~${p.endsAt} s)`,
    ]),
    ['after the passes', `${result.afterPassesSeconds ?? '?'} s (select, sort, encode, write)`],
    [
      'peak RSS',
      result.peakRssMiB === null ? 'unknown' : `${result.peakRssMiB} MiB (${result.peakRssMethod})`,
    ],
    ['shard', `${result.shard.file}: ${result.shard.mib} MiB, ${n(result.shard.anime)} anime`],
    ['shard users/entries', `${n(result.shard.users)} / ${n(result.shard.entries)}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const table = await ensureTable(options.rows, options.gzip);
  const outDir = join(WORK, 'out');
  const probe = await peakRssProbe();
  const run = await runBuilder(table, outDir, options, probe);
  const result = await collectResult(options, table, run, outDir, probe.method);
  console.log(`RESULT ${JSON.stringify(result)}`);
  printTable(result);
  await mkdir(join(REPO, 'bench-results'), { recursive: true });
  await writeFile(
    join(REPO, 'bench-results', 'stream.json'),
    JSON.stringify(result, null, 2) + '\n',
  );
}

main().catch((error: unknown) => {
  console.error(`bench-stream: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
