import { describe, expect, it } from 'vitest';
import { generatedShard } from '$fixtures/generated-shard';
import { positiveCountsOf, trainingSet } from './training-set';

describe('positive counts', () => {
  it('counts what the training set counts over every user, without building it', () => {
    const { ratings, catalogue } = generatedShard({
      franchisesPerTaste: 6,
      usersPerTaste: 30,
      seed: 2,
    });
    const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
    const counts = positiveCountsOf(ratings, catalogue.size);
    expect(counts).toEqual(trainingSet(ratings, catalogue.size, everyone).positiveCounts);
    // Each taste's users love their own shows: every anime has some, none has all users.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(ratings.userCount);
  });
});
