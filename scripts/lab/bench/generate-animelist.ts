/**
 * A reproducible synthetic Kaggle-style animelist.csv (user_id,anime_id,score,watching_status,
 * watched_episodes), written chunk by chunk through a stream so it is never whole in memory.
 * Users come in ascending id order with skewed (log-normal) list lengths, median ~85; anime are
 * drawn without repeats per user from a Zipf-like popularity over 20k MAL-like ids up to 55000;
 * ~45% of entries are unscored and most are completed (status 2).
 */
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export const ANIMELIST_HEADER = 'user_id,anime_id,score,watching_status,watched_episodes';

export interface GenerateOptions {
  rows: number;
  path: string;
  gzip: boolean;
  seed?: number;
  /** Called after each chunk with the number of data rows written so far. */
  onProgress?(rows: number): void;
}

const ANIME_COUNT = 20_000;
const MAX_ANIME_ID = 55_000;
const ZIPF_EXPONENT = 0.9;
const LIST_MEDIAN = 85;
const LIST_SIGMA = 0.7;
const LIST_MAX = 3_000;
const CHUNK_CHARS = 1 << 20;
/** Watching status codes and their shares; plan-to-watch (6) entries are never scored. */
const STATUSES = weighted([1, 2, 3, 4, 6], [8, 62, 4, 5, 21]);
/** Scores 1–10 of scored entries; with the unscored share below, ~45% of all rows score 0. */
const SCORES = weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.5, 0.5, 1, 2, 4, 9, 19, 25, 21, 18]);
const UNSCORED_SHARE = 0.3;
const EPISODES = weighted([1, 6, 12, 13, 24, 26, 50, 100], [18, 6, 30, 12, 15, 10, 6, 3]);

type Random = () => number;

interface Weighted {
  values: number[];
  cumulative: Float64Array;
}

interface Catalogue {
  ids: Uint32Array;
  cumulative: Float64Array;
  episodes: Uint16Array;
  /** Per anime rank, the last user who drew it (to keep a user's list free of repeats). */
  takenBy: Int32Array;
}

/** Generates the table into `path` (via `path.partial`, renamed when complete). */
export async function generateAnimelist(options: GenerateOptions): Promise<void> {
  const partial = `${options.path}.partial`;
  const source = Readable.from(chunks(options));
  const file = createWriteStream(partial);
  if (options.gzip) await pipeline(source, createGzip(), file);
  else await pipeline(source, file as Writable);
  await rename(partial, options.path);
}

/** mulberry32: a small, fast, seeded 32-bit PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function* chunks(options: GenerateOptions): Generator<string> {
  const random = mulberry32(options.seed ?? 20_200_101);
  const catalogue = makeCatalogue(random);
  let text = ANIMELIST_HEADER + '\n';
  let written = 0;
  for (let user = 0; written < options.rows; user += nextUserGap(random)) {
    const length = Math.min(listLength(random), options.rows - written);
    text += userRows(user, length, random, catalogue);
    written += length;
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
      options.onProgress?.(written);
    }
  }
  if (text) {
    yield text;
    options.onProgress?.(written);
  }
}

function userRows(user: number, length: number, random: Random, catalogue: Catalogue): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const rank = drawAnime(user, random, catalogue);
    const status = pick(STATUSES, random);
    const episodes = catalogue.episodes[rank]!;
    text += `${user},${catalogue.ids[rank]},${score(status, random)},${status},${watched(status, episodes, random)}\n`;
  }
  return text;
}

/** A popularity rank this user has not drawn yet (lists are shorter than the catalogue). */
function drawAnime(user: number, random: Random, catalogue: Catalogue): number {
  for (;;) {
    const rank = search(catalogue.cumulative, random());
    if (catalogue.takenBy[rank] === user) continue;
    catalogue.takenBy[rank] = user;
    return rank;
  }
}

function score(status: number, random: Random): number {
  if (status === 6 || random() < UNSCORED_SHARE) return 0;
  return pick(SCORES, random);
}

function watched(status: number, episodes: number, random: Random): number {
  if (status === 2) return episodes;
  if (status === 6) return 0;
  return Math.floor(random() * (episodes + 1));
}

/** Most user ids follow on; some are skipped, as in MAL's exports. */
function nextUserGap(random: Random): number {
  return random() < 0.1 ? 2 + Math.floor(random() * 3) : 1;
}

/** Log-normal list length (Box–Muller), clamped to 1..LIST_MAX. */
function listLength(random: Random): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const length = Math.round(LIST_MEDIAN * Math.exp(LIST_SIGMA * gaussian));
  return Math.min(LIST_MAX, Math.max(1, length));
}

function makeCatalogue(random: Random): Catalogue {
  const pool = Uint32Array.from({ length: MAX_ANIME_ID }, (_, i) => i + 1);
  for (let i = 0; i < ANIME_COUNT; i++) {
    const j = i + Math.floor(random() * (MAX_ANIME_ID - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const weights = Array.from({ length: ANIME_COUNT }, (_, rank) => 1 / (rank + 1) ** ZIPF_EXPONENT);
  return {
    ids: pool.slice(0, ANIME_COUNT),
    cumulative: normalisedCumulative(weights),
    episodes: Uint16Array.from({ length: ANIME_COUNT }, () => pick(EPISODES, random)),
    takenBy: new Int32Array(ANIME_COUNT).fill(-1),
  };
}

function weighted(values: number[], weights: number[]): Weighted {
  return { values, cumulative: normalisedCumulative(weights) };
}

function pick(table: Weighted, random: Random): number {
  return table.values[search(table.cumulative, random())]!;
}

function normalisedCumulative(weights: number[]): Float64Array {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cumulative[i] = sum += w / total));
  cumulative[weights.length - 1] = 1;
  return cumulative;
}

/** The first index whose cumulative share exceeds `u`. */
function search(cumulative: Float64Array, u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle]! > u) high = middle;
    else low = middle + 1;
  }
  return low;
}
