/** Ranking metrics under full ranking: every candidate anime is scored, none sampled. */

/**
 * The k best-scoring indices, best first, skipping those with `excluded[i]` set. Ties go to the
 * lower index, so results are deterministic.
 */
export function topK(scores: Float32Array, k: number, excluded?: Uint8Array): Int32Array {
  const best = new Int32Array(k).fill(-1);
  const bestScore = new Float32Array(k).fill(-Infinity);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    if (excluded?.[i]) continue;
    const s = scores[i]!;
    if (size === k && !(s > bestScore[k - 1]!)) continue;
    let at = size < k ? size++ : k - 1;
    while (at > 0 && s > bestScore[at - 1]!) {
      best[at] = best[at - 1]!;
      bestScore[at] = bestScore[at - 1]!;
      at--;
    }
    best[at] = i;
    bestScore[at] = s;
  }
  return size < k ? best.slice(0, size) : best;
}

/** Hits in the top k divided by min(k, relevant): 1 means as good as possible. */
export function recallAtK(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r]!)) hits++;
  return hits / Math.min(k, relevant.size);
}

/** Binary-relevance NDCG: DCG of the top k over the DCG of a perfect top k. */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: Set<number>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    if (relevant.has(ranked[r]!)) dcg += 1 / Math.log2(r + 2);
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length) throw new RangeError('rmse: length mismatch');
  if (predicted.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i]! - actual[i]!) ** 2;
  return Math.sqrt(sum / predicted.length);
}
