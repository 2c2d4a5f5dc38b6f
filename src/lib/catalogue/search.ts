/**
 * Title search over every known title of every anime, forgiving of case, accents, punctuation
 * and one typo per word (uFuzzy's single-error mode). Results rank exact and prefix matches
 * first, then by popularity, because a fan typing "naruto" means the show everyone watched.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import { normaliseTitle, type SearchIndex } from './search-index';

const fuzzy = new uFuzzy({
  intraMode: 1,
  intraIns: 1,
  intraSub: 1,
  intraTrn: 1,
  intraDel: 1,
});

/** Catalogue indices matching the query, best first; null for an empty query. */
export function searchTitles(index: SearchIndex, query: string): number[] | null {
  const needle = normaliseTitle(query);
  if (!needle) return null;
  if ([...needle].some((ch) => ch.codePointAt(0)! > 0x24f)) {
    const lowered = query.trim().toLowerCase();
    const hits: number[] = [];
    index.raw.forEach((titles, i) => titles.toLowerCase().includes(lowered) && hits.push(i));
    return rank(index, hits, needle);
  }
  const hits = fuzzy.filter(index.haystack, needle) ?? [];
  return rank(index, Array.from(hits), needle);
}

function rank(index: SearchIndex, hits: number[], needle: string): number[] {
  const tier = new Map<number, number>();
  for (const i of hits) {
    const line = index.haystack[i]!;
    const titles = line.split(' | ');
    tier.set(
      i,
      titles.some((t) => t === needle)
        ? 0
        : titles.some((t) => t.startsWith(needle))
          ? 1
          : line.includes(needle)
            ? 2
            : 3,
    );
  }
  return hits.sort(
    (a, b) => tier.get(a)! - tier.get(b)! || index.members[b]! - index.members[a]! || a - b,
  );
}
