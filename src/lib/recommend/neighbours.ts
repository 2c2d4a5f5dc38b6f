/**
 * User-based recommendations, as the seed projects do them: the users of the shard nearest to
 * this user by (cosine) embedding similarity, and what they loved that this user has not seen.
 */
import type { Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from '$lib/model/interactions';
import type { NcfModel } from '$lib/model/ncf-model';

export const NEIGHBOURS = 50;

export interface Neighbours {
  users: Uint32Array;
  similarity: Float32Array;
}

export function nearestUsers(model: NcfModel, vector: Float32Array, k = NEIGHBOURS): Neighbours {
  const { dim, users } = model;
  const norm = Math.hypot(...vector) || 1;
  const similarity = new Float32Array(model.userCount);
  for (let u = 0; u < model.userCount; u++) {
    let dot = 0;
    let squares = 0;
    for (let d = 0; d < dim; d++) {
      const x = users[u * dim + d]!;
      dot += x * vector[d]!;
      squares += x * x;
    }
    similarity[u] = dot / (norm * (Math.sqrt(squares) || 1));
  }
  const order = Array.from({ length: model.userCount }, (_, u) => u)
    .sort((a, b) => similarity[b]! - similarity[a]!)
    .slice(0, k);
  return {
    users: Uint32Array.from(order),
    similarity: Float32Array.from(order, (u) => similarity[u]!),
  };
}

/** Each anime's score: the summed similarity of the neighbours who loved it. */
export function neighbourScores(
  ratings: Ratings,
  neighbours: Neighbours,
  itemCount: number,
): Float32Array {
  const scores = new Float32Array(itemCount);
  neighbours.users.forEach((u, n) => {
    const weight = Math.max(neighbours.similarity[n]!, 0);
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++) {
      if (feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive)
        scores[ratings.anime[e]!]! += weight;
    }
  });
  return scores;
}

/** How many of the neighbours loved anime `item`. */
export function neighboursWhoLoved(ratings: Ratings, neighbours: Neighbours, item: number): number {
  let count = 0;
  for (const u of neighbours.users) {
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++) {
      if (ratings.anime[e] !== item) continue;
      if (feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive) count++;
      break;
    }
  }
  return count;
}
