/**
 * A thread's own run of one epoch's examples, built where it trains: its users' labelled pairs
 * in a shuffled order, each positive followed by `negatives` anime sampled ∝ popularity^power and
 * redrawn while they are one of the user's own (as `epochExamples` does). Users are not split
 * between threads, so a thread can mark the anime of the user it is writing in a small array:
 * one lookup per draw, where a hash of every pair costs a cache miss.
 */
import { seededRandom } from '../random';
import { NEGATIVE_REDRAWS } from '../ncf-train';
import { dataViews, exampleViews, type KernelLayout } from './kernel-memory';

export interface RunJob {
  /** Users [firstUser, endUser) are this run's. */
  firstUser: number;
  endUser: number;
  /** Where the run's examples start in the examples area. */
  exampleStart: number;
  /** Sampled negatives per positive (0 for the explicit variant). */
  negatives: number;
  seed: number;
}

/** Arrays a thread keeps between epochs. */
export interface RunScratch {
  order: Uint32Array;
  at: Uint32Array;
  /** marks[anime] = user + 1 while that user's examples are written. */
  marks: Int32Array;
}

export function runScratch(itemCount: number): RunScratch {
  return { order: new Uint32Array(0), at: new Uint32Array(0), marks: new Int32Array(itemCount) };
}

/** Writes the run's examples into `buffer`; returns how many. */
export function writeRun(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  job: RunJob,
  scratch: RunScratch,
): number {
  const { table, items, labels, userStart } = dataViews(buffer, layout);
  const examples = exampleViews(buffer, layout, layout.capacity);
  const { firstUser, endUser, negatives } = job;
  const first = userStart[firstUser]!;
  const n = userStart[endUser]! - first;
  if (scratch.order.length < n) {
    scratch.order = new Uint32Array(n);
    scratch.at = new Uint32Array(n);
  }
  const { order, at, marks } = scratch;
  const random = seededRandom(job.seed);
  for (let k = 0; k < n; k++) order[k] = k;
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  // Where each pair's examples go: the shuffled order decides the place, the user order the
  // writing (so that the user's anime are marked once).
  let next = job.exampleStart;
  for (let k = 0; k < n; k++) {
    const o = order[k]!;
    at[o] = next;
    next += negatives && labels[first + o] === 1 ? 1 + negatives : 1;
  }
  const size = table.length;
  for (let user = firstUser; user < endUser; user++) {
    const from = userStart[user]!;
    const to = userStart[user + 1]!;
    for (let o = from; o < to; o++) marks[items[o]!] = user + 1;
    for (let o = from; o < to; o++) {
      let p = at[o - first]!;
      const label = labels[o]!;
      examples.users[p] = user;
      examples.items[p] = items[o]!;
      examples.labels[p++] = label;
      if (!negatives || label !== 1) continue;
      for (let k = 0; k < negatives; k++) {
        let item = table[Math.floor(random() * size)]!;
        for (let r = 0; r < NEGATIVE_REDRAWS && marks[item] === user + 1; r++) {
          item = table[Math.floor(random() * size)]!;
        }
        examples.users[p] = user;
        examples.items[p] = item;
        examples.labels[p++] = 0;
      }
    }
  }
  return next - job.exampleStart;
}
