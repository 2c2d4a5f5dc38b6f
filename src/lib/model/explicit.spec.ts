import { describe, expect, it } from 'vitest';
import type { Ratings } from '$lib/data/shard-types';
import { heldOutRmse, predictScore } from './explicit';
import { DEFAULT_FOLD_IN, foldIn } from './fold-in';
import { createModel } from './ncf-model';
import { DEFAULT_TRAIN } from './ncf-train';
import { splitUsers } from '$lib/evaluation/split';
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
  it('predicts 10 · sigmoid of the logit', () => {
    const model = createModel(1, 2, 2, 1);
    model.items.set([0.5, -1, 2, 0]);
    model.itemBias.set([0.25, -0.5]);
    model.globalBias = 0.1;
    const user = Float32Array.from([2, 1]);
    // Anime 0: 0.1 + 0.3 + 0.25 + (2 · 0.5 − 1 · 1) = 0.65; anime 1: 0.1 + 0.3 − 0.5 + 4 = 3.9.
    expect(predictScore(model, user, 0.3, 0)).toBeCloseTo(10 / (1 + Math.exp(-0.65)), 5);
    expect(predictScore(model, user, 0.3, 1)).toBeCloseTo(10 / (1 + Math.exp(-3.9)), 5);
  });

  it('learns the scores: held-out users get their camp right and a low RMSE', async () => {
    const ratings = camps();
    const split = splitUsers(ratings);
    const set = trainingSet(ratings, 20, split.trainUsers, true);
    // Targets are the scores / 10, in the order of the entries kept.
    expect(Array.from(set.targets!.slice(0, 20), (t) => Math.round(t * 10))).toEqual(
      Array.from(
        set.items.slice(0, 20),
        (i) => ratings.score[ratings.rowPtr[split.trainUsers[0]!]! + i],
      ),
    );
    const config = { ...DEFAULT_TRAIN, dim: 4, epochs: 40, learningRate: 0.2 };
    const training = startTraining(set, split.trainUsers.length, 20, config);
    // The untrained model: the fold-in alone can fit only the user's bias, not their camp.
    const untrained = heldOutRmse(
      ratings,
      split,
      await training.stepper.toModel(),
      training.sampler,
      DEFAULT_FOLD_IN,
    );
    expect(untrained.rmse).toBeGreaterThan(2.5);
    for await (const report of training.epochs) expect(Number.isFinite(report.loss)).toBe(true);
    const model = await training.stepper.toModel();
    let right = 0;
    for (const user of split.testUsers) {
      const scored = user.input.filter((e) => ratings.score[e]! > 0);
      const folded = foldIn(
        model,
        scored.map((e) => ratings.anime[e]!),
        new Uint8Array(scored.length),
        training.sampler,
        DEFAULT_FOLD_IN,
        scored.map((e) => ratings.score[e]! / 10),
      );
      // Each held-out anime predicted nearer its true score than the other camp's.
      const close = user.heldOut.every((e) => {
        const predicted = predictScore(model, folded.vector, folded.bias, ratings.anime[e]!);
        return Math.abs(predicted - ratings.score[e]!) < 3;
      });
      if (close) right++;
    }
    expect(right).toBe(split.testUsers.length);
    const result = heldOutRmse(ratings, split, model, training.sampler, DEFAULT_FOLD_IN);
    expect(result.entries).toBeGreaterThan(100);
    // Predicting the mean (6) for every score would give an RMSE of 3.
    expect(result.rmse).toBeLessThan(1.5);
  });
});
