/**
 * Watching together: each member's scores (the same blend as their own recommendations) are
 * put on one scale — the member's percentile for each anime among the candidates — and combined
 * by the average (what the group likes most overall) or by least misery (the member who likes it
 * least decides). Titles any member has seen are left out.
 */
export type Aggregation = 'average' | 'least-misery';

export interface GroupPick {
  index: number;
  score: number;
  /**
   * Each member's percentile for it among the group's shortlist (the best `shortlist` by the
   * aggregation), 0–1: 1 = that member's favourite of the shortlist, 0 = their least favourite.
   */
  fits: number[];
  /** Why it suits the group, in words (filled in by the worker from each member's reasons). */
  reasons: string[];
}

/** How many of the group's best candidates the fits are measured among. */
export const GROUP_SHORTLIST = 100;

/** Each candidate's percentile within one member's scores (ties share the lower rank). */
export function percentiles(scores: Float32Array, candidates: number[]): Float32Array {
  const order = candidates.slice().sort((a, b) => scores[a]! - scores[b]!);
  const out = new Float32Array(scores.length);
  const last = Math.max(1, order.length - 1);
  let rank = 0;
  order.forEach((item, k) => {
    if (k > 0 && scores[item]! !== scores[order[k - 1]!]!) rank = k;
    out[item] = rank / last;
  });
  return out;
}

export function groupPicks(
  members: Float32Array[],
  /** 1 = not recommendable (seen by someone, adult, a continuation someone is not ready for). */
  excluded: Uint8Array,
  aggregation: Aggregation,
  limit: number,
  shortlistSize = GROUP_SHORTLIST,
): GroupPick[] {
  const candidates: number[] = [];
  for (let i = 0; i < excluded.length; i++) if (!excluded[i]) candidates.push(i);
  const fits = members.map((scores) => percentiles(scores, candidates));
  const combined = new Float32Array(excluded.length);
  for (const i of candidates) {
    let sum = 0;
    let least = Infinity;
    for (const f of fits) {
      sum += f[i]!;
      least = Math.min(least, f[i]!);
    }
    // Least misery breaks ties by the average, so equal minima still rank sensibly.
    combined[i] =
      aggregation === 'average' ? sum / fits.length : least + (sum / fits.length) * 1e-3;
  }
  const ranked = candidates.sort((a, b) => combined[b]! - combined[a]! || a - b);
  // Among every title nearly all of a member's good picks sit near 100%; among the group's own
  // shortlist the fits spread, and say whose pick each one is.
  const shortlist = ranked.slice(0, Math.max(shortlistSize, limit));
  const shortFits = members.map((scores) => percentiles(scores, shortlist));
  return ranked.slice(0, limit).map((index) => ({
    index,
    score: combined[index]!,
    fits: shortFits.map((f) => f[index]!),
    reasons: [],
  }));
}
