/** Rankings made elsewhere (a RECS.csv of the file CLI) as a harness ranker. */
import type { Ranker } from './evaluate';

/**
 * Each test user's ranked catalogue indices, best first, keyed by the user id the lists were
 * written under (`u` + the shard user); anime not listed score −Infinity.
 */
export function rankedListsRanker(
  name: string,
  lists: Map<string, number[]>,
  catalogueSize: number,
): Ranker {
  const scores = new Float32Array(catalogueSize);
  return {
    name,
    scores: (_, user) => {
      scores.fill(-Infinity);
      const list = lists.get(`u${user.user}`) ?? [];
      list.forEach((i, r) => (scores[i] = list.length - r));
      return scores;
    },
  };
}
