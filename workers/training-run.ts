/**
 * One training run in the worker: picks the backend, trains epoch by epoch through the fused
 * TF.js kernel, optionally measures held-out Recall@20 after each epoch, and yields to the
 * message loop between epochs so that pause, resume and cancel arrive.
 */
import { evaluateRanker } from '../src/lib/model/evaluate';
import { foldIn } from '../src/lib/model/fold-in';
import { scoreAll } from '../src/lib/model/ncf-model';
import { DEFAULT_TRAIN, type TrainConfig } from '../src/lib/model/ncf-train';
import { splitUsers } from '../src/lib/model/split';
import { TfNcf } from '../src/lib/model/tf/tf-ncf';
import { startTraining, type EpochReport } from '../src/lib/model/train-loop';
import { trainingSet } from '../src/lib/model/training-set';
import type { Shard } from '../src/lib/data/shard-types';
import { chooseBackend, type BackendChoice, type BackendName } from './backend';

export interface TrainOptions {
  config?: Partial<TrainConfig>;
  /** Train on 80% of users and report Recall@20 on (a sample of) the rest after each epoch. */
  holdout?: boolean;
  /** How many test users the per-epoch Recall@20 uses (all when absent). */
  evaluationUsers?: number;
  /** Stop after this many epochs without a better Recall@20 (holdout only). */
  patience?: number;
  backend?: BackendName;
}

export interface EpochProgress extends EpochReport {
  totalEpochs: number;
  examplesPerSecond: number;
  /** Training time so far, evaluation excluded. */
  trainMs: number;
  recall?: number;
}

export interface TrainSummary {
  backend: BackendChoice;
  config: TrainConfig;
  epochs: EpochProgress[];
  examplesPerSecond: number;
  trainMs: number;
  cancelled: boolean;
  best?: { epoch: number; recall: number; trainMs: number };
}

export interface RunControl {
  cancelled: boolean;
  paused: Promise<void> | null;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runTraining(
  shard: Shard,
  options: TrainOptions,
  onEpoch: (progress: EpochProgress) => void,
  control: RunControl,
): Promise<TrainSummary> {
  const backend = await chooseBackend(options.backend);
  const config = { ...DEFAULT_TRAIN, ...options.config };
  const { ratings, catalogue } = shard;
  const split = options.holdout ? splitUsers(ratings) : null;
  const users = split ? split.trainUsers : Array.from({ length: ratings.userCount }, (_, u) => u);
  const set = trainingSet(ratings, catalogue.size, users);
  const training = startTraining(set, users.length, catalogue.size, config, (m) => new TfNcf(m));
  const evaluation = split && {
    ...split,
    testUsers: split.testUsers.slice(0, options.evaluationUsers),
  };
  const epochs: EpochProgress[] = [];
  let best: TrainSummary['best'];
  let trainMs = 0;
  let examples = 0;
  try {
    for (const report of training.epochs) {
      trainMs += report.ms;
      examples += report.examples;
      const progress: EpochProgress = {
        ...report,
        totalEpochs: config.epochs,
        examplesPerSecond: (report.examples / report.ms) * 1000,
        trainMs,
      };
      if (evaluation) {
        const model = training.stepper.toModel();
        const scores = new Float32Array(catalogue.size);
        progress.recall = evaluateRanker(ratings, catalogue.size, evaluation, {
          name: 'NCF',
          scores: (input) =>
            scoreAll(
              model,
              foldIn(model, input.items, input.feedback, training.sampler).vector,
              scores,
            ),
        }).recall;
        if (!best || progress.recall > best.recall)
          best = { epoch: report.epoch, recall: progress.recall, trainMs };
      }
      epochs.push(progress);
      onEpoch(progress);
      await nextTask();
      while (control.paused) await control.paused;
      if (control.cancelled) break;
      if (best && options.patience && report.epoch - best.epoch >= options.patience) break;
    }
  } finally {
    training.stepper.dispose?.();
  }
  return {
    backend,
    config,
    epochs,
    examplesPerSecond: (examples / Math.max(1, trainMs)) * 1000,
    trainMs,
    cancelled: control.cancelled,
    best,
  };
}
