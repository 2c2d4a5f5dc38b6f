/**
 * Titles to rate when there is no list yet: popular first entries of their franchises (no
 * sequels, no adult titles), spread over genres so that the first few ratings tell the
 * recommenders something different each.
 */
import type { Catalogue } from '$lib/data/shard-types';
import { FLAG_ADULT } from '$lib/data/shard-types';
import type { Franchises } from './franchise';

const TYPES = new Set(['TV', 'Movie']);

export function starterTitles(c: Catalogue, franchises: Franchises, count: number): number[] {
  // The catalogue is ordered by popularity (members), most popular first.
  const eligible: number[] = [];
  for (let i = 0; i < c.size && eligible.length < count * 20; i++) {
    if (c.flags[i]! & FLAG_ADULT || franchises.order[i] !== 0) continue;
    if (!TYPES.has(c.type.labels[c.type.codes[i]!]!)) continue;
    eligible.push(i);
  }
  const genresOf = (i: number) =>
    Array.from(c.genres.values.subarray(c.genres.offsets[i], c.genres.offsets[i + 1]));
  const picked: number[] = [];
  const taken = new Set<number>();
  const covered = new Map<number, number>();
  // Each round takes, in popularity order, the title whose genres are least covered so far.
  while (picked.length < count && taken.size < eligible.length) {
    let best = -1;
    let bestCover = Infinity;
    for (const i of eligible) {
      if (taken.has(i)) continue;
      const cover = Math.min(...genresOf(i).map((g) => covered.get(g) ?? 0), Infinity);
      if (cover < bestCover) {
        best = i;
        bestCover = cover;
        if (cover === 0) break;
      }
    }
    if (best < 0) break;
    taken.add(best);
    picked.push(best);
    for (const g of genresOf(best)) covered.set(g, (covered.get(g) ?? 0) + 1);
  }
  return picked;
}
