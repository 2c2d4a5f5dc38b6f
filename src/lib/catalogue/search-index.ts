/**
 * The search haystack: every title of every anime, normalised. Built in the worker when a page
 * first asks for it (150–400 ms for 30k anime on a desktop core, so not before the first paint),
 * searched on the page.
 */
import type { Catalogue } from '$lib/data/shard-types';
import { japaneseAliases } from './title-aliases';
import { foldTitle, normaliseTitle } from './title-text';

export interface SearchIndex {
  /** One normalised line per anime: all its titles joined. */
  haystack: string[];
  /**
   * For queries in scripts uFuzzy does not handle (Japanese): per anime, its titles in such a
   * script, folded (`foldTitle`), one per line ('' for most anime, whose titles are all Latin).
   */
  folded: string[];
  /** Per anime, a Japanese name its franchise is known by (`title-aliases.ts`), folded, or ''. */
  aliases: string[];
  members: Uint32Array;
}

/** Beyond Latin letters with accents: a title only a Japanese (or other script) query can reach. */
const OTHER_SCRIPT = /[\u0250-\uffff]/;

export function buildSearchIndex(c: Catalogue): SearchIndex {
  const haystack: string[] = new Array(c.size);
  const folded: string[] = new Array(c.size);
  const romaji: string[] = new Array(c.size);
  for (let i = 0; i < c.size; i++) {
    const titles = [c.title[i], c.titleEnglish[i], c.titleJapanese[i], c.titleSynonyms[i]].filter(
      Boolean,
    ) as string[];
    const normalised = titles.map(normaliseTitle);
    romaji[i] = c.title[i] ? normalised[0]! : '';
    haystack[i] = normalised.join(' | ');
    folded[i] = titles
      .flatMap((t) =>
        OTHER_SCRIPT.test(t) ? t.split('; ').filter((s) => OTHER_SCRIPT.test(s)) : [],
      )
      .map(foldTitle)
      .join('\n');
  }
  const aliases = new Array<string>(c.size).fill('');
  for (const [i, alias] of japaneseAliases(c, romaji)) aliases[i] = foldTitle(alias);
  return { haystack, folded, aliases, members: c.members };
}
