/** The app-wide dataset: loading status, the decoded shard and its search index. */
import { buildSearchIndex, type SearchIndex } from '$lib/catalogue/search';
import { describeLoadError, loadShard, type LoadedShard } from '$lib/data/load-shard';

export type ShardStatus = 'idle' | 'loading' | 'ready' | 'error';

class ShardState {
  status = $state<ShardStatus>('idle');
  error = $state('');
  loaded = $state.raw<LoadedShard | null>(null);
  searchIndex = $state.raw<SearchIndex | null>(null);

  /** Loads once; `fresh` forces a new download (the "fetch again" button). */
  async load(fresh = false): Promise<void> {
    if (this.status === 'loading' || (this.status === 'ready' && !fresh)) return;
    this.status = 'loading';
    try {
      const loaded = await loadShard(fresh);
      this.searchIndex = buildSearchIndex(loaded.shard.catalogue);
      this.loaded = loaded;
      this.status = 'ready';
      this.error = '';
    } catch (error) {
      this.error = describeLoadError(error);
      this.status = this.loaded ? 'ready' : 'error';
    }
  }
}

export const shardState = new ShardState();
