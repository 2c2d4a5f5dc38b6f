import { describe, expect, it } from 'vitest';
import type { Ratings } from '$lib/data/shard-types';
import { heldOutRmse } from './explicit';
import { DEFAULT_FOLD_IN } from './fold-in';
import { DEFAULT_TRAIN } from './ncf-train';
import { splitUsers } from './split';
import { startTraining } from './train-loop';
import { trainingSet } from './training-set';

/** 200 users in two camps over 20 anime: each camp scores its own half 9 and the other half 3. */
function camps(): Ratings {
  const rowPtr = new Uint32Array(201);
  const anime: number[] = [];
  const score: number[] = [];
  for (let u = 0; u < 200; u++) {
    const firstCamp = u % 2 === 0;
    for (let i = 0; i < 20; i++) {
      anime.push(i);
      score.push(i < 10 === firstCamp ? 9 : 3);
    }
    rowPtr[u + 1] = anime.length;
  }
  return {
    userCount: 200,
    entryCount: anime.length,
    tables: ['t'],
    userTable: new Uint8Array(200),
    userSourceId: new Uint32Array(200),
    rowPtr,
    anime: Uint32Array.from(anime),
    score: Uint8Array.from(score),
    status: new Uint8Array(anime.length).fill(2),
  };
}

describe('the explicit variant', () => {
  it('predicts held-out scores far better than a constant', async () => {
    const ratings = camps();
    const split = splitUsers(ratings);
    const set = trainingSet(ratings, 20, split.trainUsers, true);
    expect(set.targets).toBeDefined();
    const config = { ...DEFAULT_TRAIN, dim: 4, epochs: 40, learningRate: 0.2 };
    const training = startTraining(set, split.trainUsers.length, 20, config);
    for await (const report of training.epochs) expect(report.loss).toBeGreaterThan(0);
    const result = heldOutRmse(
      ratings,
      split,
      await training.stepper.toModel(),
      training.sampler,
      DEFAULT_FOLD_IN,
    );
    expect(result.entries).toBeGreaterThan(100);
    expect(new Set(ratings.score)).toEqual(new Set([3, 9]));
    // Predicting the mean (6) for every score would give an RMSE of 3.
    expect(result.rmse).toBeLessThan(1.5);
  });
});
