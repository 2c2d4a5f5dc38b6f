/**
 * The user's stored list and how an import merges into it. Entries are kept whole, matched or
 * not; an entry the user edited in Tsugi keeps its edit when a later export is merged, unless the
 * user chooses to replace the list.
 */
import { normaliseTitle } from '$lib/catalogue/title-text';
import type { InvalidRow, ListEntry, ListFormat } from './list-entry';

export interface LibraryEntry extends ListEntry {
  /** ISO time of the import that last wrote it. */
  importedAt: string;
  /** ISO time of the user's last edit in Tsugi, if any. */
  editedAt?: string;
}

/** An entry as the page shows it: the file's own fields stay in the worker. */
export type ShownEntry = Omit<LibraryEntry, 'fields'>;

export interface ImportRecord {
  at: string;
  fileName: string;
  format: ListFormat;
  user: { id: string; name: string } | null;
  mode: ImportMode;
  entries: number;
  /** The first rows that were not entries, kept as they were. */
  invalid: InvalidRow[];
  /** How many rows were not entries (absent in lists stored before it was counted). */
  invalidTotal?: number;
}

export interface Library {
  entries: LibraryEntry[];
  imports: ImportRecord[];
  updatedAt: string;
  /** Keys of entries the user removed in Tsugi, with when: a merged import does not restore them. */
  removed?: Record<string, string>;
  /** Titles the user is not interested in, by MAL id (see hidden.ts); no import changes them. */
  hidden?: Record<number, HiddenTitle>;
}

/** A title (or its whole franchise) the user hid: see hidden.ts. */
export interface HiddenTitle {
  malId: number;
  /** The whole franchise is hidden, not only this title. */
  franchise: boolean;
  at: string;
}

export type ImportMode = 'merge' | 'replace';

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Entries edited in Tsugi that the import would have overwritten. */
  keptEdits: number;
  /** Stored entries the import does not mention (kept when merging). */
  keptOnlyStored: number;
}

/** One key per anime: the MAL id, or the normalised title when there is none. */
export function entryKey(entry: Pick<ListEntry, 'malId' | 'title'>): string {
  return entry.malId !== null ? `id:${entry.malId}` : `title:${normaliseTitle(entry.title)}`;
}

const sameEntry = (a: ListEntry, b: ListEntry) =>
  a.status === b.status &&
  a.score === b.score &&
  a.watchedEpisodes === b.watchedEpisodes &&
  a.startDate === b.startDate &&
  a.finishDate === b.finishDate;

export function mergeImport(
  stored: Library | null,
  incoming: ListEntry[],
  record: ImportRecord,
): { library: Library; counts: MergeCounts } {
  const counts: MergeCounts = {
    added: 0,
    updated: 0,
    unchanged: 0,
    keptEdits: 0,
    keptOnlyStored: 0,
  };
  const replace = record.mode === 'replace' || !stored;
  const merged = new Map<string, LibraryEntry>();
  if (!replace) for (const entry of stored.entries) merged.set(entryKey(entry), entry);
  const seen = new Set<string>();
  for (const entry of incoming) {
    const key = entryKey(entry);
    if (seen.has(key)) continue; // A duplicate row in one file: the first one counts.
    seen.add(key);
    if (!replace && stored.removed?.[key]) {
      counts.keptEdits++;
      continue;
    }
    const old = merged.get(key);
    if (!old) counts.added++;
    else if (old.editedAt) {
      counts.keptEdits++;
      continue;
    } else if (sameEntry(old, entry)) counts.unchanged++;
    else counts.updated++;
    merged.set(key, { ...entry, importedAt: record.at });
  }
  if (!replace) counts.keptOnlyStored = stored.entries.filter((e) => !seen.has(entryKey(e))).length;
  return {
    library: {
      entries: [...merged.values()],
      imports: [...(replace ? [] : stored.imports), record],
      updatedAt: record.at,
      removed: replace ? {} : stored.removed,
      hidden: stored?.hidden,
    },
    counts,
  };
}
