/** The stored list as the library page sees it; every edit is stored at once by the worker. */
import type { LibraryEntry } from '$lib/library/library';
import type { MalExport } from '$lib/library/mal-export';
import type { StoredData } from '$lib/storage/db';
import { trainer } from '$lib/workers/trainer-client';
import type { LibraryEdit } from '../../../workers/personal';
import { recommendationsState } from './recommendations-state.svelte';

class LibraryState {
  entries = $state.raw<LibraryEntry[]>([]);
  loaded = $state(false);
  error = $state('');
  stored = $state.raw<StoredData | null>(null);

  async load(): Promise<void> {
    this.entries = await trainer().libraryEntries();
    this.loaded = true;
  }

  async edit(edit: LibraryEdit): Promise<boolean> {
    this.error = '';
    try {
      const summary = await trainer().editLibrary(edit);
      recommendationsState.listChanged(summary);
      await this.load();
      return true;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  exportMal(): Promise<MalExport> {
    return trainer().exportMal();
  }

  async measure(): Promise<void> {
    this.stored = await trainer().storedData();
  }

  async deleteEverything(): Promise<void> {
    await trainer().deleteEverything();
    recommendationsState.forgetAll();
    await Promise.all([this.load(), this.measure()]);
  }
}

export const libraryState = new LibraryState();
