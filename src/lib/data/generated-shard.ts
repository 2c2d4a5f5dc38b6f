/**
 * A generated shard for unit tests of the recommenders (no real data is committed): franchises of
 * two tastes, each a first season, a second season and a film, and users of each taste who love
 * their taste's shows and drop one of the other taste's. Seeded, so every run is the same.
 */
import { DEFAULT_TRAIN } from '$lib/model/ncf-train';
import { seededRandom } from '$lib/model/random';
import { startTraining } from '$lib/model/train-loop';
import { trainingSet } from '$lib/model/training-set';
import type { ModelInfo } from './model-codec';
import { Status, type Catalogue, type Ratings, type Shard } from './shard-types';

export interface GeneratedShardOptions {
  /** Franchises per taste (each has 3 entries). */
  franchisesPerTaste: number;
  usersPerTaste: number;
  seed: number;
}

const TASTES = [
  { genre: 0, names: ['Blade', 'Mecha', 'Storm', 'Titan', 'Wolf', 'Iron', 'Fire', 'Ghost'] },
  { genre: 1, names: ['Letter', 'Spring', 'Petal', 'Cafe', 'Moon', 'Garden', 'Snow', 'Violet'] },
];
const ENTRIES = ['', ' Season 2', ' Movie'];

/** Anime index of entry `entry` (0, 1, 2) of franchise `franchise` of taste `taste`. */
export function generatedAnime(
  options: GeneratedShardOptions,
  taste: number,
  franchise: number,
  entry: number,
): number {
  return (taste * options.franchisesPerTaste + franchise) * ENTRIES.length + entry;
}

export function generatedShard(options: GeneratedShardOptions): Shard {
  const catalogue = generatedCatalogue(options);
  return {
    info: { builtAt: '2026-01-01T00:00:00.000Z', inputs: ['generated.csv'] },
    catalogue,
    ratings: generatedRatings(options),
  };
}

function generatedCatalogue({ franchisesPerTaste }: GeneratedShardOptions): Catalogue {
  const titles: string[] = [];
  const genres: number[] = [];
  const years: number[] = [];
  for (let taste = 0; taste < TASTES.length; taste++)
    for (let f = 0; f < franchisesPerTaste; f++)
      for (let e = 0; e < ENTRIES.length; e++) {
        const name = TASTES[taste]!.names[f % 8]!;
        titles.push(`${name} ${f >= 8 ? `Kai ${f} ` : ''}Chronicle${ENTRIES[e]}`);
        genres.push(TASTES[taste]!.genre);
        years.push(2000 + f + e);
      }
  const size = titles.length;
  const range = (n: number) => Uint32Array.from({ length: n + 1 }, (_, k) => k);
  return {
    size,
    malId: Uint32Array.from(titles, (_, i) => 1000 + i),
    title: titles,
    titleEnglish: titles.map(() => ''),
    titleJapanese: titles.map(() => ''),
    titleSynonyms: titles.map(() => ''),
    synopsis: titles.map((_, i) => (genres[i] ? 'A gentle story of love.' : 'A battle of steel.')),
    type: {
      labels: ['TV', 'Movie'],
      codes: Uint8Array.from(titles, (_, i) => (i % 3 === 2 ? 1 : 0)),
    },
    source: { labels: ['', 'Manga'], codes: new Uint8Array(size).fill(1) },
    ageRating: { labels: ['', 'PG-13'], codes: new Uint8Array(size).fill(1) },
    episodes: Uint16Array.from(titles, (_, i) => (i % 3 === 2 ? 1 : 12)),
    year: Uint16Array.from(years),
    season: new Uint8Array(size).fill(1),
    score: new Uint16Array(size).fill(750),
    members: Uint32Array.from(titles, (_, i) => 100_000 - i * 100),
    flags: new Uint8Array(size),
    genres: {
      labels: ['Action', 'Romance'],
      offsets: range(size),
      values: Uint16Array.from(genres),
    },
    themes: { labels: [], offsets: new Uint32Array(size + 1), values: new Uint16Array(0) },
    studios: { labels: [], offsets: new Uint32Array(size + 1), values: new Uint16Array(0) },
    airedFrom: Uint16Array.from(years, (y) => Math.round((Date.UTC(y, 0, 10) - EPOCH) / DAY)),
    airedTo: Uint16Array.from(years, (y) => Math.round((Date.UTC(y, 2, 28) - EPOCH) / DAY)),
    officialSite: titles.map((_, i) => (i % 3 === 0 ? `https://example.org/anime/${i}/` : '')),
    watch: {
      sites: [
        {
          key: 'netflix',
          name: 'Netflix',
          regions: [],
          urlTemplate: 'https://www.netflix.com/title/{{id}}',
        },
      ],
      offsets: Uint32Array.from({ length: size + 1 }, (_, k) => Math.ceil(k / 3)),
      site: new Uint8Array(Math.ceil(size / 3)),
      ids: Array.from({ length: Math.ceil(size / 3) }, (_, k) => String(80_000_000 + k)),
    },
  };
}

