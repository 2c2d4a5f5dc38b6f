import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { groupFranchises } from './franchise';
import { starterTitles } from './cold-start';

describe('starterTitles', () => {
  const { catalogue } = makeTestShard();
  const franchises = groupFranchises(catalogue);

  it('takes popular TV and movies, no adult titles, spread over genres', () => {
    // 0: Action+Drama (3.0M), 1: Action (1.8M), 2: Action+Drama (3.9M), 3: adult OVA.
    // The test catalogue is not in popularity order; the function trusts the shard's order.
    expect(starterTitles(catalogue, franchises, 2)).toEqual([0, 1]);
    expect(starterTitles(catalogue, franchises, 10)).toEqual([0, 1, 2]);
  });

  it('leaves out continuations', () => {
    const order = franchises.order.slice();
    order[1] = 1;
    expect(starterTitles(catalogue, { ...franchises, order }, 10)).toEqual([0, 2]);
  });
});
