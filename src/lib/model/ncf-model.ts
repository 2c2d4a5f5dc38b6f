/**
 * The NCF model of the seed projects: user and anime embeddings, their dot product plus biases,
 * through a sigmoid. Parameters live in flat Float32Arrays so that the training step, the
 * fold-in of a new user and scoring run as tight loops (in Node, in the worker, or inside a
 * TF.js kernel).
 */
import { seededRandom } from './random';

export interface NcfModel {
  dim: number;
  userCount: number;
  itemCount: number;
  /** userCount × dim, row-major. */
  users: Float32Array;
  /** itemCount × dim, row-major. */
  items: Float32Array;
  userBias: Float32Array;
  itemBias: Float32Array;
  globalBias: number;
}

export function createModel(
  userCount: number,
  itemCount: number,
  dim: number,
  seed: number,
): NcfModel {
  const random = seededRandom(seed);
  const scale = 0.1 / Math.sqrt(dim);
  const init = (n: number) => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  return {
    dim,
    userCount,
    itemCount,
    users: init(userCount * dim),
    items: init(itemCount * dim),
    userBias: new Float32Array(userCount),
    itemBias: new Float32Array(itemCount),
    globalBias: 0,
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Logit of every anime for one user vector: the ranking score (the user's bias shifts all alike). */
export function scoreAll(
  model: NcfModel,
  user: Float32Array,
  out = new Float32Array(model.itemCount),
): Float32Array {
  const { dim, items, itemBias } = model;
  for (let i = 0; i < model.itemCount; i++) {
    let dot = itemBias[i]!;
    const base = i * dim;
    for (let d = 0; d < dim; d++) dot += user[d]! * items[base + d]!;
    out[i] = dot;
  }
  return out;
}
