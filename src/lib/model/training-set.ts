/** The labelled interactions of the training users, and per-anime positive counts. */
import type { Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from './interactions';
import type { Interactions } from './ncf-train';

export interface TrainingSet extends Interactions {
  /** Positives per catalogue anime, over the training users. */
  positiveCounts: Float32Array;
}

/** `users` are shard user indices; they are renumbered 0..n-1 in the result. */
export function trainingSet(ratings: Ratings, catalogueSize: number, users: number[]): TrainingSet {
  const u: number[] = [];
  const items: number[] = [];
  const feedback: number[] = [];
  const positiveCounts = new Float32Array(catalogueSize);
  users.forEach((user, row) => {
    for (let e = ratings.rowPtr[user]!; e < ratings.rowPtr[user + 1]!; e++) {
      const kind = feedbackOf(ratings.score[e]!, ratings.status[e]!);
      if (kind === Feedback.neutral) continue;
      u.push(row);
      items.push(ratings.anime[e]!);
      feedback.push(kind);
      if (kind === Feedback.positive) positiveCounts[ratings.anime[e]!]!++;
    }
  });
  return {
    users: Uint32Array.from(u),
    items: Uint32Array.from(items),
    feedback: Uint8Array.from(feedback),
    positiveCounts,
  };
}
