/** Worker module tests: a real IndexedDB implementation in Node, and a generated shard. */
import 'fake-indexeddb/auto';
import { generatedAnime, generatedShard, withShippedModel } from '../src/lib/data/generated-shard';
import type { Shard } from '../src/lib/data/shard-types';
import { malXml, type TestAnime } from '../src/lib/import/test-lists';

export const GENERATED = { franchisesPerTaste: 6, usersPerTaste: 30, seed: 7 };

export const animeIndex = (taste: number, franchise: number, entry: number) =>
  generatedAnime(GENERATED, taste, franchise, entry);

/** The MAL id of a generated anime (the catalogue numbers them from 1000). */
export const malIdOf = (index: number) => 1000 + index;

let shard: Promise<Shard> | null = null;

export function testShard(): Promise<Shard> {
  return (shard ??= withShippedModel(generatedShard(GENERATED)));
}

/** A MAL export of taste-0 fan: first seasons of franchises 0–2 loved, taste 1's 0 dropped. */
export function fanExport(extra: TestAnime[] = []): Uint8Array {
  const list: TestAnime[] = [
    { id: malIdOf(animeIndex(0, 0, 0)), score: 9 },
    { id: malIdOf(animeIndex(0, 1, 0)), score: 10 },
    { id: malIdOf(animeIndex(0, 2, 0)), score: 8 },
    { id: malIdOf(animeIndex(1, 0, 0)), score: 0, status: 'Dropped' },
    ...extra,
  ];
  return new TextEncoder().encode(malXml(list.map((a) => ({ title: `Anime ${a.id}`, ...a }))));
}
