/**
 * Fitting a user the model has never seen (an imported list, a test user) against the frozen
 * anime embeddings: a few SGD epochs on the user's own labelled entries plus sampled negatives
 * (never one of the anime on their list), with a decaying rate. The result is the average of the
 * iterates over the last epochs (Polyak averaging), which smooths out the sampling noise.
 */
import { Feedback } from './interactions';
import { sigmoid, type NcfModel } from './ncf-model';
import { NEGATIVE_REDRAWS } from './ncf-train';
import { sampleNegative, type NegativeSampler } from './negative-sampler';
import { seededRandom } from './random';

export interface FoldInConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  negatives: number;
  /** Average the user over the epochs from this fraction of the run on (1 = the last iterate). */
  averageFrom: number;
  seed: number;
}

export const DEFAULT_FOLD_IN: FoldInConfig = {
  epochs: 45,
  learningRate: 0.1,
  l2: 0.045,
  negatives: 3,
  averageFrom: 1 / 3,
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
  const onList = new Uint8Array(model.itemCount);
  for (let k = 0; k < items.length; k++) onList[items[k]!] = 1;
  const negative = () => {
    let item = sampleNegative(sampler, random);
    for (let r = 0; r < NEGATIVE_REDRAWS && onList[item]; r++)
      item = sampleNegative(sampler, random);
    return item;
  };
  const average = new Float32Array(dim);
  let averageBias = 0;
  let averaged = 0;
  const firstAveraged = Math.min(config.epochs - 1, Math.floor(config.epochs * config.averageFrom));
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
      for (let s = 0; s < config.negatives; s++) update(negative(), 0, rate);
    }
    if (epoch < firstAveraged) continue;
    for (let d = 0; d < dim; d++) average[d] = average[d]! + vector[d]!;
    averageBias += bias;
    averaged++;
  }
  if (averaged === 0) return { vector, bias };
  for (let d = 0; d < dim; d++) average[d] = average[d]! / averaged;
  return { vector: average, bias: averageBias / averaged };
}
