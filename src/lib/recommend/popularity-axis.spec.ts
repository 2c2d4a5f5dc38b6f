import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { testSignals } from '$fixtures/test-signals';
import { popularityAxis } from './blend';
import { prepareSignals } from './rank';
import { leanOnPopularity } from './similar';

// log(1 + members) is 0, 1, 2 and 3 times ln 10: z-scores ±3/√5 and ±1/√5 (z(members) is not).
const members = Uint32Array.from([0, 9, 99, 999]);
const expected = [-3, -1, 1, 3].map((k) => k / Math.sqrt(5));
const near = (actual: Float32Array, values: number[]) =>
  values.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 5));

describe('the popularity axis', () => {
  it('is z(log(1 + members))', () => {
    near(popularityAxis(members), expected);
  });

  it('is the niche control of the ranking', () => {
    const { catalogue } = makeTestShard();
    const prepared = prepareSignals({ ...catalogue, members }, testSignals());
    near(prepared.popularity, expected);
  });

  it('is what "More like this" leans on', () => {
    const ties = new Float32Array(4).fill(0.5);
    near(
      leanOnPopularity(ties, popularityAxis(members), 2),
      expected.map((v) => 2 * v),
    );
  });
});
