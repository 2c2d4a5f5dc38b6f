/** The stored list as the library page sees it; every edit is stored at once by the worker. */
import { entryKey, type ShownEntry } from '$lib/library/library';
import type { HiddenTitle } from '$lib/library/library';
import type { MalExport } from '$lib/library/mal-export';
import type { StoredData } from '$lib/storage/stored-data';
import { engine } from '$lib/engine/client';
import type { LibraryEdit } from '$lib/engine/api';
import { recommendationsState } from './recommendations-state.svelte';

class LibraryState {
  entries = $state.raw<ShownEntry[]>([]);
  /** Titles hidden with "Not interested". */
  hidden = $state.raw<HiddenTitle[]>([]);
  loaded = $state(false);
  error = $state('');
  stored = $state.raw<StoredData | null>(null);

  async load(): Promise<void> {
    const [entries, summary] = await Promise.all([
      engine().libraryEntries(),
      engine().librarySummary(),
    ]);
    this.entries = entries;
    this.hidden = summary?.hidden ?? [];
    this.loaded = true;
  }

  async edit(edit: LibraryEdit): Promise<boolean> {
    this.error = '';
    try {
      const summary = await engine().editLibrary(edit);
      recommendationsState.listChanged(summary);
      await this.load();
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  /** A rating from the cold-start grid: adds the title as completed, or rescores it; 0 removes it. */
  rate(malId: number, score: number): Promise<boolean> {
    const entry = this.entries.find((e) => e.malId === malId);
    const status = 'completed' as const;
    if (!entry)
      return score > 0
        ? this.edit({ kind: 'add', malId, change: { status, score } })
        : Promise.resolve(false);
    const key = entryKey(entry);
    if (score === 0) return this.edit({ kind: 'remove', key });
    const planned = entry.status === 'plan_to_watch' || !entry.status;
    return this.edit({ kind: 'edit', key, change: planned ? { score, status } : { score } });
  }

  /** Well-known titles to rate while the list is short (the cold-start grid). */
  starterTitles(count: number): Promise<number[]> {
    return engine().starterTitles(count);
  }

  exportMal(): Promise<MalExport> {
    return engine().exportMal();
  }

  async measure(): Promise<void> {
    this.stored = await engine().storedData();
  }

  async deleteEverything(): Promise<void> {
    await engine().deleteEverything();
    recommendationsState.forgetAll();
    await Promise.all([this.load(), this.measure()]);
  }
}

export const libraryState = new LibraryState();
