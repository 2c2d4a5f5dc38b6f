/**
 * A training set laid out for the threads that build their own examples: the labelled pairs
 * grouped by user, the sampler's table, and the users cut into one run per thread with about
 * the same number of examples each.
 */
import { Feedback } from '../interactions';
import type { Interactions } from '../ncf-train';
import type { NegativeSampler } from '../negative-sampler';
import { dataViews, type KernelLayout } from './kernel-memory';

export interface RunBounds {
  firstUser: number;
  endUser: number;
  exampleStart: number;
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
  runs: RunBounds[];
  version: number;
  write(buffer: ArrayBufferLike, layout: KernelLayout): void;
}

export function layOutData(
  set: Interactions,
  sampler: NegativeSampler,
  negatives: number,
  threads: number,
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
    perUser[user]! += negatives && label(k) === 1 ? 1 + negatives : 1;
  }
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!;
  const capacity = perUser.reduce((a, b) => a + b, 0);
  const runs: RunBounds[] = [];
  let firstUser = 0;
  let exampleStart = 0;
  let sum = 0;
  for (let t = 0; t < threads; t++) {
    const target = (capacity * (t + 1)) / threads;
    let endUser = firstUser;
    while (endUser < userCount && (t === threads - 1 || sum + perUser[endUser]! / 2 < target)) {
      sum += perUser[endUser++]!;
    }
    runs.push({ firstUser, endUser, exampleStart });
    exampleStart = sum;
    firstUser = endUser;
  }
  return {
    ...{ set, sampler, negatives, n, samplerSize: sampler.table.length, capacity, runs },
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
  };
}
