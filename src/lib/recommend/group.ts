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
  /** Each member's percentile for it, 0–1 (1 = their very top pick). */
  fits: number[];
}

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
  return candidates
    .sort((a, b) => combined[b]! - combined[a]! || a - b)
    .slice(0, limit)
    .map((index) => ({ index, score: combined[index]!, fits: fits.map((f) => f[index]!) }));
}
