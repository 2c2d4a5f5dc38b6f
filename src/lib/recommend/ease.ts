/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): an item–item weight matrix in closed
 * form. Over the binary "liked" matrix X of the training users, G = XᵀX + λI, P = G⁻¹ and
 * B_ij = −P_ij / P_jj with a zero diagonal; a user's score for item j is Σ_i x_i B_ij.
 * Only anime with at least `minLikes` likes take part (at most `maxItems`, most-liked first): the
 * inverse is O(n³) in plain JavaScript, so n bounds the build time.
 */

import { Feedback } from '$lib/model/interactions';
import type { Interactions } from '$lib/model/ncf-train';

export interface EaseConfig {
  /** Added to the Gram matrix's diagonal: the L2 penalty on B. */
  lambda: number;
  minLikes: number;
  maxItems: number;
}

export const DEFAULT_EASE: EaseConfig = { lambda: 200, minLikes: 5, maxItems: 3000 };

export interface EaseModel {
  /** Catalogue index of each column, most-liked first. */
  items: Uint32Array;
  /** Column of each catalogue anime, or −1 when it is not in the model. */
  column: Int32Array;
  /** B, n × n, row-major: row i holds what liking item i adds to every item. */
  weights: Float64Array;
}

/** Liked (user, item) pairs; a user's pairs may come in any order, repeats count once. */
export interface Likes {
  users: ArrayLike<number>;
  items: ArrayLike<number>;
}

/** The positive (user, anime) pairs of a training set. */
export function likesOf(set: Interactions): Likes {
  const users: number[] = [];
  const items: number[] = [];
  set.feedback.forEach((kind, e) => {
    if (kind !== Feedback.positive) return;
    users.push(set.users[e]!);
    items.push(set.items[e]!);
  });
  return { users, items };
}

/** Items with at least `minLikes` likes, most-liked first (ties: lower index), at most `maxItems`. */
export function selectItems(likeCounts: ArrayLike<number>, config: EaseConfig): Uint32Array {
  const chosen: number[] = [];
  for (let i = 0; i < likeCounts.length; i++) if (likeCounts[i]! >= config.minLikes) chosen.push(i);
  chosen.sort((a, b) => likeCounts[b]! - likeCounts[a]! || a - b);
  return Uint32Array.from(chosen.slice(0, config.maxItems));
}

/** G = XᵀX over the model's columns: G_ab counts the users who liked both a and b. */
export function gramMatrix(likes: Likes, column: Int32Array, n: number): Float64Array {
  const byUser = new Map<number, Set<number>>();
  for (let e = 0; e < likes.users.length; e++) {
    const c = column[likes.items[e]!]!;
    if (c < 0) continue;
    const user = likes.users[e]!;
    const set = byUser.get(user) ?? new Set<number>();
    set.add(c);
    byUser.set(user, set);
  }
  const gram = new Float64Array(n * n);
  for (const set of byUser.values()) {
    const cols = [...set];
    for (const a of cols) for (const b of cols) gram[a * n + b]!++;
  }
  return gram;
}

/** Σ x[xo + k]·y[yo + k] over k < len, on four sums: one running sum waits on each add. */
function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    s0 += x[xo + k]! * y[yo + k]!;
    s1 += x[xo + k + 1]! * y[yo + k + 1]!;
    s2 += x[xo + k + 2]! * y[yo + k + 2]!;
    s3 += x[xo + k + 3]! * y[yo + k + 3]!;
  }
  for (; k < len; k++) s0 += x[xo + k]! * y[yo + k]!;
  return s0 + s1 + s2 + s3;
}

/**
 * The inverse of a symmetric positive definite n × n matrix (row-major; not modified), through
 * its Cholesky factor: A = LLᵀ, W = L⁻¹, A⁻¹ = WᵀW. About n³/2 multiply-adds, each step a dot
 * product over contiguous memory. Throws when the matrix is not positive definite.
 */
export function invertSpd(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n) throw new RangeError('invertSpd: matrix is not n × n');
  // L below the diagonal (its diagonal apart), then Wᵀ on and above it: row j holds W's column j.
  const a = matrix.slice();
  const diagonal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = a[ri + j]! - dot(a, ri, a, rj, j);
      if (j < i) a[ri + j] = s / diagonal[j]!;
      else if (s > 0) diagonal[i] = Math.sqrt(s);
      else throw new RangeError(`invertSpd: not positive definite (pivot ${i})`);
    }
  }
  // W_ij = −(Σ_{j≤k<i} L_ik W_kj) / L_ii, column by column.
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    a[rj + j] = 1 / diagonal[j]!;
    for (let i = j + 1; i < n; i++) a[rj + i] = -dot(a, i * n + j, a, rj + j, i - j) / diagonal[i]!;
  }
  // (WᵀW)_pq = Σ_{k≥q} W_kp W_kq for p ≤ q.
  const inverse = new Float64Array(n * n);
  for (let p = 0; p < n; p++) {
    const rp = p * n;
    for (let q = p; q < n; q++) {
      const rq = q * n;
      const s = dot(a, rp + q, a, rq + q, n - q);
      inverse[rp + q] = s;
      inverse[rq + p] = s;
    }
  }
  return inverse;
}

/** B from the Gram matrix: P = (G + λI)⁻¹, B_ij = −P_ij / P_jj, B_ii = 0. */
export function easeWeights(gram: Float64Array, n: number, lambda: number): Float64Array {
  const regularised = gram.slice();
  for (let i = 0; i < n; i++) regularised[i * n + i]! += lambda;
  const p = invertSpd(regularised, n);
  const diagonal = Float64Array.from({ length: n }, (_, j) => p[j * n + j]!);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) p[ri + j] = i === j ? 0 : -p[ri + j]! / diagonal[j]!;
  }
  return p;
}

/** The model's columns and their Gram matrix: the cheap half of a build, before the inverse. */
export function easeColumns(likes: Likes, catalogueSize: number, config: EaseConfig) {
  const counts = new Float64Array(catalogueSize);
  const seen = new Set<number>();
  for (let e = 0; e < likes.users.length; e++) {
    const key = likes.users[e]! * catalogueSize + likes.items[e]!;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[likes.items[e]!]!++;
  }
  const items = selectItems(counts, config);
  const column = new Int32Array(catalogueSize).fill(-1);
  items.forEach((item, c) => (column[item] = c));
  return { items, column, gram: gramMatrix(likes, column, items.length) };
}

/** The EASE model of these likes over a catalogue of `catalogueSize` anime. */
export function buildEase(likes: Likes, catalogueSize: number, config: EaseConfig): EaseModel {
  const { items, column, gram } = easeColumns(likes, catalogueSize, config);
  return { items, column, weights: easeWeights(gram, items.length, config.lambda) };
}

/**
 * Scores for every catalogue anime from the anime a user liked. Anime outside the model get
 * −Infinity; among the model's, a tie (say, no liked anime in the model) goes to the most-liked,
 * by a tie-break far below any real weight.
 */
export function easeScores(
  model: EaseModel,
  liked: Iterable<number>,
  out = new Float32Array(model.column.length),
): Float32Array {
  const n = model.items.length;
  const sum = new Float64Array(n);
  const used = new Set<number>();
  for (const item of liked) {
    const c = model.column[item] ?? -1;
    if (c < 0 || used.has(c)) continue;
    used.add(c);
    const rc = c * n;
    for (let j = 0; j < n; j++) sum[j]! += model.weights[rc + j]!;
  }
  out.fill(-Infinity);
  for (let c = 0; c < n; c++) out[model.items[c]!] = sum[c]! - (c / Math.max(1, n)) * 1e-9;
  return out;
}
