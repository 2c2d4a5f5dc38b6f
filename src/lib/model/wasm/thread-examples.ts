/**
 * One chunk of users' examples for an epoch, written where the epoch's shuffle placed them:
 * each labelled pair, and after each positive `negatives` anime sampled ∝ popularity^power,
 * redrawn while they are one of the user's own (as `epochExamples` does). A chunk holds whole
 * users, so the thread can mark the anime of the user it is writing in a small array: one
 * lookup per draw, where a hash of every pair costs a cache miss. Chunks are seeded by their
 * number, so the examples do not depend on which thread wrote them, nor on how many there are.
 */
import { seededRandom } from '../random';
import { NEGATIVE_REDRAWS } from '../ncf-train';
import { dataViews, exampleViews, type KernelLayout } from './kernel-memory';

export interface ChunkJob {
  /** Users [firstUser, endUser) are this chunk's. */
  firstUser: number;
  endUser: number;
  /** Sampled negatives per positive (0 for the explicit variant). */
  negatives: number;
  seed: number;
}

/** Examples per labelled pair: a positive brings its sampled negatives. */
export const examplesOf = (label: number, negatives: number) =>
  negatives && label === 1 ? 1 + negatives : 1;

/** Writes the chunk's examples into `buffer`. `marks`: one entry per anime, kept by the thread. */
export function writeChunk(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  job: ChunkJob,
  marks: Int32Array,
): void {
  const { table, items, labels, userStart, placement } = dataViews(buffer, layout);
  const examples = exampleViews(buffer, layout, layout.capacity);
  const { negatives } = job;
  const random = seededRandom(job.seed);
  const size = table.length;
  for (let user = job.firstUser; user < job.endUser; user++) {
    const from = userStart[user]!;
    const to = userStart[user + 1]!;
    // A mark left by this user in an earlier epoch is one of their anime still: no clearing.
    for (let o = from; o < to; o++) marks[items[o]!] = user + 1;
    for (let o = from; o < to; o++) {
      let p = placement[o]!;
      const label = labels[o]!;
      examples.users[p] = user;
      examples.items[p] = items[o]!;
      examples.labels[p++] = label;
      if (examplesOf(label, negatives) === 1) continue;
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
}
