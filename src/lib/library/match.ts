/** Finding each imported entry in the catalogue: by MAL id, or by exact (normalised) title. */
import { normaliseTitle } from '$lib/catalogue/title-text';
import type { Catalogue } from '$lib/data/shard-types';
import type { ListEntry } from './list-entry';

export interface CatalogueLookup {
  byMalId: Map<number, number>;
  byTitle: Map<string, number>;
}

export function buildLookup(c: Catalogue): CatalogueLookup {
  const byMalId = new Map<number, number>();
  for (let i = 0; i < c.size; i++) byMalId.set(c.malId[i]!, i);
  let byTitle: Map<string, number> | null = null;
  return {
    byMalId,
    // Only entries without a MAL id (a CSV of titles) need it: built on first use.
    get byTitle() {
      return (byTitle ??= titleIndex(c));
    },
  };
}

function titleIndex(c: Catalogue): Map<string, number> {
  const byTitle = new Map<string, number>();
  // The catalogue is ordered by popularity: the first claim on a shared title is the better-known.
  for (let i = 0; i < c.size; i++) {
    const titles = [c.title[i]!, c.titleEnglish[i]!, ...c.titleSynonyms[i]!.split('; ')];
    for (const title of titles) {
      const key = normaliseTitle(title);
      if (key && !byTitle.has(key)) byTitle.set(key, i);
    }
  }
  return byTitle;
}

/** The catalogue index of an entry, or -1. */
export function findEntry(lookup: CatalogueLookup, entry: ListEntry): number {
  if (entry.malId !== null) return lookup.byMalId.get(entry.malId) ?? -1;
  return lookup.byTitle.get(normaliseTitle(entry.title)) ?? -1;
}

/** How an entry is named to the user when it did not match: its title, else its id. */
export function entryName(entry: ListEntry): string {
  return entry.title || (entry.malId !== null ? `MAL id ${entry.malId}` : '(untitled)');
}
