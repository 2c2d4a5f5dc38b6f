/**
 * Fine-tuning the model with one user's list: the user joins the model as a new row (started
 * from their fold-in), and a few epochs of the app's own SGD step update that row and the anime
 * embeddings together. Each epoch also replays the lists of some of the model's own users, so
 * the anime embeddings adapt to this user without forgetting everyone else.
 */
import { Feedback } from './interactions';
import { foldIn, type FoldedUser } from './fold-in';
import type { NcfModel } from './ncf-model';
import {
  DEFAULT_TRAIN,
  epochExamples,
  sgdStep,
  type Examples,
  type Interactions,
} from './ncf-train';
import type { NegativeSampler } from './negative-sampler';
import { seededRandom } from './random';
import { plainStepper, type Stepper } from './train-loop';

export interface FineTuneConfig {
  epochs: number;
  learningRate: number;
  decay: number;
  l2: number;
  negatives: number;
  /** Model users whose lists are replayed each epoch. */
  replayUsers: number;
  /** Which: those whose vectors are nearest the user's fold-in (a local fit), or a random sample. */
  replay: 'nearest' | 'random';
  /** How many times the user's own entries appear in each epoch. */
  userRepeats: number;
  /** After the epochs, fit the user's row again by a fold-in against the tuned anime. */
  refold: boolean;
  seed: number;
}

export const DEFAULT_FINE_TUNE: FineTuneConfig = {
  epochs: 3,
  learningRate: 0.01,
  decay: 0.7,
  l2: DEFAULT_TRAIN.l2,
  negatives: DEFAULT_TRAIN.negatives,
  replayUsers: 100,
  replay: 'nearest',
  userRepeats: 1,
  refold: true,
  seed: 11,
};

export interface FineTuned {
  model: NcfModel;
  /** The user's row in `model.users`. */
  userRow: number;
  examples: number;
}

/** The user's labelled entries (not neutral ones). */
export interface UserList {
  items: ArrayLike<number>;
  feedback: ArrayLike<number>;
}

/** What a fine-tune starts from. */
export interface FineTuneJob {
  base: NcfModel;
  /** The model users' labelled entries, grouped by user in ascending order (`trainingSet`). */
  others: Interactions;
  user: UserList;
  /** The user's fold-in against `base`: their row's first value. */
  start: FoldedUser;
  sampler: NegativeSampler;
  config?: FineTuneConfig;
}

export interface FineTuneRun {
  /** Where the SGD steps run (the worker passes its best backend's); the plain loop by default. */
  makeStepper?: (initial: NcfModel) => Stepper;
  /** Called after every epoch; may pause (the worker yields there). */
  onEpoch?: (epoch: number) => Promise<void> | void;
}

export async function fineTune(
  job: FineTuneJob,
  { makeStepper = plainStepper, onEpoch = () => {} }: FineTuneRun = {},
): Promise<FineTuned> {
  const plan = planFineTune(job);
  const stepper = makeStepper(plan.model);
  try {
    for (let epoch = 0; epoch < plan.epochs; epoch++) {
      const { batch, rate } = plan.epoch(epoch);
      await stepper.train(batch, rate, plan.l2);
      await onEpoch(epoch + 1);
    }
    return plan.finish(await stepper.toModel());
  } finally {
    stepper.dispose?.();
  }
}

/** The same on the plain loop, synchronously (the evaluation harness ranks synchronously). */
export function fineTuneNow(job: FineTuneJob): FineTuned {
  const plan = planFineTune(job);
  for (let epoch = 0; epoch < plan.epochs; epoch++) {
    const { batch, rate } = plan.epoch(epoch);
    sgdStep(plan.model, batch, rate, plan.l2);
  }
  return plan.finish(plan.model);
}

