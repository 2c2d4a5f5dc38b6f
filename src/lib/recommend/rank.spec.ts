import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { Status } from '$lib/data/shard-types';
import {
  AUTO_SHARES,
  autoContentWeight,
  BLEND_SHARES,
  sharesFor,
  type BlendShares,
  DEFAULT_CONTROLS,
  effectiveContentWeight,
  noFilters,
  prepareSignals,
  rankRecommendations,
} from './rank';
import type { UserSignals } from './signals';
import { testSignals as signals } from '$fixtures/test-signals';

const { catalogue: c } = makeTestShard();

const ids = (s: UserSignals, controls = {}, filters = {}) =>
  rankRecommendations(
    c,
    prepareSignals(c, s),
    { ...DEFAULT_CONTROLS, ...controls },
    { ...noFilters(), ...filters },
    10,
  ).map((r) => r.index);

describe('the collaborative mix', () => {
  it('gives EASE its share when it is there, and leaves the order alone when it is not', () => {
    // NCF and user-based say 0 > 1 > 2 > 3; EASE thinks much of anime 2 alone.
    const ease = Float32Array.from([0, 0, 3, 0]);
    const order = (x: Float32Array) => [...x.keys()].sort((a, b) => x[b]! - x[a]!);
    expect(order(prepareSignals(c, signals()).collaborative!)).toEqual([0, 1, 2, 3]);
    const shares = { ...BLEND_SHARES, ease: 0.3 };
    expect(order(prepareSignals(c, signals({ ease }), shares).collaborative!)).toEqual([
      0, 2, 1, 3,
    ]);
    const noShare = { ...BLEND_SHARES, ease: 0 };
    expect(order(prepareSignals(c, signals({ ease }), noShare).collaborative!)).toEqual([
      0, 1, 2, 3,
    ]);
  });
});

describe('shares by list size', () => {
  it('leans on the nearest users for a short list and on EASE for a full one', () => {
    const [[, short]] = AUTO_SHARES as [[number, BlendShares]];
    expect(sharesFor(1)).toEqual(short);
    expect(sharesFor(5)).toEqual(short);
    expect(sharesFor(40)).toEqual(BLEND_SHARES);
    expect(sharesFor(500)).toEqual(BLEND_SHARES);
    const halfway = sharesFor(22.5);
    expect(halfway.userBased).toBeCloseTo((short.userBased + BLEND_SHARES.userBased) / 2);
    expect(halfway.ease).toBeCloseTo((short.ease + BLEND_SHARES.ease) / 2);
    expect(short.userBased).toBeGreaterThan(BLEND_SHARES.userBased);
    expect(short.ease).toBeLessThan(BLEND_SHARES.ease);
  });
});

