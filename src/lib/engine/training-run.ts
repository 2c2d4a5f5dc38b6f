/**
 * One training run in the worker: picks the backend, trains epoch by epoch (the SIMD kernel on
 * every core, the plain loop, or TF.js with its fused kernel on a GPU), optionally measures held-out Recall@20 after each epoch, saves a checkpoint
 * after each epoch, and yields to the message loop between epochs so that pause, resume and
 * cancel arrive. If the backend fails mid-run (a lost WebGPU device, memory), training goes on
 * with the next backend from the last checkpoint (the parameters saved after the last epoch it
 * completed, kept in memory too); a lost device rules out both GPU backends.
 */
import type { Shard } from '$lib/data/shard-types';
import { evaluateRanker, evaluateRankers, type RankingResult } from '$lib/evaluation/evaluate';
import { createSampler, type NegativeSampler } from '$lib/model/negative-sampler';
import { popularityRanker } from '$lib/evaluation/popularity';
import { evaluationContext, hybridRankers, ncfRanker } from '$lib/evaluation/hybrid-rankers';
import type { NcfModel } from '$lib/model/ncf-model';
import { DEFAULT_TRAIN, type TrainConfig } from '$lib/model/ncf-train';
import { splitUsers, type EvaluationSplit } from '$lib/evaluation/split';
import { startTraining, type ResumePoint, type Stepper } from '$lib/model/train-loop';
import { trainingSet, type TrainingSet } from '$lib/model/training-set';
import { fallbackAfter } from './training-fallback';
import { loadCheckpoint, saveCheckpoint, type ModelCheckpoint } from '$lib/storage/db';
import { chooseBackend, stepperFor } from './backend';
import type { BackendChoice, BackendName, EpochProgress, TrainOptions, TrainSummary } from './api';

export interface RunControl {
  cancelled: boolean;
  paused: Promise<void> | null;
}

/** What the run needs from the outside world; tests pass their own. */
export interface TrainingDeps {
  chooseBackend: (
    preferred?: BackendName,
    exclude?: BackendName[],
    because?: string,
    threads?: number,
  ) => Promise<BackendChoice>;
  makeStepper: (initial: NcfModel, backend: BackendName) => Stepper;
  save: (checkpoint: ModelCheckpoint) => Promise<void>;
  load: () => Promise<ModelCheckpoint | undefined>;
}

const BROWSER_DEPS: TrainingDeps = {
  chooseBackend,
  makeStepper: (initial, backend) => stepperFor(backend, initial),
  save: saveCheckpoint,
  load: loadCheckpoint,
};

interface Plan {
  shard: Shard;
  shardSha256: string;
  config: TrainConfig;
  holdout: boolean;
  set: TrainingSet;
  userCount: number;
  evaluation: EvaluationSplit | null;
  options: TrainOptions;
}

