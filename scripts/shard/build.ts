/** Builds the shard from every table in a data folder: metadata first, then two streaming passes over ratings. */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { SectionSize } from '../../src/lib/data/sections';
import { encodeShard } from '../../src/lib/data/shard-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import { bangumiEntries, loadBangumiData, watchSites, type BangumiData } from './bangumi';
import { describeCounts, mergeBangumi, type BangumiCounts } from './bangumi-merge';
import { CatalogueMerger, toCatalogue } from './catalogue';
import { RatingCollector } from './collect-ratings';
import { detectFormat, normaliseHeader, type DetectedFormat } from './detect-format';
import type { RatingEntry } from './rating-formats';
import { readHeader } from './read-header';
import { streamCsv } from './read-table';
import { SHIPPED_EASE } from '../../src/lib/recommend/ease-sparse';
import { trainShippedModel } from './train-model';
import type { NodeKernel } from '../kernel/node-stepper';
import { selectUsers, type UserCounts, type UserSelectionOptions } from './select-users';

export interface BuildOptions extends UserSelectionOptions {
  dataDir: string;
  log?: (line: string) => void;
  /** Seconds between progress lines while streaming (0: none). */
  progressEvery?: number;
  /** Train the model that ships in the shard (default true), and measure it on held-out users. */
  model?: { train: boolean; evaluate: boolean; ease?: boolean; stepper?: NodeKernel };
  /** bangumi-data to merge (default: the installed package; null: none). */
  bangumi?: BangumiData | null;
}

export interface TableReport {
  file: string;
  format: string;
  bytes: number;
  /** Size as CSV text, after gunzip. */
  textBytes: number;
  rows: number;
  invalidRows: number;
}

export interface BuildResult {
  shard: Shard;
  bytes: Uint8Array;
  sizes: SectionSize[];
  tables: TableReport[];
  ratingRowsRead: number;
  /** The rating tables' size as CSV text. */
  ratingCsvBytes: number;
  /** What bangumi-data added, and its version; null when none was merged. */
  bangumi: { version: string; counts: BangumiCounts } | null;
}

interface Table {
  path: string;
  name: string;
  bytes: number;
  detected: DetectedFormat;
  header: string[];
}

export async function findTables(dataDir: string): Promise<Table[]> {
  const isDir = await stat(dataDir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) {
    throw new Error(`${dataDir} is not a folder: point --data-dir or DATA_DIR at the data tables`);
  }
  const files = (await readdir(dataDir, { recursive: true }))
    .filter((f) => /\.csv(\.gz)?$/i.test(f))
    .sort();
  if (files.length === 0) throw new Error(`${dataDir}: no .csv or .csv.gz tables found`);
  return Promise.all(
    files.map(async (file) => {
      const path = join(dataDir, file);
      const header = await readHeader(path);
      const name = relative(dataDir, path);
      return {
        path,
        name,
        bytes: (await stat(path)).size,
        header,
        detected: detectFormat(basename(path), header),
      };
    }),
  );
}

