import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { Library, LibraryEntry } from '$lib/library/library';
import { DB_NAME, database, deleteEverything } from './db';
import {
  changeLibrary,
  libraryEntryCount,
  loadLibrary,
  StorageError,
  storageFailure,
} from './library-store';

const entry = (malId: number, score = 0): LibraryEntry => ({
  malId,
  title: `Anime ${malId}`,
  status: 'completed',
  score,
  watchedEpisodes: 0,
  startDate: '',
  finishDate: '',
  fields: { series_animedb_id: String(malId) },
  importedAt: '2026-01-01T00:00:00.000Z',
});

const library = (entries: LibraryEntry[]): Library => ({
  entries,
  imports: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('the stored list', () => {
  // First, while the database is still at version 3: a list stored whole by an older Tsugi.
  it('moves a list stored whole by an older version into one record per entry', async () => {
    const old = await openDB(DB_NAME, 3, {
      upgrade(db) {
        for (const name of ['models', 'library', 'profiles', 'settings', 'derived'])
          db.createObjectStore(name);
      },
    });
    await old.put('library', library([entry(5), entry(3), entry(9)]), 'current');
    old.close();
    const moved = await loadLibrary();
    expect(moved?.entries.map((e) => e.malId)).toEqual([5, 3, 9]);
    expect(await libraryEntryCount()).toBe(3);
    expect((await database()).objectStoreNames.contains('entries')).toBe(true);
  });

  it('keeps the list in order through edits, removals and additions', async () => {
    await deleteEverything();
    await changeLibrary(() => library([entry(30), entry(10), entry(20)]));
    await changeLibrary((stored) => ({
      ...stored!,
      entries: [{ ...stored!.entries[0]!, score: 9 }, stored!.entries[2]!, entry(40)],
    }));
    expect((await loadLibrary())?.entries.map((e) => [e.malId, e.score])).toEqual([
      [30, 9],
      [20, 0],
      [40, 0],
    ]);
    await changeLibrary(() => library([entry(2), entry(1)]), { rewrite: true });
    expect((await loadLibrary())?.entries.map((e) => e.malId)).toEqual([2, 1]);
  });

  it('stores a large list as many small records', async () => {
    await deleteEverything();
    const entries = Array.from({ length: 5000 }, (_, k) => entry(k + 1, k % 10));
    await changeLibrary(() => library(entries));
    expect(await libraryEntryCount()).toBe(5000);
    expect((await loadLibrary())?.entries[4999]).toEqual(entries[4999]);
  });

  it('says in plain words when storage refuses a change, and changes nothing', async () => {
    await deleteEverything();
    await changeLibrary(() => library([entry(1), entry(2)]));
    const before = await loadLibrary();
    const unstorable = { ...entry(3), fields: { f: (() => 0) as unknown as string } };
    const failed = changeLibrary(
      (stored) => ({ ...stored!, entries: [entry(7), ...stored!.entries, unstorable] }),
      { what: 'The list from list.csv' },
    );
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toThrow(
      /^The list from list\.csv could not be saved because the browser's storage refused it \(DataCloneError\), so your stored list was left as it was: reload the page and try again\.$/,
    );
    expect(await loadLibrary()).toEqual(before);
  });

  it('turns a full disk and an aborted transaction into one plain sentence each, never "AbortError: AbortError"', () => {
    const full = storageFailure(new DOMException('quota', 'QuotaExceededError'), 'Your list');
    expect(full.message).toBe(
      'Your list could not be saved because there is not enough storage on this device, so your ' +
        'stored list was left as it was: free some space (or delete the stored model) and try again.',
    );
    const aborted = storageFailure(new DOMException('AbortError', 'AbortError'), 'The list');
    expect(aborted.message).toBe(
      "The list could not be saved because the browser's storage refused it (AbortError), so " +
        'your stored list was left as it was: reload the page and try again.',
    );
    expect(storageFailure(new Error('odd'), 'Your list').message).not.toMatch(/\(\)|Error:/);
  });

  it("reads another tab's change, though this one read the list a moment ago", async () => {
    await deleteEverything();
    await changeLibrary(() => library([entry(1), entry(2)]));
    expect((await loadLibrary())?.entries).toHaveLength(2);
    // Another tab's worker writes straight to the database: same size, a new change time.
    const db = await database();
    const tx = db.transaction(['library', 'entries'], 'readwrite');
    await tx.objectStore('entries').put(entry(2, 8), 1);
    await tx
      .objectStore('library')
      .put({ imports: [], updatedAt: '2026-02-02T00:00:00.000Z' }, 'current');
    await tx.done;
    const read = await loadLibrary();
    expect(read?.entries.map((e) => e.score)).toEqual([0, 8]);
    expect(read?.updatedAt).toBe('2026-02-02T00:00:00.000Z');
  });
});
