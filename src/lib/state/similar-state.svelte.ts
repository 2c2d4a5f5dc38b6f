/**
 * One anime's page as the worker fills it: what users' lists say of it and "More like this",
 * replaced in place when a newer model arrives, with the page's last "Not interested" and its Undo.
 */
import { displayTitle } from '$lib/catalogue/labels';
import type { Catalogue } from '$lib/data/shard-types';
import { engine } from '$lib/engine/client';
import type { ListStats, SimilarItem, SimilarLists } from '$lib/engine/api';
import { onModelChange } from '$lib/engine/model-changes';
import { LastHidden } from './last-hidden.svelte';
import { libraryState } from './library-state.svelte';

export class SimilarState {
  stats = $state<ListStats | null>(null);
  lists = $state.raw<SimilarLists | null>(null);
  /** The last title hidden from these lists (stored), for the notice with Undo. */
  hidden = new LastHidden();
  #index = -1;
  /** Bumped by every fetch and every hide: a fetch that finds it moved on is stale. */
  #version = 0;

  /** Shows anime `index` (none when −1); returns what stops following model changes. */
  show(index: number): () => void {
    this.stats = null;
    this.lists = null;
    this.hidden.choice = null;
    this.#index = index;
    if (index < 0) return () => {};
    void engine()
      .listStats(index)
      .then((s) => index === this.#index && (this.stats = s));
    void this.fetch();
    // A newer model replaces the lists in place.
    return onModelChange(() => this.fetch());
  }

  private async fetch(): Promise<void> {
    const index = this.#index;
    const version = ++this.#version;
    const lists = await engine().similar(index);
    // Another anime, a newer fetch, or a title hidden meanwhile, makes these lists stale.
    if (index === this.#index && version === this.#version) this.lists = lists;
  }

  /** "Not interested": the title leaves the lists at once; the worker's lists follow. */
  async hide(index: number, franchise: boolean, catalogue: Catalogue): Promise<void> {
    this.#version++;
    if (this.lists) {
      const drop = (items: SimilarItem[]) => items.filter((item) => item.index !== index);
      this.lists = {
        ...this.lists,
        byEmbedding: this.lists.byEmbedding && drop(this.lists.byEmbedding),
        byContent: drop(this.lists.byContent),
        fansAlsoLiked: drop(this.lists.fansAlsoLiked),
      };
    }
    const malId = catalogue.malId[index]!;
    if (await libraryState.edit({ kind: 'hide', malId, franchise })) {
      this.hidden.choice = { malId, title: displayTitle(catalogue, index), franchise };
      await this.fetch();
    }
  }

  undoHide(): Promise<void> {
    return this.hidden.undo(
      (malId) => libraryState.edit({ kind: 'unhide', malId }),
      () => this.fetch(),
    );
  }
}