/** The starting model with the user's row, each epoch's examples, and the closing re-fold. */
function planFineTune({
  base,
  others,
  user,
  start,
  sampler,
  config = DEFAULT_FINE_TUNE,
}: FineTuneJob) {
  const model = withNewUser(base, start);
  const userRow = base.userCount;
  const replayed =
    config.replay === 'nearest'
      ? nearestRows(base, start.vector, config.replayUsers)
      : randomRows(base.userCount, config.replayUsers, config.seed);
  const data = replayWithUser(others, base.userCount, replayed, user, userRow, config);
  const random = seededRandom(config.seed);
  let examples = 0;
  return {
    model,
    epochs: config.epochs,
    l2: config.l2,
    epoch(epoch: number): { batch: Examples; rate: number } {
      const batch = epochExamples(data, config.negatives, sampler, random);
      examples += batch.count;
      return { batch, rate: config.learningRate * config.decay ** epoch };
    },
    finish(tuned: NcfModel): FineTuned {
      if (config.refold) {
        const { vector, bias } = foldIn(tuned, user.items, user.feedback, sampler);
        tuned.users.set(vector, userRow * tuned.dim);
        tuned.userBias[userRow] = bias;
      }
      return { model: tuned, userRow, examples };
    },
  };
}

/** The tuned model without the user's own row (so the user is not their own nearest user). */
export function withoutUser(tuned: Pick<FineTuned, 'model' | 'userRow'>): NcfModel {
  const { model, userRow } = tuned;
  return {
    ...model,
    userCount: userRow,
    users: model.users.subarray(0, userRow * model.dim),
    userBias: model.userBias.subarray(0, userRow),
  };
}

/** The user's row of a tuned model. */
export function userVector(tuned: Pick<FineTuned, 'model' | 'userRow'>): Float32Array {
  const { model, userRow } = tuned;
  return model.users.slice(userRow * model.dim, (userRow + 1) * model.dim);
}

/** A copy of `base` with one more user row holding `start`. */
function withNewUser(base: NcfModel, start: FoldedUser): NcfModel {
  const users = new Float32Array((base.userCount + 1) * base.dim);
  users.set(base.users);
  users.set(start.vector, base.userCount * base.dim);
  const userBias = new Float32Array(base.userCount + 1);
  userBias.set(base.userBias);
  userBias[base.userCount] = start.bias;
  return {
    ...base,
    userCount: base.userCount + 1,
    users,
    userBias,
    items: base.items.slice(),
    itemBias: base.itemBias.slice(),
  };
}

/** `count` model users whose vectors have the highest cosine with `vector`. */
function nearestRows(model: NcfModel, vector: Float32Array, count: number): number[] {
  const { dim, users } = model;
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += vector[d]! ** 2;
  const cosine = new Float32Array(model.userCount);
  for (let u = 0; u < model.userCount; u++) {
    let dot = 0;
    let squares = 0;
    for (let d = 0; d < dim; d++) {
      dot += users[u * dim + d]! * vector[d]!;
      squares += users[u * dim + d]! ** 2;
    }
    cosine[u] = dot / (Math.sqrt(norm * squares) || 1);
  }
  return Array.from(cosine.keys())
    .sort((a, b) => cosine[b]! - cosine[a]! || a - b)
    .slice(0, count);
}

function randomRows(userCount: number, count: number, seed: number): Set<number> {
  const random = seededRandom(seed * 31 + 1);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, userCount)) chosen.add(Math.floor(random() * userCount));
  return chosen;
}

/** The chosen users' entries, plus the user's own, repeated. */
function replayWithUser(
  others: Interactions,
  otherUsers: number,
  chosen: Iterable<number>,
  user: UserList,
  userRow: number,
  config: FineTuneConfig,
): Interactions {
  const starts = new Uint32Array(otherUsers + 1);
  for (const u of others.users) starts[u + 1]!++;
  for (let u = 0; u < otherUsers; u++) starts[u + 1]! += starts[u]!;
  const users: number[] = [];
  const items: number[] = [];
  const feedback: number[] = [];
  for (const u of chosen) {
    for (let k = starts[u]!; k < starts[u + 1]!; k++) {
      users.push(u);
      items.push(others.items[k]!);
      feedback.push(others.feedback[k]!);
    }
  }
  for (let r = 0; r < config.userRepeats; r++) {
    for (let k = 0; k < user.items.length; k++) {
      if (user.feedback[k] === Feedback.neutral) continue;
      users.push(userRow);
      items.push(user.items[k]!);
      feedback.push(user.feedback[k]!);
    }
  }
  return {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: Uint8Array.from(feedback),
  };
}