/** Mutable totals of a run, carried across a backend switch. */
interface Tally {
  epochs: EpochProgress[];
  best?: TrainSummary['best'];
  trainMs: number;
  runMs: number;
  examples: number;
  last?: ResumePoint;
  notices: string[];
  stopped: boolean;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runTraining(
  shard: Shard,
  shardSha256: string,
  options: TrainOptions,
  onEpoch: (progress: EpochProgress) => void,
  control: RunControl,
  deps: TrainingDeps = BROWSER_DEPS,
): Promise<TrainSummary> {
  const stored = options.resume ? await resumable(shardSha256, deps) : undefined;
  const plan = makePlan(shard, shardSha256, options, stored);
  const history = [...(stored?.history ?? [])];
  const tally: Tally = {
    epochs: history,
    best: bestOf(history),
    trainMs: history.at(-1)?.trainMs ?? 0,
    runMs: 0,
    examples: 0,
    last: stored && { model: stored.model, epoch: stored.epoch },
    notices: [],
    stopped: false,
  };
  let excluded: BackendName[] = [];
  let backend = await deps.chooseBackend(options.backend);
  for (;;) {
    try {
      await trainOn(backend, plan, tally, deps, onEpoch, control);
      break;
    } catch (error) {
      if (control.cancelled) throw error;
      const epoch = tally.last?.epoch ?? 0;
      const fallback = fallbackAfter(backend.name, error, excluded, epoch, backend.threads);
      excluded = fallback.exclude;
      backend = await deps.chooseBackend(undefined, excluded, fallback.because, fallback.threads);
      tally.notices.push(fallback.notice(backend.name));
    }
  }
  const evaluation =
    plan.evaluation && tally.last && !control.cancelled
      ? compare(plan, tally.last.model)
      : undefined;
  if (evaluation && tally.last) {
    await deps
      .load()
      .then(async (saved) => {
        if (saved && saved.epoch === tally.last!.epoch) await deps.save({ ...saved, evaluation });
      })
      .catch(() => {});
  }
  return {
    backend,
    evaluation,
    config: plan.config,
    epochs: tally.epochs,
    examplesPerSecond: (tally.examples / Math.max(1, tally.runMs)) * 1000,
    trainMs: tally.trainMs,
    cancelled: control.cancelled,
    best: tally.best,
    resumedFrom: stored?.epoch ?? 0,
    notices: tally.notices,
  };
}

function makePlan(
  shard: Shard,
  shardSha256: string,
  options: TrainOptions,
  stored?: ModelCheckpoint,
): Plan {
  const config = stored?.config ?? { ...DEFAULT_TRAIN, ...options.config };
  const holdout = stored?.holdout ?? options.holdout ?? false;
  const { ratings, catalogue } = shard;
  const split = holdout ? splitUsers(ratings) : null;
  const users = split ? split.trainUsers : Array.from({ length: ratings.userCount }, (_, u) => u);
  const evaluation = split && {
    ...split,
    testUsers: split.testUsers.slice(0, options.evaluationUsers),
  };
  const set = trainingSet(ratings, catalogue.size, users);
  return { shard, shardSha256, config, holdout, set, userCount: users.length, evaluation, options };
}

/** Trains on one backend from the tally's last point until done, stopped or a failure. */
async function trainOn(
  backend: BackendChoice,
  plan: Plan,
  tally: Tally,
  deps: TrainingDeps,
  onEpoch: (progress: EpochProgress) => void,
  control: RunControl,
): Promise<void> {
  const { config, shard } = plan;
  const training = startTraining(
    plan.set,
    plan.userCount,
    shard.catalogue.size,
    config,
    (initial) => deps.makeStepper(initial, backend.name),
    tally.last,
  );
  try {
    for await (const report of training.epochs) {
      // Read first: an epoch whose parameters are lost with the device does not count.
      const model = await training.stepper.toModel();
      tally.trainMs += report.ms;
      tally.runMs += report.ms;
      tally.examples += report.examples;
      const progress: EpochProgress = {
        ...report,
        totalEpochs: config.epochs,
        examplesPerSecond: (report.examples / report.ms) * 1000,
        trainMs: tally.trainMs,
        recall: plan.evaluation ? heldOutRecall(plan, model, training.sampler) : undefined,
        notices: tally.notices.length ? [...tally.notices] : undefined,
      };
      if (progress.recall !== undefined && (!tally.best || progress.recall > tally.best.recall)) {
        tally.best = { epoch: report.epoch, recall: progress.recall, trainMs: tally.trainMs };
      }
      tally.epochs.push(progress);
      tally.last = { model, epoch: report.epoch };
      const plateau =
        !!tally.best &&
        !!plan.options.patience &&
        report.epoch - tally.best.epoch >= plan.options.patience;
      await deps
        .save({
          shardSha256: plan.shardSha256,
          config,
          holdout: plan.holdout,
          epoch: report.epoch,
          complete: report.epoch === config.epochs || plateau,
          backend: backend.name,
          history: tally.epochs,
          model,
          savedAt: new Date().toISOString(),
        })
        .catch((error: unknown) => {
          progress.saveError = error instanceof Error ? error.message : String(error);
        });
      onEpoch(progress);
      await nextTask();
      while (control.paused) await control.paused;
      if (control.cancelled || plateau) return;
    }
  } finally {
    try {
      training.stepper.dispose?.();
    } catch {
      // A failed backend may not release its memory cleanly; the next one starts afresh.
    }
  }
}

function heldOutRecall(plan: Plan, model: NcfModel, sampler: NegativeSampler): number {
  const { ratings, catalogue } = plan.shard;
  return evaluateRanker(ratings, catalogue.size, plan.evaluation!, ncfRanker({ model, sampler }))
    .recall;
}

/** Popularity, NCF, content and hybrids on the held-out users, for the model page's table. */
function compare(plan: Plan, model: NcfModel): RankingResult[] {
  const { ratings, catalogue } = plan.shard;
  const sampler = createSampler(plan.set.positiveCounts, plan.config.samplingPower);
  const rankers = [
    popularityRanker(plan.set.positiveCounts),
    ...hybridRankers(
      evaluationContext(catalogue, ratings, plan.evaluation!.trainUsers, { model, sampler }),
    ),
  ];
  return evaluateRankers(ratings, catalogue.size, plan.evaluation!, rankers);
}

/** The stored model, if it is an unfinished run on this very shard. */
async function resumable(shardSha256: string, deps: TrainingDeps): Promise<ModelCheckpoint> {
  const stored = await deps.load();
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
