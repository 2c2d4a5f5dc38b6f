/**
 * Anime like a given one, three ways: nearest by normalised embedding (the seeds'
 * find_similar_animes), nearest by content vector, and what the users who loved it also loved
 * (co-loved counts, damped by each title's own popularity so the list is not just the top 20).
 */
import type { Ratings } from '$lib/data/shard-types';
import { Feedback, feedbackOf } from '$lib/model/interactions';
import type { NcfModel } from '$lib/model/ncf-model';
import { contentScores, type ContentIndex } from './content';
import { standardise } from './blend';
import { contentVector } from './explain';
import { CONTENT_POPULARITY_PRIOR } from './signals/content';
import { ITEM_BASED_POPULARITY_PRIOR } from './signals/item-knn';

/** Cosine of every anime's embedding with anime `item`'s. */
export function embeddingSimilarity(
  model: NcfModel,
  norms: Float32Array,
  item: number,
): Float32Array {
  const { dim, items } = model;
  const out = new Float32Array(model.itemCount);
  for (let j = 0; j < model.itemCount; j++) {
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += items[item * dim + d]! * items[j * dim + d]!;
    out[j] = dot / (norms[item]! * norms[j]!);
  }
  return out;
}

/** Cosine of every anime's content vector with anime `item`'s (the vectors are unit length). */
export function contentSimilarity(index: ContentIndex, item: number): Float32Array {
  return contentScores(index, contentVector(index, item));
}

export interface FansAlsoLiked {
  /** Per anime: how many of the fans loved it too. */
  counts: Uint16Array;
  /** Counts damped by popularity: counts / sqrt(positives + damping). */
  scores: Float32Array;
  fans: number;
}

const DAMPING = 20;

export function fansAlsoLiked(
  ratings: Ratings,
  positives: Float32Array,
  item: number,
): FansAlsoLiked {
  const counts = new Uint16Array(positives.length);
  let fans = 0;
  for (let u = 0; u < ratings.userCount; u++) {
    const start = ratings.rowPtr[u]!;
    const end = ratings.rowPtr[u + 1]!;
    let loved = false;
    for (let e = start; e < end; e++) {
      if (ratings.anime[e] !== item) continue;
      loved = feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive;
      break;
    }
    if (!loved) continue;
    fans++;
    for (let e = start; e < end; e++) {
      const j = ratings.anime[e]!;
      if (j !== item && feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive)
        counts[j] = Math.min(counts[j]! + 1, 65535);
    }
  }
  const scores = Float32Array.from(counts, (n, j) =>
    n < 2 ? -Infinity : n / Math.sqrt(positives[j]! + DAMPING),
  );
  return { counts, scores, fans };
}

/** How much a "like this one" list leans on popularity: the main ranking's priors. */
export interface SimilarPriors {
  content: number;
  fans: number;
}

export const SIMILAR_PRIORS: SimilarPriors = {
  content: CONTENT_POPULARITY_PRIOR,
  fans: ITEM_BASED_POPULARITY_PRIOR,
};

/**
 * The order of a "like this one" list: z(scores) + prior · popularity (`popularityAxis`), as the main ranking adds
 * popularity to content and to item-kNN (which anime are on the list is the caller's choice).
 */
export function leanOnPopularity(
  scores: Float32Array,
  popularity: Float32Array,
  prior: number,
): Float32Array {
  const z = standardise(Float32Array.from(scores, (s) => (Number.isFinite(s) ? s : 0)));
  for (let i = 0; i < z.length; i++) z[i]! += prior * popularity[i]!;
  return z;
}