const EPOCH = Date.UTC(1900, 0, 1);
const DAY = 86_400_000;

/** Each user loves a random two thirds of their taste's entries and drops one other-taste show. */
function generatedRatings(options: GeneratedShardOptions): Ratings {
  const random = seededRandom(options.seed);
  const rowPtr = [0];
  const anime: number[] = [];
  const score: number[] = [];
  const status: number[] = [];
  const users = TASTES.length * options.usersPerTaste;
  for (let u = 0; u < users; u++) {
    const taste = u % TASTES.length;
    const entries = new Map<number, [number, number]>();
    for (let f = 0; f < options.franchisesPerTaste; f++)
      for (let e = 0; e < ENTRIES.length; e++)
        if (random() < 2 / 3)
          entries.set(generatedAnime(options, taste, f, e), [
            8 + Math.floor(random() * 3),
            Status.completed,
          ]);
    const other = Math.floor(random() * options.franchisesPerTaste);
    entries.set(generatedAnime(options, 1 - taste, other, 0), [0, Status.dropped]);
    for (const [item, [s, st]] of [...entries].sort((a, b) => a[0] - b[0])) {
      anime.push(item);
      score.push(s);
      status.push(st);
    }
    rowPtr.push(anime.length);
  }
  return {
    userCount: users,
    entryCount: anime.length,
    tables: ['generated.csv'],
    userTable: new Uint8Array(users),
    userSourceId: Uint32Array.from({ length: users }, (_, u) => u + 1),
    rowPtr: Uint32Array.from(rowPtr),
    anime: Uint32Array.from(anime),
    score: Uint8Array.from(score),
    status: Uint8Array.from(status),
  };
}

/** The shard with a small NCF model trained on all its users, as `npm run shard` ships one. */
export async function withShippedModel(shard: Shard, dim = 8, epochs = 8): Promise<Shard> {
  const { catalogue, ratings } = shard;
  const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
  const set = trainingSet(ratings, catalogue.size, everyone);
  const config = { ...DEFAULT_TRAIN, dim, epochs, seed: 5 };
  const training = startTraining(set, ratings.userCount, catalogue.size, config);
  for await (const report of training.epochs) void report;
  const model = await training.stepper.toModel();
  const info: ModelInfo = {
    config,
    trainedAt: '2026-01-01T00:00:00.000Z',
    trainUsers: ratings.userCount,
    epochs,
    trainMs: 0,
    examplesPerSecond: 0,
    minLabels: 0,
    shippedRows: catalogue.size,
    heldOut: null,
  };
  const rows = Uint32Array.from({ length: catalogue.size }, (_, i) => i);
  return {
    ...shard,
    model: { info, model, shardUsers: Uint32Array.from(everyone), itemRows: rows },
  };
}
