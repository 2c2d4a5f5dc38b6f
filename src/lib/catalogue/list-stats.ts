import type { Ratings } from '$lib/data/shard-types';

/** How many of the shard's users list anime `index`, and their mean score. */
export function listStats(
  ratings: Ratings,
  index: number,
): { lists: number; scored: number; meanScore: number } {
  let lists = 0;
  let scored = 0;
  let sum = 0;
  for (let e = 0; e < ratings.entryCount; e++) {
    if (ratings.anime[e] !== index) continue;
    lists++;
    if (ratings.score[e]) {
      scored++;
      sum += ratings.score[e]!;
    }
  }
  return { lists, scored, meanScore: scored ? sum / scored : 0 };
}
