import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { Feedback } from '$lib/model/interactions';
import { blend, standardise } from './blend';
import { buildContentIndex, contentScores, entryWeights, tokenize, userProfile } from './content';

// Test catalogue: 0 FMA:B (Action, Drama; Bones; Manga), 1 Bebop (Action; Sunrise; Original),
// 2 AoT (Action, Drama; Wit Studio; Manga), 3 an adult OVA (Hentai).
const { catalogue } = makeTestShard();
const index = buildContentIndex(catalogue);

describe('content index', () => {
  it('tokenizes synopses without stop words or short words', () => {
    expect(tokenize("The brothers' alchemy — and the Titans' walls of it")).toEqual([
      "brothers'",
      'alchemy',
      "titans'",
      'walls',
    ]);
  });

  it('gives every anime a unit-length vector, rare features weighing more', () => {
    for (let i = 0; i < index.size; i++) {
      const w = index.weights.subarray(index.offsets[i], index.offsets[i + 1]);
      expect(Math.hypot(...w)).toBeCloseTo(1, 5);
    }
    const weightOf = (i: number, name: string) => {
      const id = index.vocabulary.indexOf(name);
      for (let f = index.offsets[i]!; f < index.offsets[i + 1]!; f++)
        if (index.features[f] === id) return index.weights[f]!;
      return 0;
    };
    // Action is on three of four anime, Drama on two: Drama is the more telling one.
    expect(weightOf(0, 'g:Drama')).toBeGreaterThan(weightOf(0, 'g:Action'));
  });
});

describe('content profile', () => {
  it('centres scores on the user mean and counts unscored likes and drops as ±1', () => {
    const w = entryWeights(
      [9, 5, 0, 0, 0],
      [
        Feedback.positive,
        Feedback.negative,
        Feedback.positive,
        Feedback.negative,
        Feedback.neutral,
      ],
    );
    expect(Array.from(w)).toEqual([2, -2, 1, -1, 0]);
  });

  it('ranks anime like a liked one first, and pushes away from a disliked one', () => {
    const liked = contentScores(index, userProfile(index, [0], [1]));
    expect(liked[2]).toBeGreaterThan(liked[1]!);
    expect(liked[1]).toBeGreaterThan(liked[3]!);
    const disliked = contentScores(index, userProfile(index, [0], [-1]));
    expect(disliked[2]).toBeLessThan(disliked[3]!);
  });
});

describe('blend', () => {
  it('standardises and mixes on a common scale', () => {
    const z = standardise(Float32Array.from([1, 2, 3, 4]));
    expect(z.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(Math.hypot(...z) / 2).toBeCloseTo(1);
    const a = Float32Array.from([0, 10, 20]);
    const b = Float32Array.from([3, 2, 1]);
    expect(Array.from(blend(a, b, 0))).toEqual(Array.from(standardise(a)));
    expect(Array.from(blend(a, b, 1))).toEqual(Array.from(standardise(b)));
    expect(Array.from(blend(a, b, 0.5)).every((v) => Math.abs(v) < 1e-6)).toBe(true);
  });
});
