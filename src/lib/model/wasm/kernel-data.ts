/**
 * A training set laid out for the threads that build their own examples: the labelled pairs
 * grouped by user, the sampler's table, and the users cut into chunks with about the same number
 * of examples each (the threads take chunks until none is left). Each epoch the driving thread
 * shuffles the pairs and places their examples; the threads write them where placed.
 */
import { Feedback } from '../interactions';
import type { Interactions } from '../ncf-train';
import type { NegativeSampler } from '../negative-sampler';
import { seededRandom } from '../random';
import { dataViews, type KernelLayout } from './kernel-memory';
import { examplesOf } from './thread-examples';

export interface ChunkBounds {
  firstUser: number;
  endUser: number;
}

export interface LaidOut {
  set: Interactions;
  sampler: NegativeSampler;
  /** Sampled negatives per positive (0 for the explicit variant, which samples none). */
  negatives: number;
  n: number;
  samplerSize: number;
  /** Examples per epoch (the same every epoch). */
  capacity: number;
  chunks: ChunkBounds[];
  version: number;
  write(buffer: ArrayBufferLike, layout: KernelLayout): void;
  /** Shuffles the epoch's pairs, places their examples and resets the work counters. */
  place(buffer: ArrayBufferLike, layout: KernelLayout, seed: number): void;
}

export function layOutData(
  set: Interactions,
  sampler: NegativeSampler,
  negatives: number,
  chunkCount: number,
  lastVersion: number,
): LaidOut {
  if (set.targets) negatives = 0;
  const n = set.users.length;
  let userCount = 0;
  for (let k = 0; k < n; k++) userCount = Math.max(userCount, set.users[k]! + 1);
  const label = (k: number) =>
    set.targets ? set.targets[k]! : set.feedback[k] === Feedback.positive ? 1 : 0;
  const perUser = new Float64Array(userCount);
  const userStart = new Uint32Array(userCount + 1);
  for (let k = 0; k < n; k++) {
    const user = set.users[k]!;
    userStart[user + 1]!++;
    perUser[user]! += examplesOf(label(k), negatives);
  }
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!;
  const capacity = perUser.reduce((a, b) => a + b, 0);
  const chunks: ChunkBounds[] = [];
  let firstUser = 0;
  let sum = 0;
  for (let c = 0; c < chunkCount; c++) {
    const target = (capacity * (c + 1)) / chunkCount;
    let endUser = firstUser;
    while (endUser < userCount && (c === chunkCount - 1 || sum + perUser[endUser]! / 2 < target)) {
      sum += perUser[endUser++]!;
    }
    chunks.push({ firstUser, endUser });
    firstUser = endUser;
  }
  let order = new Uint32Array(0);
  return {
    ...{ set, sampler, negatives, n, samplerSize: sampler.table.length, capacity, chunks },
    version: lastVersion + 1,
    write(buffer, layout) {
      const views = dataViews(buffer, layout);
      views.table.set(sampler.table);
      // Users beyond the last one with data start (and end) at n.
      views.userStart.fill(n);
      views.userStart.set(userStart);
      const fill = userStart.slice(0, userCount);
      for (let k = 0; k < n; k++) {
        const at = fill[set.users[k]!]!++;
        views.items[at] = set.items[k]!;
        views.labels[at] = label(k);
      }
    },
    place(buffer, layout, seed) {
      const { labels, placement, counters } = dataViews(buffer, layout);
      if (order.length !== n) order = new Uint32Array(n);
      for (let o = 0; o < n; o++) order[o] = o;
      const random = seededRandom(seed);
      for (let k = n - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        const t = order[k]!;
        order[k] = order[j]!;
        order[j] = t;
      }
      let next = 0;
      for (let k = 0; k < n; k++) {
        const o = order[k]!;
        placement[o] = next;
        next += examplesOf(labels[o]!, this.negatives);
      }
      counters.fill(0);
    },
  };
}
