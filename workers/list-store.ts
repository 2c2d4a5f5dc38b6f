/**
 * The user's stored list in the worker: importing a list file into it, edits, its summary and
 * its MyAnimeList export. Writes run one after another, each on the list the previous one stored.
 */
import { ImportError } from '../src/lib/import/import-error';
import { parseListFile } from '../src/lib/import/parse-list';
import { addEntry, catalogueEntry, editEntry, removeEntry } from '../src/lib/library/edit';
import {
  mergeImport,
  type ImportMode,
  type ImportRecord,
  type Library,
  type LibraryEntry,
} from '../src/lib/library/library';
import { FORMAT_LABELS, type ListEntry } from '../src/lib/library/list-entry';
import { malExport, type MalExport } from '../src/lib/library/mal-export';
import { entryName, findEntry } from '../src/lib/library/match';
import { loadLibrary, saveLibrary } from '../src/lib/storage/db';
import type { ImportReport, LibraryEdit, LibrarySummary } from '../src/lib/workers/api';
import type { ShardIndices } from './shard-indices';

export class ListStore {
  /** Library writes, one after another: each reads the list the previous one stored. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly indices: ShardIndices,
    /** Called after every stored change (what was derived from the old list is stale). */
    private readonly changed: () => void,
  ) {}

  /** Runs `change` once every earlier write has landed (two edits never read the same list). */
  private serially<T>(change: () => Promise<T>): Promise<T> {
    const next = this.#writes.then(change, change);
    this.#writes = next.catch(() => {});
    return next;
  }

  importFile(bytes: Uint8Array, fileName: string, mode: ImportMode): Promise<ImportReport> {
    return this.serially(() => this.importNow(bytes, fileName, mode));
  }

  private async importNow(
    bytes: Uint8Array,
    fileName: string,
    mode: ImportMode,
  ): Promise<ImportReport> {
    const started = performance.now();
    const parsed = await parseListFile(bytes);
    const lookup = this.indices.lookup();
    const unmatched: ListEntry[] = parsed.entries.filter((e) => findEntry(lookup, e) < 0);
    const matched = parsed.entries.length - unmatched.length;
    if (matched === 0 && parsed.entries.length > 0)
      throw new ImportError(
        `None of the ${parsed.entries.length} entries is in Tsugi's catalogue ` +
          `(for example ${unmatched.slice(0, 3).map(entryName).join(', ')}), so nothing was imported. ` +
          'Is this an anime list from MyAnimeList, Kitsu or a CSV of MAL ids?',
      );
    if (parsed.entries.length === 0)
      throw new ImportError(
        `None of the ${parsed.invalid.length} rows could be read (${parsed.invalid[0]?.where}: ` +
          `${parsed.invalid[0]?.reason}), so nothing was imported.`,
      );
    const record: ImportRecord = {
      at: new Date().toISOString(),
      fileName,
      format: parsed.format,
      user: parsed.user,
      mode,
      entries: parsed.entries.length,
      invalid: parsed.invalid,
    };
    const { library, counts } = mergeImport((await loadLibrary()) ?? null, parsed.entries, record);
    await saveLibrary(library);
    this.changed();
    return {
      fileName,
      format: FORMAT_LABELS[parsed.format],
      user: parsed.user,
      entries: parsed.entries.length,
      matched,
      unmatched: unmatched.map((e) => ({ name: entryName(e), malId: e.malId })),
      invalid: parsed.invalid,
      notes: parsed.notes,
      counts,
      libraryEntries: library.entries.length,
      ms: performance.now() - started,
    };
  }

  async summary(): Promise<LibrarySummary | null> {
    const library = await loadLibrary();
    if (!library) return null;
    const lookup = this.indices.lookup();
    return {
      entries: library.entries.length,
      matched: library.entries.filter((e) => findEntry(lookup, e) >= 0).length,
      updatedAt: library.updatedAt,
      imports: library.imports.map(({ invalid: _invalid, ...record }) => record),
    };
  }

  async entries(): Promise<LibraryEntry[]> {
    return (await loadLibrary())?.entries ?? [];
  }

  /** Applies one edit and stores the list at once. */
  edit(edit: LibraryEdit): Promise<LibrarySummary> {
    return this.serially(() => this.editNow(edit));
  }

  private async editNow(edit: LibraryEdit): Promise<LibrarySummary> {
    const at = new Date().toISOString();
    const library = (await loadLibrary()) ?? null;
    let next: Library;
    if (edit.kind === 'add') {
      const index = this.indices.lookup().byMalId.get(edit.malId);
      if (index === undefined) throw new Error(`MAL id ${edit.malId} is not in the catalogue.`);
      const title = this.indices.shard.catalogue.title[index]!;
      next = addEntry(library, catalogueEntry(edit.malId, title, edit.change), at);
    } else {
      if (!library) throw new Error('There is no stored list to change.');
      next =
        edit.kind === 'edit'
          ? editEntry(library, edit.key, edit.change, at)
          : removeEntry(library, edit.key, at);
    }
    await saveLibrary(next);
    this.changed();
    return (await this.summary())!;
  }

  /** The stored list as a MyAnimeList XML export. */
  async exportMal(): Promise<MalExport> {
    const library = await loadLibrary();
    const user = [...(library?.imports ?? [])].reverse().find((r) => r.user)?.user ?? null;
    const lookup = this.indices.lookup();
    return malExport(library?.entries ?? [], user, {
      c: this.indices.shard.catalogue,
      indexOf: (malId) => lookup.byMalId.get(malId) ?? -1,
    });
  }
}
