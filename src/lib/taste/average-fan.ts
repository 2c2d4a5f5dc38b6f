/**
 * The dataset's average fan: what the shard's users' own lists look like, counted by the same
 * rules as the user's list (taste-rules.ts). One pass over the ratings (0.15–0.35 s in Node for
 * the real shard's 751k entries), done once per shard in the worker, where the ratings live.
 */
import type { Catalogue, Ratings, Shard } from '$lib/data/shard-types';
import {
  addLabelCounts,
  bump,
  countsAsSeen,
  malMean,
  median,
  memberBucket,
  MEMBER_BOUNDS,
} from './taste-rules';

export interface AverageFan {
  /** Users with at least one title that counts. */
  users: number;
  /** Titles that count per user, on average. */
  titles: number;
  /** Per genre label (the catalogue's order): the mean share of a user's titles with it. */
  genres: number[];
  /** Per theme label: the same. */
  themes: number[];
  /** Per members bucket: the mean share of a user's titles (members known) in it. */
  memberBuckets: number[];
  /** The median, over users, of the median members of each user's titles. */
  medianMembers: number;
  /** The mean, over users with `minScored` scored titles, of (their score − MAL's mean). */
  scoreVsMal: number;
  scoreUsers: number;
}

/** A user's mean difference from MAL counts only with this many scored titles behind it. */
export const MIN_SCORED = 5;

export function averageFan(
  ratings: Ratings,
  catalogue: Catalogue,
  minScored = MIN_SCORED,
): AverageFan {
  const { genres, themes, members, score } = catalogue;
  const genreSum = new Float64Array(genres.labels.length);
  const themeSum = new Float64Array(themes.labels.length);
  const genreCounts = new Float64Array(genres.labels.length);
  const themeCounts = new Float64Array(themes.labels.length);
  const bucketSum = new Float64Array(MEMBER_BOUNDS.length + 1);
  const bucketCounts = new Float64Array(bucketSum.length);
  const medians: number[] = [];
  const seen: number[] = [];
  const known: number[] = [];
  let users = 0;
  let titles = 0;
  let scoreUsers = 0;
  let differenceSum = 0;
  for (let u = 0; u < ratings.userCount; u++) {
    seen.length = 0;
    known.length = 0;
    let difference = 0;
    let scored = 0;
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++) {
      if (!countsAsSeen(ratings.status[e]!)) continue;
      const i = ratings.anime[e]!;
      seen.push(i);
      if (members[i]) known.push(members[i]);
      const mal = malMean(score, i);
      const own = ratings.score[e]!;
      if (own && mal) {
        difference += own - mal;
        scored++;
      }
    }
    if (seen.length === 0) continue;
    users++;
    titles += seen.length;
    addShares(addLabelCounts(genres, seen, genreCounts.fill(0)), seen.length, genreSum);
    addShares(addLabelCounts(themes, seen, themeCounts.fill(0)), seen.length, themeSum);
    if (known.length) {
      bucketCounts.fill(0);
      for (const m of known) bump(bucketCounts, memberBucket(m));
      addShares(bucketCounts, known.length, bucketSum);
      medians.push(median(known));
    }
    if (scored >= minScored) {
      differenceSum += difference / scored;
      scoreUsers++;
    }
  }
  const mean = (sum: Float64Array, n: number) => Array.from(sum, (s) => (n ? s / n : 0));
  return {
    users,
    titles: users ? titles / users : 0,
    genres: mean(genreSum, users),
    themes: mean(themeSum, users),
    memberBuckets: mean(bucketSum, medians.length),
    medianMembers: median(medians),
    scoreVsMal: scoreUsers ? differenceSum / scoreUsers : 0,
    scoreUsers,
  };
}

/** Adds each count's share of `total` (one user's titles) to the running sums. */
function addShares(counts: Float64Array, total: number, into: Float64Array): void {
  for (let k = 0; k < counts.length; k++) bump(into, k, counts[k]! / total);
}

const computed = new WeakMap<Shard, AverageFan>();

/** The average fan of a loaded shard, computed on first use. */
export function averageFanOf(shard: Shard): AverageFan {
  let fan = computed.get(shard);
  if (!fan) computed.set(shard, (fan = averageFan(shard.ratings, shard.catalogue)));
  return fan;
}
