/**
 * The app's ranking of one user's signals at its default controls, as the evaluation and the
 * file CLI read it: the page's blend, and, as shown, its franchise rules (one title per
 * franchise, continuations of nothing liked held back, dropped franchises left out).
 */
import type { Catalogue } from '$lib/data/shard-types';
import {
  controlsInForce,
  DEFAULT_CONTROLS,
  noFilters,
  prepareSignals,
  rankRecommendations,
  sharesFor,
  type BlendControls,
  type BlendShares,
} from '$lib/recommend/rank';
import type { SignalArrays } from '$lib/recommend/signals';

export interface AppRankingOptions {
  /** With the page's franchise rules (as shown), or the blend alone. */
  asShown: boolean;
  /** The controls, the page's defaults unless given. */
  controls?: Partial<BlendControls>;
  /** The collaborative side's parts (sweeps try others; by the list's size unless given). */
  shares?: BlendShares;
}

/** The top `k` anime, best first, with their scores, for a list of `listEntries` matched titles. */
export function appRanking(
  catalogue: Catalogue,
  signals: SignalArrays,
  listEntries: number,
  k: number,
  { asShown, controls = {}, shares }: AppRankingOptions,
): { index: number; score: number }[] {
  const none = new Uint8Array(catalogue.size);
  const ruled: SignalArrays = asShown
    ? signals
    : {
        ...signals,
        blocked: none,
        dislikedFranchise: none,
        franchise: Int32Array.from({ length: catalogue.size }, (_, i) => i),
      };
  const inForce = controlsInForce({ ...DEFAULT_CONTROLS, ...controls }, listEntries);
  const prepared = prepareSignals(catalogue, ruled, shares ?? sharesFor(listEntries));
  return rankRecommendations(catalogue, prepared, inForce, noFilters(), k).map(
    ({ index, score }) => ({
      index,
      score,
    }),
  );
}

/** A ranking as scores (k for the first, 1 for the k-th, −∞ for the rest), for the harness. */
export function rankingScores(size: number, ranking: number[]): Float32Array {
  const out = new Float32Array(size).fill(-Infinity);
  ranking.forEach((i, k) => (out[i] = ranking.length - k));
  return out;
}
