/**
 * For you's last picks, stored with the list they came from (see recommend/last-picks.ts): read
 * straight from IndexedDB on a return visit, so they show before the worker has the dataset.
 */
import { LAST_PICKS_FORMAT, type LastPicks } from '$lib/recommend/last-picks';
import { loadSetting, saveSetting } from '$lib/storage/db';
import { loadLibraryMeta } from '$lib/storage/library-store';

const LAST_PICKS_KEY = 'last-picks';

class LastPicksState {
  /** The stored picks, while the list is still the one they were computed from. */
  stored = $state.raw<LastPicks | null>(null);
  explanations = $derived(new Map(this.stored?.explanations.map((e) => [e.index, e] as const)));

  async load(): Promise<void> {
    try {
      const [picks, meta] = await Promise.all([
        loadSetting<LastPicks>(LAST_PICKS_KEY),
        loadLibraryMeta(),
      ]);
      const current = picks?.format === LAST_PICKS_FORMAT && meta;
      if (current && picks.listUpdatedAt === meta.updatedAt) this.stored = picks;
    } catch {
      // Nothing shown early: the fresh picks come as they always did.
    }
  }

  /** Best effort: without them a return visit waits for fresh picks, as a first one does. */
  save(picks: LastPicks): void {
    void saveSetting(LAST_PICKS_KEY, picks).catch(() => {});
  }
}

export const lastPicks = new LastPicksState();
