/**
 * The explicit variant's measure, as in the seed projects: each test user is folded in from the
 * scores in their input, and the model predicts their held-out scores as 10 · sigmoid(logit).
 */
import type { Ratings } from '$lib/data/shard-types';
import { foldIn, type FoldInConfig } from './fold-in';
import { rmse } from '$lib/evaluation/metrics';
import { sigmoid, type NcfModel } from './ncf-model';
import type { NegativeSampler } from './negative-sampler';
import type { EvaluationSplit } from '$lib/evaluation/split';

export function predictScore(
  model: NcfModel,
  user: Float32Array,
  bias: number,
  item: number,
): number {
  let x = model.globalBias + bias + model.itemBias[item]!;
  for (let d = 0; d < model.dim; d++) x += user[d]! * model.items[item * model.dim + d]!;
  return 10 * sigmoid(x);
}

/** RMSE over every held-out scored entry of test users with at least one scored input entry. */
export function heldOutRmse(
  ratings: Ratings,
  split: EvaluationSplit,
  model: NcfModel,
  sampler: NegativeSampler,
  config: FoldInConfig,
): { rmse: number; entries: number } {
  const predicted: number[] = [];
  const actual: number[] = [];
  for (const user of split.testUsers) {
    const scored = user.input.filter((e) => ratings.score[e]! > 0);
    const heldOut = user.heldOut.filter((e) => ratings.score[e]! > 0);
    if (scored.length === 0 || heldOut.length === 0) continue;
    const items = scored.map((e) => ratings.anime[e]!);
    const targets = scored.map((e) => ratings.score[e]! / 10);
    const folded = foldIn(model, items, new Uint8Array(items.length), sampler, config, targets);
    for (const e of heldOut) {
      predicted.push(predictScore(model, folded.vector, folded.bias, ratings.anime[e]!));
      actual.push(ratings.score[e]!);
    }
  }
  return { rmse: rmse(predicted, actual), entries: predicted.length };
}
