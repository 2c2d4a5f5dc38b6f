import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { Status } from '$lib/data/shard-types';
import { DEFAULT_CONTROLS, prepareSignals, sharesFor } from './rank';
import { seasonRanking, seasonWithTitles } from './season';
import { testSignals } from '$fixtures/test-signals';

const shard = makeTestShard().catalogue;
// Anime 1, 2 and 3 (adult) premiere in Spring 2013; anime 2 continues anime 0's franchise.
const c = {
  ...shard,
  year: Uint16Array.from([2009, 2013, 2013, 2013]),
  season: Uint8Array.from([2, 2, 2, 2]),
};
const spring2013 = { year: 2013, season: 2 };

const signals = testSignals({
  content: Float32Array.from([0, 1, 0, 3]),
  userBased: null,
  listStatus: Uint8Array.from([Status.completed, 0, 0, 0]),
  franchise: Int32Array.from([0, 1, 0, 3]),
  listEntries: 1,
  usedEntries: 1,
});

describe('a season ranked for the user', () => {
  it('puts a continuation of a liked franchise first, then the blend, never adult titles', () => {
    const p = prepareSignals(c, signals, sharesFor(1));
    const ranked = seasonRanking(c, p, DEFAULT_CONTROLS, spring2013, 10);
    expect(ranked.map((r) => r.index)).toEqual([2, 1]);
  });

  it('leaves out a continuation the list rules block', () => {
    const blocked = Uint8Array.from([0, 0, 1, 0]);
    const p = prepareSignals(c, { ...signals, blocked }, sharesFor(1));
    expect(seasonRanking(c, p, DEFAULT_CONTROLS, spring2013, 10).map((r) => r.index)).toEqual([1]);
  });

  it('without a list, ranks the season by members', () => {
    const ranked = seasonRanking(c, null, DEFAULT_CONTROLS, spring2013, 10);
    expect(ranked.map((r) => r.index)).toEqual([2, 1]);
    expect(
      seasonRanking(c, null, { ...DEFAULT_CONTROLS, showAdult: true }, spring2013, 10),
    ).toHaveLength(3);
    expect(seasonRanking(c, null, DEFAULT_CONTROLS, { year: 2009, season: 2 }, 10)).toHaveLength(1);
  });

  it('falls back to the latest season with titles when the catalogue ends before the date', () => {
    expect(seasonWithTitles(c, spring2013)).toEqual(spring2013);
    expect(seasonWithTitles(c, { year: 2026, season: 4 })).toEqual(spring2013);
    expect(seasonWithTitles(c, { year: 2010, season: 1 })).toEqual({ year: 2009, season: 2 });
    expect(seasonWithTitles(c, { year: 2000, season: 1 })).toBeNull();
  });
});
