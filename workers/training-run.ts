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
import { startTraining } from '../src/lib/model/train-loop';
import { trainingSet } from '../src/lib/model/training-set';
import type { Shard } from '../src/lib/data/shard-types';
import {
  loadCheckpoint,
  saveCheckpoint,
  type CheckpointEpoch,
  type ModelCheckpoint,
} from '../src/lib/storage/db';
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
  /** Continue the stored, unfinished model (same settings) instead of starting afresh. */
  resume?: boolean;
}

export interface EpochProgress extends CheckpointEpoch {
  /** Set when this epoch's checkpoint could not be saved. */
  saveError?: string;
}

export interface TrainSummary {
  backend: BackendChoice;
  config: TrainConfig;
  epochs: EpochProgress[];
  examplesPerSecond: number;
  trainMs: number;
  cancelled: boolean;
  best?: { epoch: number; recall: number; trainMs: number };
  /** Epochs the run started from (0 for a fresh run). */
  resumedFrom: number;
}

export interface RunControl {
  cancelled: boolean;
  paused: Promise<void> | null;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runTraining(
  shard: Shard,
  shardSha256: string,
  options: TrainOptions,
  onEpoch: (progress: EpochProgress) => void,
  control: RunControl,
): Promise<TrainSummary> {
  const backend = await chooseBackend(options.backend);
  const stored = options.resume ? await resumable(shardSha256) : undefined;
  const config = stored?.config ?? { ...DEFAULT_TRAIN, ...options.config };
  const holdout = stored?.holdout ?? options.holdout ?? false;
  const { ratings, catalogue } = shard;
  const split = holdout ? splitUsers(ratings) : null;
  const users = split ? split.trainUsers : Array.from({ length: ratings.userCount }, (_, u) => u);
  const set = trainingSet(ratings, catalogue.size, users);
  const resume = stored && { model: stored.model, epoch: stored.epoch };
  const training = startTraining(
    set,
    users.length,
    catalogue.size,
    config,
    (m) => new TfNcf(m),
    resume,
  );
  const evaluation = split && {
    ...split,
    testUsers: split.testUsers.slice(0, options.evaluationUsers),
  };
  const epochs: EpochProgress[] = [...(stored?.history ?? [])];
  let best: TrainSummary['best'] = bestOf(epochs);
  let trainMs = epochs.at(-1)?.trainMs ?? 0;
  let examples = 0;
  let runMs = 0;
  try {
    for (const report of training.epochs) {
      trainMs += report.ms;
      runMs += report.ms;
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
      const checkpoint = {
        shardSha256,
        config,
        holdout,
        epoch: report.epoch,
        complete: report.epoch === config.epochs,
        backend: backend.name,
        history: epochs,
        model: training.stepper.toModel(),
        savedAt: new Date().toISOString(),
      };
      await saveCheckpoint(checkpoint).catch((error: unknown) => {
        progress.saveError = error instanceof Error ? error.message : String(error);
      });
      onEpoch(progress);
      await nextTask();
      while (control.paused) await control.paused;
      if (control.cancelled) break;
      if (best && options.patience && report.epoch - best.epoch >= options.patience) {
        await saveCheckpoint({ ...checkpoint, complete: true }).catch(() => {});
        break;
      }
    }
  } finally {
    training.stepper.dispose?.();
  }
  return {
    backend,
    config,
    epochs,
    examplesPerSecond: (examples / Math.max(1, runMs)) * 1000,
    trainMs,
    cancelled: control.cancelled,
    best,
    resumedFrom: stored?.epoch ?? 0,
  };
}

/** The stored model, if it is an unfinished run on this very shard. */
async function resumable(shardSha256: string): Promise<ModelCheckpoint> {
  const stored = await loadCheckpoint();
  if (!stored) throw new Error('There is no stored training run to resume.');
  if (stored.shardSha256 !== shardSha256) {
    throw new Error('The stored model was trained on another version of the dataset: retrain it.');
  }
  if (stored.complete) throw new Error('The stored model has finished training.');
  return stored;
}

function bestOf(epochs: EpochProgress[]): TrainSummary['best'] {
  let best: TrainSummary['best'];
  for (const e of epochs) {
    if (e.recall !== undefined && (!best || e.recall > best.recall)) {
      best = { epoch: e.epoch, recall: e.recall, trainMs: e.trainMs };
    }
  }
  return best;
}
