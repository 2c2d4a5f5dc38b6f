/**
 * Negative sampling over anime in proportion to popularity^power (word2vec's unigram trick):
 * a table of item indices, sampled with one random draw. Popular anime make harder, more
 * informative negatives than uniform ones.
 */
import type { Random } from './random';

export interface NegativeSampler {
  table: Uint32Array;
}

export function createSampler(
  counts: ArrayLike<number>,
  power: number,
  size = 1 << 20,
): NegativeSampler {
  const weights = Array.from(counts, (c) => (c > 0 ? c ** power : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error('no anime to sample negatives from');
  const table = new Uint32Array(size);
  let item = 0;
  let cumulative = weights[0]! / total;
  for (let t = 0; t < size; t++) {
    while ((t + 0.5) / size > cumulative && item < weights.length - 1)
      cumulative += weights[++item]! / total;
    table[t] = item;
  }
  return { table };
}

export function sampleNegative(sampler: NegativeSampler, random: Random): number {
  return sampler.table[Math.floor(random() * sampler.table.length)]!;
}
