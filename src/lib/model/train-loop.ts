/**
 * Epoch-by-epoch training as an async generator (GPU results are read asynchronously), so a caller (the CLI, the worker) can report
 * progress, evaluate, checkpoint, pause or stop between epochs. The step itself is pluggable:
 * the plain typed-array loop, or the TF.js kernel on whichever backend is active.
 */
import { createModel, type NcfModel } from './ncf-model';
import {
  epochExamples,
  sgdStep,
  type Examples,
  type Interactions,
  type TrainConfig,
} from './ncf-train';
import { createSampler, type NegativeSampler } from './negative-sampler';
import { seededRandom } from './random';
import type { TrainingSet } from './training-set';

export interface EpochReport {
  epoch: number;
  loss: number;
  examples: number;
  ms: number;
}

export interface EpochResult {
  loss: number;
  examples: number;
}

/**
 * Something that can run an SGD pass and hand back the parameters; both resolve once the results
 * are readable (on a GPU, after the device has done the work).
 */
export interface Stepper {
  train(examples: Examples, learningRate: number, l2: number): Promise<number>;
  /**
   * Builds the epoch's examples itself and trains on them (the CPU kernel's threads each build
   * their own run, in parallel); without it the loop builds them with `epochExamples`.
   */
  trainEpoch?(
    set: Interactions,
    sampler: NegativeSampler,
    negatives: number,
    seed: number,
    learningRate: number,
    l2: number,
  ): Promise<EpochResult>;
  /** A snapshot of the parameters: later training does not change it. */
  toModel(): Promise<NcfModel>;
  /** Frees backend memory (TF.js variables); the plain loop has none. */
  dispose?(): void;
}

export function plainStepper(model: NcfModel): Stepper {
  return {
    train: (examples, rate, l2) => Promise.resolve(sgdStep(model, examples, rate, l2)),
    toModel: () => Promise.resolve(structuredClone(model)),
  };
}

export interface Training {
  stepper: Stepper;
  sampler: NegativeSampler;
  epochs: AsyncGenerator<EpochReport, void, void>;
}

/** Where to pick up: a checkpoint's parameters and the number of epochs it completed. */
export interface ResumePoint {
  model: NcfModel;
  epoch: number;
}

export function startTraining(
  set: TrainingSet,
  userCount: number,
  itemCount: number,
  config: TrainConfig,
  makeStepper: (initial: NcfModel) => Stepper = plainStepper,
  resume?: ResumePoint,
): Training {
  const initial = resume?.model ?? createModel(userCount, itemCount, config.dim, config.seed);
  const stepper = makeStepper(initial);
  const sampler = createSampler(set.positiveCounts, config.samplingPower);
  return { stepper, sampler, epochs: runEpochs(stepper, set, sampler, config, resume?.epoch ?? 0) };
}

async function* runEpochs(
  stepper: Stepper,
  set: TrainingSet,
  sampler: NegativeSampler,
  config: TrainConfig,
  firstEpoch: number,
): AsyncGenerator<EpochReport, void, void> {
  let examples: Examples | undefined;
  for (let epoch = firstEpoch; epoch < config.epochs; epoch++) {
    const started = performance.now();
    // Seeded per epoch, so a run resumed from a checkpoint continues exactly as it would have.
    const seed = config.seed * 7919 + epoch + 1;
    const rate = config.learningRate * config.decay ** epoch;
    let result: EpochResult;
    if (stepper.trainEpoch) {
      result = await stepper.trainEpoch(set, sampler, config.negatives, seed, rate, config.l2);
    } else {
      examples = epochExamples(set, config.negatives, sampler, seededRandom(seed), examples);
      result = { loss: await stepper.train(examples, rate, config.l2), examples: examples.count };
    }
    yield { epoch: epoch + 1, ...result, ms: performance.now() - started };
  }
}
