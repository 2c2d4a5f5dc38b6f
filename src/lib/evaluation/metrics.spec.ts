import { describe, expect, it } from 'vitest';
import { ndcgAtK, recallAtK, rmse, topK } from './metrics';

describe('topK', () => {
  it('returns the best indices in order, skipping excluded ones, ties to the lower index', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.5, 0.9, 0.7, -1]);
    expect(Array.from(topK(scores, 3))).toEqual([1, 3, 4]);
    expect(Array.from(topK(scores, 3, Uint8Array.from([0, 1, 0, 0, 0, 0])))).toEqual([3, 4, 2]);
    expect(Array.from(topK(scores, 10))).toEqual([1, 3, 4, 2, 0, 5]);
  });
});

describe('ranking metrics', () => {
  it('divides hits by min(k, relevant)', () => {
    expect(recallAtK([1, 2, 3], new Set([2, 9]), 3)).toBe(0.5);
    expect(recallAtK([1, 2], new Set([1, 2, 3, 4]), 2)).toBe(1);
    expect(recallAtK([1, 2], new Set(), 2)).toBe(0);
  });

  it('gives NDCG 1 for a perfect ranking and less when hits come later', () => {
    expect(ndcgAtK([4, 5, 6], new Set([4, 5]), 3)).toBeCloseTo(1);
    const late = ndcgAtK([6, 4, 5], new Set([4, 5]), 3);
    expect(late).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3)));
    expect(late).toBeLessThan(1);
  });

  it('computes RMSE', () => {
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3));
    expect(() => rmse([1], [1, 2])).toThrow(/length/);
  });
});
