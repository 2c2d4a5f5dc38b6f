import { describe, expect, it } from 'vitest';
import type { Ratings } from '$lib/data/shard-types';
import { listStats } from './list-stats';

const ratings = {
  entryCount: 5,
  anime: Uint32Array.from([0, 1, 1, 1, 2]),
  score: Uint8Array.from([9, 8, 0, 5, 0]),
} as unknown as Ratings;

describe('listStats', () => {
  it('counts the lists that hold an anime and averages only the scores given', () => {
    expect(listStats(ratings, 1)).toEqual({ lists: 3, scored: 2, meanScore: 6.5 });
    expect(listStats(ratings, 2)).toEqual({ lists: 1, scored: 0, meanScore: 0 });
    expect(listStats(ratings, 3)).toEqual({ lists: 0, scored: 0, meanScore: 0 });
  });
});
