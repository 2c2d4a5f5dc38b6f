/** Blending two score vectors on a common scale: each is standardised (z-scores) per user. */
export function standardise(
  scores: Float32Array,
  out: Float32Array = new Float32Array(scores.length),
): Float32Array {
  let mean = 0;
  for (const s of scores) mean += s;
  mean /= scores.length || 1;
  let variance = 0;
  for (const s of scores) variance += (s - mean) ** 2;
  const sd = Math.sqrt(variance / (scores.length || 1)) || 1;
  for (let i = 0; i < scores.length; i++) out[i] = (scores[i]! - mean) / sd;
  return out;
}

/**
 * The popularity axis: z(log(1 + members)) over the catalogue. The niche control moves along it,
 * and popularity priors (the ranking's, "More like this") lean on it.
 */
export function popularityAxis(members: ArrayLike<number>): Float32Array {
  return standardise(Float32Array.from(members, (m) => Math.log1p(m)));
}

/** (1 − weight) · z(collaborative) + weight · z(content). */
export function blend(
  collaborative: Float32Array,
  content: Float32Array,
  weight: number,
): Float32Array {
  const a = standardise(collaborative);
  const b = standardise(content);
  for (let i = 0; i < a.length; i++) a[i] = (1 - weight) * a[i]! + weight * b[i]!;
  return a;
}
