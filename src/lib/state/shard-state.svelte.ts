/** The app-wide dataset: loading status, the catalogue (decoded in the worker) and its search index. */
import { base } from '$app/paths';
import { engine } from '$lib/engine/client';
import type { CatalogueSnapshot } from '$lib/engine/api';
import type { SearchIndex } from '$lib/catalogue/search-index';
import { MANIFEST_PATH } from '$lib/data/manifest';
import { offlineState } from './offline-state.svelte';

/** The routes that render before the dataset is loaded (the others wait for it). */
export const PAGES_BEFORE_DATA = ['/recommendations'];

export type ShardStatus = 'idle' | 'loading' | 'ready' | 'error';

class ShardState {
  status = $state<ShardStatus>('idle');
  error = $state('');
  loaded = $state.raw<CatalogueSnapshot | null>(null);
  /** From asking the worker to the catalogue being usable on the page. */
  readyMs = $state(0);
  #waiting: ((loaded: CatalogueSnapshot) => void)[] = [];
  /** The search boxes' index: asked for by the pages that have one (null until it arrives). */
  searchIndex = $state.raw<SearchIndex | null>(null);
  #searchAsked = false;
  /** Counts the loads: an index asked for before the last one belongs to an older dataset. */
  #loads = 0;

  /** Asks the worker for the search index once the dataset is loaded; once. */
  wantSearch(): void {
    if (this.#searchAsked) return;
    this.#searchAsked = true;
    void this.whenLoaded().then(async () => {
      const load = this.#loads;
      try {
        const index = await engine().searchIndex();
        if (load === this.#loads) this.searchIndex = index;
      } catch {
        if (load === this.#loads) this.#searchAsked = false;
      }
    });
  }

  /** The dataset once it is loaded (at once if it is): what a page may start before it waits for. */
  whenLoaded(): Promise<CatalogueSnapshot> {
    if (this.loaded) return Promise.resolve(this.loaded);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** The dataset loaded, no load error stands, and the service worker holds its files. */
  get availableOffline(): boolean {
    return this.status === 'ready' && !this.error && offlineState.shardStored;
  }

  /** Loads once; `fresh` forces a new download (the "fetch again" button). */
  async load(fresh = false): Promise<void> {
    if (this.status === 'loading' || (this.status === 'ready' && !fresh)) return;
    this.status = 'loading';
    const started = performance.now();
    try {
      const baseUrl = new URL(`${base}/`, location.href).href;
      const loaded = await engine().loadShard(baseUrl, fresh);
      this.loaded = loaded;
      this.readyMs = performance.now() - started;
      // Benchmarks read this mark: the worker's decode time and the page's wait for the catalogue.
      performance.mark('tsugi:shard-ready', {
        detail: { ...loaded.timings, readyMs: this.readyMs },
      });
      this.status = 'ready';
      this.error = '';
      // Fetched again (perhaps a newer dataset): the index of the old one goes.
      const searched = this.#searchAsked && this.#loads > 0;
      this.#loads++;
      if (searched) {
        this.searchIndex = null;
        this.#searchAsked = false;
        this.wantSearch();
      }
      for (const resolve of this.#waiting.splice(0)) resolve(loaded);
      const stored = [MANIFEST_PATH, `data/${loaded.manifest.file}`];
      void offlineState.checkStored(stored.map((path) => new URL(path, baseUrl).href));
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = this.loaded ? 'ready' : 'error';
    }
  }
}

export const shardState = new ShardState();
