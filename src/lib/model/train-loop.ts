/**
 * Epoch-by-epoch training as a generator, so a caller (the CLI, the worker) can report
 * progress, evaluate, checkpoint, pause or stop between epochs.
 */
import { createModel, type NcfModel } from './ncf-model';
import { epochExamples, sgdStep, type Examples, type TrainConfig } from './ncf-train';
import { createSampler, type NegativeSampler } from './negative-sampler';
import { seededRandom } from './random';
import type { TrainingSet } from './training-set';

export interface EpochReport {
  epoch: number;
  loss: number;
  examples: number;
  ms: number;
}

export interface Training {
  model: NcfModel;
  sampler: NegativeSampler;
  epochs: Generator<EpochReport, void, void>;
}

export function startTraining(
  set: TrainingSet,
  userCount: number,
  itemCount: number,
  config: TrainConfig,
): Training {
  const model = createModel(userCount, itemCount, config.dim, config.seed);
  const sampler = createSampler(set.positiveCounts, config.samplingPower);
  return { model, sampler, epochs: runEpochs(model, set, sampler, config) };
}

function* runEpochs(
  model: NcfModel,
  set: TrainingSet,
  sampler: NegativeSampler,
  config: TrainConfig,
): Generator<EpochReport, void, void> {
  const random = seededRandom(config.seed + 1);
  let examples: Examples | undefined;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const started = performance.now();
    examples = epochExamples(set, config.negatives, sampler, random, examples);
    const rate = config.learningRate * config.decay ** epoch;
    const loss = sgdStep(model, examples, rate, config.l2);
    yield { epoch: epoch + 1, loss, examples: examples.count, ms: performance.now() - started };
  }
}
