/**
 * "Not interested": titles (or whole franchises) the user hid from every recommendation. Kept
 * with the list, so every recommender and the fine-tune see the change, but apart from its
 * entries: they are never exported, and imports (merge or replace) keep them.
 */
import type { HiddenTitle, Library } from './library';
import type { ListEntry } from './list-entry';
import type { CatalogueLookup } from './match';

const emptyLibrary = (at: string): Library => ({ entries: [], imports: [], updatedAt: at });

export function hiddenTitles(library: Pick<Library, 'hidden'> | null | undefined): HiddenTitle[] {
  return Object.values(library?.hidden ?? {});
}

export function hideTitle(
  library: Library | null,
  malId: number,
  franchise: boolean,
  at: string,
): Library {
  const base = library ?? emptyLibrary(at);
  return { ...base, hidden: { ...base.hidden, [malId]: { malId, franchise, at } }, updatedAt: at };
}

export function unhideTitle(library: Library, malId: number, at: string): Library {
  if (!library.hidden?.[malId]) throw new Error('That title is no longer hidden.');
  const hidden = { ...library.hidden };
  delete hidden[malId];
  return { ...library, hidden, updatedAt: at };
}

/**
 * The list as the recommenders read it: its entries, and each hidden title that is not on it
 * as a dropped entry (a dislike the fold-in and the fine-tune learn from).
 */
export function recommenderEntries(library: Library): ListEntry[] {
  const listed = new Set(library.entries.map((e) => e.malId));
  const disliked = hiddenTitles(library)
    .filter((h) => !listed.has(h.malId))
    .map((h): ListEntry => ({
      malId: h.malId,
      title: '',
      status: 'dropped',
      score: 0,
      watchedEpisodes: 0,
      startDate: '',
      finishDate: '',
      fields: {},
    }));
  return disliked.length ? [...library.entries, ...disliked] : library.entries;
}

/**
 * 1 for every anime hidden: each hidden title, and every entry of each hidden franchise (by
 * `group`, each anime's franchise group). The worker and the page's instant hide both use it.
 */
export function hiddenMask(
  hidden: Pick<HiddenTitle, 'malId' | 'franchise'>[],
  lookup: Pick<CatalogueLookup, 'byMalId'>,
  franchises: { group: Int32Array },
): Uint8Array {
  const { group } = franchises;
  const mask = new Uint8Array(group.length);
  const hiddenGroups = new Set<number>();
  for (const h of hidden) {
    const i = lookup.byMalId.get(h.malId);
    if (i === undefined) continue;
    mask[i] = 1;
    if (h.franchise) hiddenGroups.add(group[i]!);
  }
  if (hiddenGroups.size)
    for (let j = 0; j < mask.length; j++) if (hiddenGroups.has(group[j]!)) mask[j] = 1;
  return mask;
}
