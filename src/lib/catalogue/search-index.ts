/**
 * The search haystack: every title of every anime, normalised. Built in the worker (it costs
 * tens of milliseconds for 30k anime), searched on the page.
 */
import type { Catalogue } from '$lib/data/shard-types';

export interface SearchIndex {
  /** One normalised line per anime: all its titles joined. */
  haystack: string[];
  /** Raw titles, for queries in scripts uFuzzy does not handle (Japanese). */
  raw: string[];
  members: Uint32Array;
}

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
