/** The labelled interactions of the training users, and per-anime positive counts. */
import type { Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from './interactions';
import type { Interactions } from './ncf-train';

export interface TrainingSet extends Interactions {
  /** Positives per catalogue anime, over the training users. */
  positiveCounts: Float32Array;
}

export interface LabelledEntry {
  /** Training-user number, 0..n-1. */
  user: number;
  /** Catalogue index. */
  item: number;
  score: number;
  status: number;
}

/**
 * Implicit: keeps the entries that say something (positive or negative), not neutral ones.
 * Explicit: keeps every scored entry, with the score / 10 as its target.
 */
export function trainingSetFrom(
  entries: Iterable<LabelledEntry>,
  catalogueSize: number,
  explicit = false,
): TrainingSet {
  const users: number[] = [];
  const items: number[] = [];
  const feedback: number[] = [];
  const targets: number[] = [];
  const positiveCounts = new Float32Array(catalogueSize);
  for (const entry of entries) {
    const kind = feedbackOf(entry.score, entry.status);
    if (explicit ? entry.score === 0 : kind === Feedback.neutral) continue;
    users.push(entry.user);
    items.push(entry.item);
    feedback.push(kind);
    targets.push(entry.score / 10);
    if (explicit || kind === Feedback.positive) positiveCounts[entry.item]!++;
  }
  return {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: Uint8Array.from(feedback),
    targets: explicit ? Float32Array.from(targets) : undefined,
    positiveCounts,
  };
}

/** `users` are shard user indices; they are renumbered 0..n-1 in the result. */
export function trainingSet(
  ratings: Ratings,
  catalogueSize: number,
  users: number[],
  explicit = false,
): TrainingSet {
  return trainingSetFrom(shardEntries(ratings, users), catalogueSize, explicit);
}

function* shardEntries(ratings: Ratings, users: number[]): Generator<LabelledEntry> {
  for (const [row, user] of users.entries()) {
    for (let e = ratings.rowPtr[user]!; e < ratings.rowPtr[user + 1]!; e++) {
      yield {
        user: row,
        item: ratings.anime[e]!,
        score: ratings.score[e]!,
        status: ratings.status[e]!,
      };
    }
  }
}

/** Positives per catalogue anime over every user of `ratings` (what `trainingSet` counts, alone). */
export function positiveCountsOf(ratings: Ratings, catalogueSize: number): Float32Array {
  const counts = new Float32Array(catalogueSize);
  for (let e = 0; e < ratings.entryCount; e++)
    if (feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive)
      counts[ratings.anime[e]!]!++;
  return counts;
}
