/**
 * The user's list in IndexedDB: one record per entry (keyed by its position, so the list keeps
 * its order) and one record for the rest (imports, removals, when it changed). A change reads and
 * writes in one transaction, so two tabs or two edits never both read the same list, and a
 * failed write leaves the stored list as it was. Writes touch only the entries that changed.
 */
import type { IDBPTransaction } from 'idb';
import type { Library, LibraryEntry } from '$lib/library/library';
import { entryKey } from '$lib/library/library';
import { database, type TsugiDb } from './db';

export type LibraryMeta = Omit<Library, 'entries'>;

export const LIBRARY_KEY = 'current';

type LibraryTx = IDBPTransaction<TsugiDb, ('library' | 'entries')[], 'readwrite' | 'readonly'>;

interface ReadLibrary {
  library: Library;
  positions: number[];
}

/**
 * The list last read or written by this context. Reading 200,000 entries takes seconds, so a read
 * first checks, cheaply, that the stored list is still this one (same change time and size: any
 * change, from any tab, stamps a new time) and reuses it. Nothing may modify it.
 */
let lastRead: ReadLibrary | null = null;

async function readLibrary(tx: LibraryTx): Promise<ReadLibrary | null> {
  const [meta, count] = await Promise.all([
    tx.objectStore('library').get(LIBRARY_KEY),
    tx.objectStore('entries').count(),
  ]);
  if (!meta) return null;
  if (lastRead?.library.updatedAt === meta.updatedAt && lastRead.positions.length === count)
    return lastRead;
  const [positions, entries] = await Promise.all([
    tx.objectStore('entries').getAllKeys(),
    tx.objectStore('entries').getAll(),
  ]);
  lastRead = { library: { ...meta, entries }, positions };
  return lastRead;
}

export async function loadLibrary(): Promise<Library | undefined> {
  const tx = (await database()).transaction(['library', 'entries'], 'readonly');
  return (await readLibrary(tx))?.library;
}

/** The list without its entries (cheap, whatever the list's size). */
export async function loadLibraryMeta(): Promise<LibraryMeta | undefined> {
  return (await database()).get('library', LIBRARY_KEY);
}

export async function libraryEntryCount(): Promise<number> {
  return (await database()).count('entries');
}

/** A write the browser refused, in plain words for the user. */
export class StorageError extends Error {}

/** Why a write failed, in plain words; the transaction is aborted, so nothing was changed. */
export function storageFailure(error: unknown, what: string): StorageError {
  const name = error instanceof DOMException ? error.name : '';
  const [reason, remedy] =
    name === 'QuotaExceededError'
      ? [
          'there is not enough storage on this device',
          'free some space (or delete the stored model)',
        ]
      : [`the browser's storage refused it${name ? ` (${name})` : ''}`, 'reload the page'];
  return new StorageError(
    `${what} could not be saved because ${reason}, so your stored list was left as it was: ${remedy} and try again.`,
    { cause: error },
  );
}

/**
 * Applies `change` to the stored list (null when there is none) and stores the result, in one
 * transaction. `rewrite` stores the entries afresh in the new order (a replacing import);
 * otherwise unchanged entries keep their records and new ones go at the end.
 */
export async function changeLibrary(
  change: (stored: Library | null) => Library,
  options: { rewrite?: boolean; what?: string } = {},
): Promise<Library> {
  const tx = (await database()).transaction(['library', 'entries'], 'readwrite');
  const writes: Promise<unknown>[] = [tx.done];
  try {
    const stored = await readLibrary(tx);
    const next = change(stored?.library ?? null);
    const positions = writeChanges(tx, stored, next, options.rewrite ?? false, writes);
    await Promise.all(writes);
    lastRead = inKeyOrder(next, positions);
    return next;
  } catch (error) {
    // The requests already issued reject as aborted: that is expected, not worth reporting.
    for (const write of writes) write.catch(() => {});
    abort(tx);
    if (!(error instanceof DOMException)) throw error;
    throw storageFailure(error, options.what ?? 'Your list');
  }
}

/** Nothing of a failed change may land (a put can throw after others were issued). */
function abort(tx: LibraryTx): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing was committed by this change.
  }
}

function writeChanges(
  tx: IDBPTransaction<TsugiDb, ('library' | 'entries')[], 'readwrite'>,
  stored: ReadLibrary | null,
  next: Library,
  rewrite: boolean,
  writes: Promise<unknown>[],
): number[] {
  const entries = tx.objectStore('entries');
  const { entries: nextEntries, ...meta } = next;
  writes.push(tx.objectStore('library').put(meta, LIBRARY_KEY));
  if (!stored || rewrite) {
    if (stored) writes.push(entries.clear());
    nextEntries.forEach((entry, position) => writes.push(entries.put(entry, position)));
    return nextEntries.map((_, position) => position);
  }
  const positionOf = new Map<LibraryEntry, number>();
  const positionOfKey = new Map<string, number>();
  stored.library.entries.forEach((entry, k) => {
    positionOf.set(entry, stored.positions[k]!);
    positionOfKey.set(entryKey(entry), stored.positions[k]!);
  });
  let end = (stored.positions.at(-1) ?? -1) + 1;
  const kept = new Set<number>();
  const positions = nextEntries.map((entry) => {
    const same = positionOf.get(entry);
    if (same !== undefined) {
      kept.add(same);
      return same;
    }
    const position = positionOfKey.get(entryKey(entry)) ?? end++;
    kept.add(position);
    writes.push(entries.put(entry, position));
    return position;
  });
  for (const position of stored.positions)
    if (!kept.has(position)) writes.push(entries.delete(position));
  return positions;
}

/** The list as a read returns it: entries in the order of their records' keys. */
function inKeyOrder(library: Library, positions: number[]): ReadLibrary {
  if (positions.every((p, k) => k === 0 || positions[k - 1]! < p)) return { library, positions };
  const order = positions.map((_, k) => k).sort((a, b) => positions[a]! - positions[b]!);
  return {
    library: { ...library, entries: order.map((k) => library.entries[k]!) },
    positions: order.map((k) => positions[k]!),
  };
}
