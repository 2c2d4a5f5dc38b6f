/**
 * The rows of Your list: each entry with the title and episode count it is shown with, filtered
 * and sorted as the page asks. Computed once per list, so a list of 200,000 entries filters and
 * sorts in a fraction of a second.
 */
import { displayTitle } from '$lib/catalogue/labels';
import type { Catalogue } from '$lib/data/shard-types';
import { entryKey, type ShownEntry } from './library';
import { LIST_STATUSES, type ListStatus } from './list-entry';

export interface LibraryRow {
  entry: ShownEntry;
  key: string;
  title: string;
  /** The title in lower case, for the text filter. */
  folded: string;
  /** The anime's episode count in the catalogue (0 when unknown or not in the catalogue). */
  episodes: number;
}

export type RowSort = 'title' | 'score' | 'status' | 'updated';

export function libraryRows(entries: ShownEntry[], catalogue: Catalogue): LibraryRow[] {
  const indexOf = new Map<number, number>();
  catalogue.malId.forEach((id, i) => indexOf.set(id, i));
  return entries.map((entry) => {
    const i = entry.malId === null ? undefined : indexOf.get(entry.malId);
    const title =
      i === undefined ? entry.title || `MAL id ${entry.malId}` : displayTitle(catalogue, i);
    return {
      entry,
      key: entryKey(entry),
      title,
      folded: title.toLowerCase(),
      episodes: i === undefined ? 0 : catalogue.episodes[i]!,
    };
  });
}

/** Entries per status, and the total. */
export function statusCounts(rows: LibraryRow[]): Record<ListStatus | 'all', number> {
  const counts = { all: rows.length } as Record<ListStatus | 'all', number>;
  for (const status of LIST_STATUSES) counts[status] = 0;
  for (const { entry } of rows) if (entry.status) counts[entry.status]++;
  return counts;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const statusRank = (row: LibraryRow) => LIST_STATUSES.indexOf(row.entry.status || 'completed');
const changedAt = (row: LibraryRow) => row.entry.editedAt ?? row.entry.importedAt;

const ORDER: Record<RowSort, (a: LibraryRow, b: LibraryRow) => number> = {
  title: () => 0,
  score: (a, b) => b.entry.score - a.entry.score,
  status: (a, b) => statusRank(a) - statusRank(b),
  updated: (a, b) => {
    const x = changedAt(a);
    const y = changedAt(b);
    return x < y ? 1 : x > y ? -1 : 0;
  },
};

/** The rows with a status (or any) whose title contains `text`, in the order asked for. */
export function shownRows(
  rows: LibraryRow[],
  status: ListStatus | '',
  text: string,
  sort: RowSort,
): LibraryRow[] {
  const needle = text.trim().toLowerCase();
  const kept = rows.filter(
    (row) => (!status || row.entry.status === status) && (!needle || row.folded.includes(needle)),
  );
  const order = ORDER[sort];
  return kept.sort((a, b) => order(a, b) || collator.compare(a.title, b.title));
}
