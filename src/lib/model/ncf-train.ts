/**
 * Training NCF on implicit feedback: every positive is a label-1 example followed by `negatives`
 * sampled anime as label 0, and observed negatives (dropped, low scores) are label 0 too. A sampled
 * negative is never one of the user's own labelled anime (those are redrawn): training a user's
 * liked anime as "unseen" would push them down.
 * The step is plain SGD with L2, fused per example: forward, gradient and update of the two
 * embedding rows and biases in one pass, which is what makes it fast.
 */
import { Feedback } from './interactions';
import { sigmoid, type NcfModel } from './ncf-model';
import { sampleNegative, type NegativeSampler } from './negative-sampler';
import type { Random } from './random';

export interface TrainConfig {
  dim: number;
  epochs: number;
  learningRate: number;
  /** Multiplies the learning rate after each epoch. */
  decay: number;
  l2: number;
  negatives: number;
  /** Negative sampling ∝ popularity^power (0 = uniform). */
  samplingPower: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainConfig = {
  dim: 128,
  epochs: 20,
  learningRate: 0.05,
  decay: 0.92,
  l2: 0.004,
  negatives: 8,
  samplingPower: 0.75,
  seed: 1,
};

/** Labelled (user, anime) pairs: the observed ones; sampled negatives are added per epoch. */
export interface Interactions {
  users: Uint32Array;
  items: Uint32Array;
  feedback: Uint8Array;
  /**
   * The explicit variant: a target in [0, 1] per pair (the score / 10). When present, pairs are
   * trained on their targets and no negatives are sampled.
   */
  targets?: Float32Array;
}

export interface Examples {
  users: Uint32Array | Int32Array;
  items: Uint32Array | Int32Array;
  /** 1 / 0 for implicit feedback, the scaled score for the explicit variant. */
  labels: Float32Array;
  count: number;
}

/**
 * The set of (user, anime) pairs with a label: what a user's sampled negatives must avoid. An
 * open-addressing hash table, so a lookup is about one memory access (a binary search per
 * negative made the epoch's examples several times slower to build).
 */
export interface OwnItems {
  /** Slot s is [2s] = user + 1 (0 = empty), [2s + 1] = the anime: one cache line per probe. */
  slots: Uint32Array;
  mask: number;
}

const slotOf = (user: number, item: number, mask: number) =>
  (Math.imul(user, 0x9e3779b1) ^ Math.imul(item, 0x85ebca6b)) & mask;

export function ownItems(data: Interactions): OwnItems {
  let size = 2;
  while (size < data.users.length * 2) size *= 2;
  const own = { slots: new Uint32Array(size * 2), mask: size - 1 };
  for (let k = 0; k < data.users.length; k++) {
    const user = data.users[k]!;
    const item = data.items[k]!;
    if (ownsItem(own, user, item)) continue;
    let slot = slotOf(user, item, own.mask);
    while (own.slots[slot * 2]) slot = (slot + 1) & own.mask;
    own.slots[slot * 2] = user + 1;
    own.slots[slot * 2 + 1] = item;
  }
  return own;
}

export function ownsItem(own: OwnItems, user: number, item: number): boolean {
  const { slots, mask } = own;
  for (let slot = slotOf(user, item, mask); slots[slot * 2]; slot = (slot + 1) & mask) {
    if (slots[slot * 2] === user + 1 && slots[slot * 2 + 1] === item) return true;
  }
  return false;
}

/** Redraws of a sampled negative that the user owns, before it is kept anyway. */
export const NEGATIVE_REDRAWS = 10;

const ownCache = new WeakMap<Interactions, OwnItems>();

/**
 * One epoch's examples, shuffled: observed pairs plus sampled negatives after each positive,
 * redrawn while they hit the user's own labelled anime.
 */
export function epochExamples(
  data: Interactions,
  negatives: number,
  sampler: NegativeSampler,
  random: Random,
  reuse?: Examples,
): Examples {
  const n = data.users.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const targets = data.targets;
  if (targets) negatives = 0;
  let capacity = 0;
  for (let i = 0; i < n; i++)
    capacity += data.feedback[i] === Feedback.positive ? 1 + negatives : 1;
  const out =
    reuse && reuse.users.length >= capacity
      ? reuse
      : {
          users: new Int32Array(capacity),
          items: new Int32Array(capacity),
          labels: new Float32Array(capacity),
          count: 0,
        };
  let own = ownCache.get(data);
  if (!own && negatives > 0) {
    own = ownItems(data);
    ownCache.set(data, own);
  }
  let at = 0;
  for (const i of order) {
    const user = data.users[i]!;
    const positive = data.feedback[i] === Feedback.positive;
    out.users[at] = user;
    out.items[at] = data.items[i]!;
    out.labels[at++] = targets ? targets[i]! : positive ? 1 : 0;
    if (!positive) continue;
    for (let k = 0; k < negatives; k++) {
      let item = sampleNegative(sampler, random);
      for (let r = 0; r < NEGATIVE_REDRAWS && ownsItem(own!, user, item); r++) {
        item = sampleNegative(sampler, random);
      }
      out.users[at] = user;
      out.items[at] = item;
      out.labels[at++] = 0;
    }
  }
  out.count = at;
  return out;
}

/** One SGD pass over `examples`; returns the mean log loss. Updates the model in place. */
export function sgdStep(
  model: NcfModel,
  examples: Examples,
  learningRate: number,
  l2: number,
): number {
  const { dim, users, items, userBias, itemBias } = model;
  let global = model.globalBias;
  let loss = 0;
  for (let e = 0; e < examples.count; e++) {
    const u = examples.users[e]!;
    const i = examples.items[e]!;
    const label = examples.labels[e]!;
    const pu = u * dim;
    const qi = i * dim;
    let x = global + userBias[u]! + itemBias[i]!;
    for (let d = 0; d < dim; d++) x += users[pu + d]! * items[qi + d]!;
    const p = sigmoid(x);
    loss -= label ? Math.log(p + 1e-7) : Math.log(1 - p + 1e-7);
    const g = (p - label) * learningRate;
    for (let d = 0; d < dim; d++) {
      const ud = users[pu + d]!;
      const id = items[qi + d]!;
      users[pu + d] = ud - g * id - learningRate * l2 * ud;
      items[qi + d] = id - g * ud - learningRate * l2 * id;
    }
    userBias[u] = userBias[u]! - g;
    itemBias[i] = itemBias[i]! - g - learningRate * l2 * itemBias[i]!;
    global -= g * 0.01;
  }
  model.globalBias = global;
  return examples.count ? loss / examples.count : 0;
}
