import { describe, expect, it } from 'vitest';
import { Status, type Ratings } from '$lib/data/shard-types';
import { evaluateRankers } from './evaluate';
import type { EvaluationSplit } from './split';

// One test user: input anime 0 and 1, held out: 2 (liked), 3 (scored 4: not relevant), 4 (liked).
const ratings: Ratings = {
  userCount: 1,
  entryCount: 5,
  tables: ['t'],
  userTable: new Uint8Array(1),
  userSourceId: new Uint32Array(1),
  rowPtr: Uint32Array.from([0, 5]),
  anime: Uint32Array.from([0, 1, 2, 3, 4]),
  score: Uint8Array.from([9, 8, 9, 4, 0]),
  status: Uint8Array.from([2, 2, 2, 2, 2]),
};
const split: EvaluationSplit = {
  trainUsers: [],
  testUsers: [{ user: 0, input: [0, 1], heldOut: [2, 3, 4] }],
};

describe('evaluateRankers', () => {
  it('ranks all anime but the input, and scores hits against held-out positives', () => {
    const fixed = (name: string, scores: number[]) => ({
      name,
      scores: () => Float32Array.from(scores),
    });
    const results = evaluateRankers(
      ratings,
      6,
      split,
      [
        // Input anime 0 and 1 score highest but must be skipped; then 2 and 4 (both relevant).
        fixed('perfect', [9, 9, 5, 1, 4, 0]),
        // 3 (not relevant) and 5 (never seen) first, then 2.
        fixed('poor', [9, 9, 1, 5, 0, 4]),
      ],
      2,
    );
    expect(results.map((r) => [r.name, r.recall, r.users])).toEqual([
      ['perfect', 1, 1],
      ['poor', 0, 1],
    ]);
    expect(results[0]!.ndcg).toBeCloseTo(1);
  });

  it('measures discovery against held-out likes from franchises the input has not started', () => {
    // Anime 2 continues anime 0's franchise; 4 starts a new one.
    const franchise = Int32Array.from([0, 1, 0, 3, 4, 5]);
    const ranker = (name: string, scores: number[]) => ({
      name,
      scores: () => Float32Array.from(scores),
    });
    const [sequel, fresh] = evaluateRankers(
      ratings,
      6,
      split,
      [ranker('sequel first', [0, 0, 9, 0, 1, 0]), ranker('new first', [0, 0, 1, 0, 9, 0])],
      1,
      franchise,
    );
    expect([sequel!.recall, sequel!.discovery]).toEqual([1, 0]);
    expect([fresh!.recall, fresh!.discovery]).toEqual([1, 1]);
    // Anime 0 only planned: its franchise is not started, so its sequel counts as new.
    const planned = { ...ratings, status: Uint8Array.from([Status.planToWatch, 2, 2, 2, 2]) };
    const [sequelAfterPlan] = evaluateRankers(
      planned,
      6,
      split,
      [ranker('sequel first', [0, 0, 9, 0, 1, 0])],
      1,
      franchise,
    );
    expect(sequelAfterPlan!.discovery).toBe(1);
  });
});
