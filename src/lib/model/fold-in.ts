/**
 * Fitting a user the model has never seen (an imported list, a test user) against the frozen
 * anime embeddings: a few SGD epochs on the user's own labelled entries plus sampled negatives.
 */
import { Feedback } from './interactions';
import { sigmoid, type NcfModel } from './ncf-model';
import { sampleNegative, type NegativeSampler } from './negative-sampler';
import { seededRandom } from './random';

export interface FoldInConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  negatives: number;
  seed: number;
}

export const DEFAULT_FOLD_IN: FoldInConfig = {
  epochs: 30,
  learningRate: 0.1,
  l2: 0.06,
  negatives: 4,
  seed: 7,
};

export interface FoldedUser {
  vector: Float32Array;
  bias: number;
}

/**
 * With `targets` (the explicit variant: score / 10 per item, NaN for unscored) the user is fitted
 * to those targets and no negatives are sampled.
 */
export function foldIn(
  model: NcfModel,
  items: ArrayLike<number>,
  feedback: ArrayLike<number>,
  sampler: NegativeSampler,
  config: FoldInConfig = DEFAULT_FOLD_IN,
  targets?: ArrayLike<number>,
): FoldedUser {
  const { dim } = model;
  const random = seededRandom(config.seed);
  const vector = new Float32Array(dim);
  let bias = 0;
  const update = (item: number, label: number, rate: number) => {
    const base = item * dim;
    let x = model.globalBias + bias + model.itemBias[item]!;
    for (let d = 0; d < dim; d++) x += vector[d]! * model.items[base + d]!;
    const g = (sigmoid(x) - label) * rate;
    for (let d = 0; d < dim; d++)
      vector[d] = vector[d]! - g * model.items[base + d]! - rate * config.l2 * vector[d]!;
    bias -= g;
  };
  const labelled: number[] = [];
  for (let k = 0; k < items.length; k++) {
    if (targets ? !Number.isNaN(targets[k]) : feedback[k] !== Feedback.neutral) labelled.push(k);
  }
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const rate = config.learningRate / (1 + epoch * 0.1);
    for (let n = labelled.length - 1; n > 0; n--) {
      const j = Math.floor(random() * (n + 1));
      [labelled[n], labelled[j]] = [labelled[j]!, labelled[n]!];
    }
    for (const k of labelled) {
      if (targets) {
        update(items[k]!, targets[k]!, rate);
        continue;
      }
      const positive = feedback[k] === Feedback.positive;
      update(items[k]!, positive ? 1 : 0, rate);
      if (!positive) continue;
      for (let s = 0; s < config.negatives; s++) update(sampleNegative(sampler, random), 0, rate);
    }
  }
  return { vector, bias };
}
