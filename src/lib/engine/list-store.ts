/**
 * The user's stored list in the worker: importing a list file into it, edits, its summary and
 * its MyAnimeList export. Writes run one after another, each on the list the previous one stored.
 */
import { ImportError } from '$lib/import/import-error';
import { parseListFile } from '$lib/import/parse-list';
import { addEntry, catalogueEntry, editEntry, removeEntry } from '$lib/library/edit';
import {
  mergeImport,
  type ImportRecord,
  type Library,
  type LibraryEntry,
  type MergeCounts,
  type ShownEntry,
} from '$lib/library/library';
import { hiddenTitles, hideTitle, unhideTitle } from '$lib/library/hidden';
import { FORMAT_LABELS, type ListEntry } from '$lib/library/list-entry';
import { malExport, type MalExport } from '$lib/library/mal-export';
import { entryName, findEntry } from '$lib/library/match';
import {
  changeLibrary,
  libraryEntryCount,
  loadLibrary,
  loadLibraryMeta,
} from '$lib/storage/library-store';
import type { ImportChoice, ImportReport, LibraryEdit, LibrarySummary } from './api';
import type { ShardIndices } from './shard-indices';

/** Invalid rows kept in the import history (the count is kept whole). */
const KEPT_INVALID_ROWS = 100;
/** Rows the import report lists by name (a huge file's report stays readable). */
const REPORTED_ROWS = 1000;

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

  /**
   * Merges a list file into the stored list, or replaces it when the user confirmed replacing
   * the list as it is stored now (the page may not know the list yet: the worker decides).
   * `onStage` hears when the file is read and its entries are being stored.
   */
  importFile(
    bytes: Uint8Array,
    fileName: string,
    choice: ImportChoice,
    onStage?: (stage: string) => void,
  ): Promise<ImportReport> {
    return this.serially(() => this.importNow(bytes, fileName, choice, onStage));
  }

  private async importNow(
    bytes: Uint8Array,
    fileName: string,
    choice: ImportChoice,
    onStage?: (stage: string) => void,
  ): Promise<ImportReport> {
    const started = performance.now();
    const parsed = await parseListFile(bytes);
    const lookup = this.indices.lookup();
    const unmatched: ListEntry[] = parsed.entries.filter((e) => findEntry(lookup, e) < 0);
    const matched = parsed.entries.length - unmatched.length;
    if (matched === 0 && parsed.entries.length > 0)
      throw new ImportError(
        `None of the ${parsed.entries.length} entries is in Tsugi's catalogue ` +
          `(for example ${unmatched.slice(0, 3).map(entryName).join(', ')}), so nothing was ` +
          'imported: choose an anime list from MyAnimeList, Kitsu or AniList, or a CSV of MAL ids.',
      );
    if (parsed.entries.length === 0)
      throw new ImportError(
        `None of the ${parsed.invalid.length} rows could be read (${parsed.invalid[0]?.where}: ` +
          `${parsed.invalid[0]?.reason}), so nothing was imported: fix those rows and import the file again.`,
      );
    const record: ImportRecord = {
      at: new Date().toISOString(),
      fileName,
      format: parsed.format,
      user: parsed.user,
      mode: choice.mode,
      entries: parsed.entries.length,
      invalid: parsed.invalid.slice(0, KEPT_INVALID_ROWS),
      invalidTotal: parsed.invalid.length,
    };
    let counts: MergeCounts | undefined;
    onStage?.(`Storing ${parsed.entries.length.toLocaleString('en')} entries from ${fileName}…`);
    const library = await changeLibrary(
      (stored) => {
        const had = stored?.entries.length ?? 0;
        if (choice.mode === 'replace' && had !== choice.replacing)
          throw new ImportError(
            `Your stored list has ${had} entries, not the ${choice.replacing} you chose to ` +
              'replace (it changed in the meantime), so nothing was imported: choose the file again.',
          );
        const merged = mergeImport(stored, parsed.entries, record);
        counts = merged.counts;
        return merged.library;
      },
      { rewrite: choice.mode === 'replace', what: `The list from ${fileName}` },
    );
    this.changed();
    return {
      fileName,
      format: FORMAT_LABELS[parsed.format],
      user: parsed.user,
      entries: parsed.entries.length,
      matched,
      unmatched: unmatched
        .slice(0, REPORTED_ROWS)
        .map((e) => ({ name: entryName(e), malId: e.malId })),
      unmatchedTotal: unmatched.length,
      invalid: parsed.invalid.slice(0, REPORTED_ROWS),
      invalidTotal: parsed.invalid.length,
      notes: parsed.notes,
      counts: counts!,
      libraryEntries: library.entries.length,
      ms: performance.now() - started,
    };
  }

  async summary(): Promise<LibrarySummary | null> {
    const library = await loadLibrary();
    return library ? this.summarise(library) : null;
  }

  private summarise(library: Library): LibrarySummary {
    const lookup = this.indices.lookup();
    return {
      entries: library.entries.length,
      matched: library.entries.filter((e) => findEntry(lookup, e) >= 0).length,
      updatedAt: library.updatedAt,
      imports: library.imports.map(({ invalid: _invalid, ...record }) => record),
      hidden: hiddenTitles(library).sort((a, b) => b.at.localeCompare(a.at)),
    };
  }

  /** How many entries are stored (0 without a list), without reading them. */
  async storedEntries(): Promise<number> {
    return (await loadLibraryMeta()) ? libraryEntryCount() : 0;
  }

  async entries(): Promise<LibraryEntry[]> {
    return (await loadLibrary())?.entries ?? [];
  }

  /** The entries as the page shows them: without the file's own fields (a big list's bulk). */
  async shownEntries(): Promise<ShownEntry[]> {
    return (await this.entries()).map(({ fields: _fields, ...shown }) => shown);
  }

  /** Applies one edit and stores the list at once. */
  edit(edit: LibraryEdit): Promise<LibrarySummary> {
    return this.serially(() => this.editNow(edit));
  }

  private async editNow(edit: LibraryEdit): Promise<LibrarySummary> {
    const at = new Date().toISOString();
    const next = await changeLibrary((library) => {
      if (edit.kind === 'hide') return hideTitle(library, edit.malId, edit.franchise, at);
      if (edit.kind === 'add') {
        const index = this.indices.lookup().byMalId.get(edit.malId);
        if (index === undefined) throw new Error(`MAL id ${edit.malId} is not in the catalogue.`);
        const title = this.indices.shard.catalogue.title[index]!;
        return addEntry(library, catalogueEntry(edit.malId, title, edit.change), at);
      }
      if (!library) throw new Error('There is no stored list to change.');
      if (edit.kind === 'unhide') return unhideTitle(library, edit.malId, at);
      return edit.kind === 'edit'
        ? editEntry(library, edit.key, edit.change, at)
        : removeEntry(library, edit.key, at);
    });
    this.changed();
    return this.summarise(next);
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
