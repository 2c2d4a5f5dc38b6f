/** What the dataset's users made of one anime: the anime page's "N lists, mean score". */
import type { Ratings } from '$lib/data/shard-types';

export interface ListStats {
  /** The dataset's lists that hold the anime. */
  lists: number;
  /** Those that scored it. */
  scored: number;
  /** Their mean score (0 when none scored it). */
  meanScore: number;
}

export function listStats(ratings: Ratings, index: number): ListStats {
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
