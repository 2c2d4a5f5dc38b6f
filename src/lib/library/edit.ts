/**
 * Edits the user makes in Tsugi. Each returns a new library with the change stamped (`editedAt`),
 * so that a later merged import keeps it; a removed entry is remembered so an import does not
 * bring it back (a replace does).
 */
import type { Library, LibraryEntry } from './library';
import { entryKey } from './library';
import type { ListEntry, ListStatus } from './list-entry';

export interface EntryChange {
  status?: ListStatus | '';
  score?: number;
  watchedEpisodes?: number;
  startDate?: string;
  finishDate?: string;
}

/** Checks a change; returns what is wrong with it, or '' when it is fine. */
export function checkChange(change: EntryChange): string {
  const { score, watchedEpisodes, startDate, finishDate } = change;
  if (score !== undefined && !(Number.isInteger(score) && score >= 0 && score <= 10))
    return 'A score is a whole number from 1 to 10 (or none).';
  if (watchedEpisodes !== undefined && !(Number.isInteger(watchedEpisodes) && watchedEpisodes >= 0))
    return 'Episodes watched is a whole number, 0 or more.';
  for (const date of [startDate, finishDate])
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return `"${date}" is not a date (YYYY-MM-DD).`;
  if (startDate && finishDate && finishDate < startDate)
    return 'The finish date is before the start date.';
  return '';
}

function find(library: Library, key: string): number {
  const at = library.entries.findIndex((e) => entryKey(e) === key);
  if (at < 0) throw new Error('That entry is no longer on your list.');
  return at;
}

export function editEntry(library: Library, key: string, change: EntryChange, at: string): Library {
  const problem = checkChange(change);
  if (problem) throw new Error(problem);
  const index = find(library, key);
  const entries = library.entries.slice();
  entries[index] = { ...entries[index]!, ...change, editedAt: at };
  return { ...library, entries, updatedAt: at };
}

export function addEntry(library: Library | null, entry: ListEntry, at: string): Library {
  const base: Library = library ?? { entries: [], imports: [], updatedAt: at };
  const key = entryKey(entry);
  if (base.entries.some((e) => entryKey(e) === key)) throw new Error('It is already on your list.');
  const added: LibraryEntry = { ...entry, importedAt: at, editedAt: at };
  const removed = { ...base.removed };
  delete removed[key];
  return { ...base, entries: [...base.entries, added], removed, updatedAt: at };
}

export function removeEntry(library: Library, key: string, at: string): Library {
  const index = find(library, key);
  return {
    ...library,
    entries: library.entries.filter((_, k) => k !== index),
    removed: { ...library.removed, [key]: at },
    updatedAt: at,
  };
}

/** A new entry for an anime picked from the catalogue (or rated on the cold-start grid). */
export function catalogueEntry(malId: number, title: string, change: EntryChange): ListEntry {
  return {
    malId,
    title,
    status: change.status ?? 'completed',
    score: change.score ?? 0,
    watchedEpisodes: change.watchedEpisodes ?? 0,
    startDate: change.startDate ?? '',
    finishDate: change.finishDate ?? '',
    fields: {},
  };
}
