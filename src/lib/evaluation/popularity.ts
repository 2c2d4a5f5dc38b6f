/** The baseline every recommender must beat: the anime most training users liked. */
import type { Ranker } from './evaluate';

export function popularityRanker(positiveCounts: Float32Array): Ranker {
  return { name: 'popularity', scores: () => positiveCounts };
}
