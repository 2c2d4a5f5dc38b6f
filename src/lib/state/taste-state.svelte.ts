/** Your taste's one piece of dataset state: the average fan, asked of the worker once per shard. */
import type { AverageFan } from '$lib/taste/average-fan';
import { engine } from '$lib/engine/client';
import { shardState } from './shard-state.svelte';

class TasteState {
  fan = $state.raw<AverageFan | null>(null);
  error = $state('');
  /** The shard snapshot the average fan belongs to (a fresh download recomputes it). */
  #for: unknown = null;

  async load(): Promise<void> {
    const loaded = shardState.loaded;
    if (!loaded || this.#for === loaded) return;
    this.#for = loaded;
    try {
      this.fan = await engine().averageFan();
      this.error = '';
    } catch (error) {
      this.#for = null;
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}

export const tasteState = new TasteState();
