/**
 * The reasons under each pick, one store for For you and This season: asked of the worker once per
 * anime and per set of signals. New signals (a new list version, a fine-tuned or newer model, a
 * hide) invalidate every reason; the old ones stay on screen until the new ones arrive, so the
 * cards keep their height and the page keeps its scroll place.
 */
import type { Explanation } from '$lib/recommend/explain';
import type { PreparedSignals } from '$lib/recommend/rank';
import { engine } from '$lib/engine/client';

class ExplanationStore {
  /** Reasons by catalogue index. */
  shown = $state.raw(new Map<number, Explanation>());
  /** The signals the reasons asked for last were computed with. */
  #for: PreparedSignals | null = null;

  /** Asks for the reasons of `indices` not yet explained with `signals`; none without signals. */
  request(signals: PreparedSignals | null, indices: number[]): void {
    if (!signals) {
      if (this.#for) this.shown = new Map();
      this.#for = null;
      return;
    }
    const fresh = signals !== this.#for;
    this.#for = signals;
    const shown = this.shown;
    const missing = indices.filter((i) => fresh || !shown.has(i));
    if (!missing.length) return;
    void engine()
      .explain(missing)
      .then((found) => {
        if (this.#for !== signals) return;
        const kept = fresh ? [] : this.shown;
        this.shown = new Map([...kept, ...found.map((e) => [e.index, e] as const)]);
      });
  }
}

export const explanations = new ExplanationStore();
