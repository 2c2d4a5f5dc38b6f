/**
 * Title search over every known title of every anime, forgiving of case, accents, punctuation
 * and one typo per word (uFuzzy's single-error mode). Results rank exact and prefix matches
 * first, then by popularity, because a fan typing "naruto" means the show everyone watched.
 */
import uFuzzy from '@leeoniya/ufuzzy';
import type { Catalogue } from '$lib/data/shard-types';

export interface SearchIndex {
  /** One normalised line per anime: all its titles joined. */
  haystack: string[];
  /** Raw titles, for queries in scripts uFuzzy does not handle (Japanese). */
  raw: string[];
  members: Uint32Array;
}

const fuzzy = new uFuzzy({
  intraMode: 1,
  intraIns: 1,
  intraSub: 1,
  intraTrn: 1,
  intraDel: 1,
});

/** Lower-case ASCII words: "Kimi no Na wa." → "kimi no na wa", "Pokémon" → "pokemon". */
export function normaliseTitle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function buildSearchIndex(c: Catalogue): SearchIndex {
  const haystack: string[] = new Array(c.size);
  const raw: string[] = new Array(c.size);
  for (let i = 0; i < c.size; i++) {
    const titles = [c.title[i], c.titleEnglish[i], c.titleJapanese[i], c.titleSynonyms[i]].filter(
      Boolean,
    );
    raw[i] = titles.join(' | ');
    haystack[i] = titles.map((t) => normaliseTitle(t!)).join(' | ');
  }
  return { haystack, raw, members: c.members };
}

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
