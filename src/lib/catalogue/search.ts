/**
 * Title search over every known title of every anime, forgiving of case, accents, punctuation
 * and one typo per word (uFuzzy's single-error mode). Results rank exact and prefix matches
 * first, then by popularity, because a fan typing "naruto" means the show everyone watched.
 * A query in another script (Japanese) is matched as a substring of the folded titles, where
 * width, kana and punctuation do not matter.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import type { SearchIndex } from './search-index';
import { foldTitle, normaliseTitle } from './title-text';

const fuzzy = new uFuzzy({
  intraMode: 1,
  intraIns: 1,
  intraSub: 1,
  intraTrn: 1,
  intraDel: 1,
});

/** Catalogue indices matching the query, best first; null for an empty query. */
export function searchTitles(index: SearchIndex, query: string): number[] | null {
  const folded = foldTitle(query);
  if (!folded) return null;
  if ([...folded].some((ch) => ch.codePointAt(0)! > 0x24f)) {
    const hits: number[] = [];
    index.folded.forEach(
      (titles, i) =>
        (titles.includes(folded) || index.aliases[i]!.includes(folded)) && hits.push(i),
    );
    // A franchise's name ranks as a title that starts with the query does, not as a title.
    const prefixed = (i: number) => index.aliases[i]!.startsWith(folded);
    return rank(index, hits, (i) => index.folded[i]!.split('\n'), folded, prefixed);
  }
  const needle = normaliseTitle(query);
  if (!needle) return null;
  const hits = fuzzy.filter(index.haystack, needle) ?? [];
  return rank(index, Array.from(hits), (i) => index.haystack[i]!.split(' | '), needle);
}

/** Exact title first, then a title that starts with the needle, then any other hit. */
function rank(
  index: SearchIndex,
  hits: number[],
  titlesOf: (i: number) => string[],
  needle: string,
  prefixed: (i: number) => boolean = () => false,
): number[] {
  const tier = new Map<number, number>();
  for (const i of hits) {
    const titles = titlesOf(i);
    tier.set(
      i,
      titles.some((t) => t === needle)
        ? 0
        : prefixed(i) || titles.some((t) => t.startsWith(needle))
          ? 1
          : titles.some((t) => t.includes(needle))
            ? 2
            : 3,
    );
  }
  return hits.sort(
    (a, b) => tier.get(a)! - tier.get(b)! || index.members[b]! - index.members[a]! || a - b,
  );
}