export async function buildShard(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const tables = await findTables(options.dataDir);
  const reports: TableReport[] = [];
  const merger = new CatalogueMerger();
  for (const table of tables) {
    const { detected } = table;
    log(`  ${table.name}: ${detected.kind} table, format ${detected.format.name}`);
    if (detected.kind === 'metadata' && !detected.format.ignored) {
      reports.push(await readMetadata(table, merger, detected.format));
    }
  }
  const ratingTables = tables.filter((t) => t.detected.kind === 'ratings');
  if (ratingTables.length === 0) log('  warning: no rating tables found; the shard has no users');
  const counts: UserCounts = ratingTables.map(() => new Map());
  const progress = progressPrinter(log, options.progressEvery ?? 0);
  await forEachRating(
    ratingTables,
    'pass 1/2 (count)',
    progress,
    (t, entry) => {
      const users = counts[t]!;
      users.set(entry.user, (users.get(entry.user) ?? 0) + 1);
      merger.addRated(entry.anime);
    },
    reports,
  );
  const selected = selectUsers(counts, options);
  const collector = new RatingCollector(selected, ratingTables.length);
  await forEachRating(ratingTables, 'pass 2/2 (collect)', progress, (t, entry) =>
    collector.add(t, entry),
  );
  const rows = merger.rows();
  const bangumiData = options.bangumi === undefined ? loadBangumiData() : options.bangumi;
  const sites = bangumiData ? watchSites(bangumiData.siteMeta) : [];
  let bangumi: BuildResult['bangumi'] = null;
  if (bangumiData) {
    const counts = mergeBangumi(rows, bangumiEntries(bangumiData, sites));
    describeCounts(bangumiData.version, rows.length, counts).forEach((line) => log(line));
    bangumi = { version: bangumiData.version, counts };
  }
  const catalogue = toCatalogue(rows, sites);
  const indexOf = new Map(rows.map((r, i) => [r.malId, i]));
  const ratings = collector.toRatings(
    ratingTables.map((t) => basename(t.name)),
    indexOf,
  );
  const shard: Shard = {
    info: {
      builtAt: new Date().toISOString(),
      inputs: [
        ...tables.map((t) => t.name),
        ...(bangumiData ? [`bangumi-data@${bangumiData.version}`] : []),
      ],
    },
    catalogue,
    ratings,
  };
  const modelOptions = options.model ?? { train: true, evaluate: false };
  if (modelOptions.train && ratings.userCount > 0) {
    log(`  training the model on ${ratings.userCount} users' lists…`);
    shard.model = await trainShippedModel(shard, {
      evaluate: modelOptions.evaluate,
      ease: modelOptions.ease === false ? undefined : SHIPPED_EASE,
      ...(modelOptions.stepper ? { stepper: modelOptions.stepper } : {}),
      log,
    });
  }
  log('  encoding and compressing the shard…');
  const { bytes, sizes } = encodeShard(shard, (raw) => deflateRawSync(raw, { level: 9 }));
  log('  encoded');
  const ratingReports = reports.filter((r) => ratingTables.some((t) => t.name === r.file));
  return {
    shard,
    bytes,
    sizes,
    tables: reports,
    ratingRowsRead: ratingReports.reduce((s, r) => s + r.rows, 0),
    ratingCsvBytes: ratingReports.reduce((s, r) => s + r.textBytes, 0),
    bangumi,
  };
}

async function readMetadata(
  table: Table,
  merger: CatalogueMerger,
  format: Extract<DetectedFormat, { kind: 'metadata' }>['format'],
): Promise<TableReport> {
  const index = new Map(normaliseHeader(table.header).map((c, i) => [c, i]));
  let invalidRows = 0;
  const { rows, textBytes } = await streamCsv(table.path, {
    onHeader: () => {},
    onRows(batch) {
      for (const row of batch) {
        const record = format.readRow?.((column) => {
          const i = index.get(column);
          return i === undefined ? undefined : row[i];
        });
        if (record) merger.add(record, format.priority);
        else invalidRows++;
      }
    },
  });
  const { name: file, bytes } = table;
  return { file, format: format.name, bytes, textBytes, rows, invalidRows };
}

async function forEachRating(
  tables: Table[],
  label: string,
  progress: (label: string, rows: number, read: number, total: number) => void,
  visit: (table: number, entry: RatingEntry) => void,
  reports?: TableReport[],
): Promise<void> {
  for (const [t, table] of tables.entries()) {
    if (table.detected.kind !== 'ratings') continue;
    const index = new Map(normaliseHeader(table.header).map((c, i) => [c, i]));
    const read = table.detected.format.makeReader((c) => index.get(c)!);
    const entry: RatingEntry = { user: 0, anime: 0, score: 0, status: 0 };
    let invalidRows = 0;
    const { rows, textBytes } = await streamCsv(table.path, {
      onHeader: () => {},
      onRows(batch) {
        for (const row of batch) {
          if (read(row, entry)) visit(t, entry);
          else invalidRows++;
        }
      },
      onProgress: (n, readBytes, total) => progress(`${label} ${table.name}`, n, readBytes, total),
    });
    reports?.push({
      file: table.name,
      format: table.detected.format.name,
      bytes: table.bytes,
      textBytes,
      rows,
      invalidRows,
    });
  }
}

function progressPrinter(log: (line: string) => void, everySeconds: number) {
  let last = Date.now();
  let started = Date.now();
  let current = '';
  return (label: string, rows: number, read: number, total: number) => {
    const now = Date.now();
    if (label !== current) {
      current = label;
      started = now;
    }
    if (everySeconds <= 0 || now - last < everySeconds * 1000) return;
    last = now;
    const rate = rows / Math.max(0.001, (now - started) / 1000);
    log(
      `  ${label}: ${(rows / 1e6).toFixed(1)}M rows, ${((100 * read) / total).toFixed(0)}% of the file, ` +
        `${(rate / 1e6).toFixed(2)}M rows/s`,
    );
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