describe('rankRecommendations', () => {
  it('follows the blend from collaborative to content, hiding adult titles', () => {
    expect(ids(signals(), { contentWeight: 0 })).toEqual([0, 1, 2]);
    expect(ids(signals(), { contentWeight: 1 })).toEqual([2, 1, 0]);
    expect(ids(signals(), { contentWeight: 1, showAdult: true })).toEqual([3, 2, 1, 0]);
  });

  it('leaves out the list and unready continuations; boosts plan-to-watch on request', () => {
    const listStatus = Uint8Array.from([Status.completed, 0, Status.planToWatch, 0]);
    const blocked = Uint8Array.from([0, 1, 0, 0]);
    expect(ids(signals({ listStatus, blocked }))).toEqual([]);
    expect(ids(signals({ listStatus }), { boostPlanToWatch: true })).toEqual([2, 1]);
  });

  it('shows one entry per franchise', () => {
    expect(ids(signals({ franchise: Int32Array.from([0, 0, 2, 3]) }))).toEqual([0, 2]);
  });

  it('moves towards popular or niche titles', () => {
    const flat = signals({
      collaborative: new Float32Array(4),
      userBased: null,
      content: new Float32Array(4),
    });
    // Members: 3.0M, 1.8M, 3.9M.
    expect(ids(flat, { niche: -1 })).toEqual([2, 0, 1]);
    expect(ids(flat, { niche: 1 })).toEqual([1, 0, 2]);
  });

  it("keeps each pick's blend apart from the niche control and the plan-to-watch boost", () => {
    const rank = (controls = {}) =>
      rankRecommendations(
        c,
        prepareSignals(c, signals({ listStatus: Uint8Array.from([0, 0, Status.planToWatch, 0]) })),
        { ...DEFAULT_CONTROLS, ...controls },
        noFilters(),
        10,
      );
    const plain = new Map(rank().map((r) => [r.index, r]));
    expect(plain.has(2)).toBe(false);
    for (const r of rank({ niche: 1, boostPlanToWatch: true })) {
      if (plain.has(r.index)) {
        expect(r.blend).toBeCloseTo(plain.get(r.index)!.blend);
        expect(r.score).not.toBeCloseTo(plain.get(r.index)!.score);
      } else expect(r.index).toBe(2);
    }
    for (const r of plain.values()) expect(r.blend).toBeCloseTo(r.score);
  });

  it('falls back to content with a popularity prior when there is no model', () => {
    const contentOnly = signals({
      collaborative: null,
      userBased: null,
      content: Float32Array.from([1, 1, 1, 0]),
    });
    expect(ids(contentOnly)).toEqual([2, 0, 1]);
  });

  it('without a model, ranks by item-kNN, then popularity where it is silent', () => {
    const itemOnly = signals({
      collaborative: null,
      userBased: null,
      itemBased: Float32Array.from([0, 1, 0, 0]),
      content: new Float32Array(4),
    });
    expect(ids(itemOnly)).toEqual([1, 2, 0]);
  });

  it('gives item-kNN a share of the collaborative side', () => {
    const tied = signals({
      collaborative: Float32Array.from([1, 1, 0, 0]),
      userBased: null,
      content: new Float32Array(4),
    });
    expect(ids(tied)).toEqual([0, 1, 2]);
    expect(ids({ ...tied, itemBased: Float32Array.from([0, 1, 0, 0]) })).toEqual([1, 0, 2]);
  });

  it('leaves out franchises the user has started when asked (planning one does not count)', () => {
    const franchise = Int32Array.from([0, 0, 2, 3]);
    const started = signals({
      franchise,
      listStatus: Uint8Array.from([Status.completed, 0, 0, 0]),
    });
    expect(ids(started)).toEqual([1, 2]);
    expect(ids(started, { newFranchisesOnly: true })).toEqual([2]);
    const planned = signals({
      franchise,
      listStatus: Uint8Array.from([Status.planToWatch, 0, 0, 0]),
    });
    expect(ids(planned, { newFranchisesOnly: true })).toEqual([1, 2]);
  });

  it('leaves out a franchise the user dropped, unless asked to bring it back', () => {
    const dropped = signals({ dislikedFranchise: Uint8Array.from([0, 1, 0, 0]) });
    expect(ids(dropped)).toEqual([0, 2]);
    expect(ids(dropped, { showDislikedFranchises: true })).toEqual([0, 1, 2]);
  });

  it('shows a boosted plan-to-watch title even where the franchise rules would hold it back', () => {
    const planned = signals({
      listStatus: Uint8Array.from([0, Status.planToWatch, Status.planToWatch, 0]),
      blocked: Uint8Array.from([0, 1, 0, 0]),
      dislikedFranchise: Uint8Array.from([0, 0, 1, 0]),
    });
    expect(ids(planned)).toEqual([0]);
    expect(ids(planned, { boostPlanToWatch: true })).toEqual(expect.arrayContaining([0, 1, 2]));
  });

  it('applies every filter', () => {
    expect(ids(signals(), {}, { include: ['Drama'] })).toEqual([0, 2]);
    expect(ids(signals(), {}, { exclude: ['Drama'] })).toEqual([1]);
    expect(ids(signals(), {}, { types: ['OVA'] })).toEqual([]);
    expect(ids(signals(), {}, { yearFrom: 2000, yearTo: 2010 })).toEqual([0]);
    expect(ids(signals(), {}, { seasons: [2] })).toEqual([0, 1, 2]);
    expect(ids(signals(), {}, { seasons: [3] })).toEqual([]);
    expect(ids(signals(), {}, { episodesMin: 26, episodesMax: 30 })).toEqual([1]);
    expect(ids(signals(), {}, { minMembers: 2_000_000 })).toEqual([0, 2]);
  });
});

describe('the automatic blend', () => {
  it('leans on content for short lists and on collaboration as the list grows', () => {
    const weights = [1, 3, 5, 7, 10, 20, 40, 500].map(autoContentWeight);
    for (let k = 1; k < weights.length; k++)
      expect(weights[k]).toBeLessThanOrEqual(weights[k - 1]!);
    expect(weights[0]).toBeGreaterThan(weights.at(-1)!);
    expect(autoContentWeight(500)).toBe(DEFAULT_CONTROLS.contentWeight);
  });

  it("gives way to the user's own setting", () => {
    expect(
      effectiveContentWeight({ ...DEFAULT_CONTROLS, autoBlend: false, contentWeight: 0.9 }, 3),
    ).toBe(0.9);
    expect(effectiveContentWeight({ ...DEFAULT_CONTROLS, contentWeight: 0.9 }, 3)).toBe(
      autoContentWeight(3),
    );
  });
});

describe('standing', () => {
  const ranked = (filters = {}) =>
    rankRecommendations(
      c,
      prepareSignals(c, signals()),
      DEFAULT_CONTROLS,
      { ...noFilters(), ...filters },
      10,
    ).map((r) => [r.index, r.standing]);

  it('is the place on the unfiltered page, and stays that place when a filter narrows it', () => {
    // The signals rank 0 > 1 > 2; the adult title 3 is left out.
    expect(ranked()).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    // Only Drama: anime 2 comes second on the page, but two picks stand ahead of it.
    expect(ranked({ include: ['Drama'] })).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});
