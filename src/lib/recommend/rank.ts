/**
 * Blending, filtering and ranking the whole catalogue for the user: a pure function of the
 * signals and the controls, fast enough to run on every slider move (it stays within one frame
 * for 30k anime). Signals are standardised once, when they arrive. The blend's two sides: the
 * collaborative side (the model's scores and its parts' shares) and the content side, each read
 * from the signal registry.
 */
import { FLAG_ADULT, Status, type Catalogue } from '$lib/data/shard-types';
import { popularityAxis, standardise } from './blend';
import type { BlendControls } from './controls';
import { makeFilter, type RecommendFilters } from './filters';
import { Standings } from './standing';
import { CONTENT_SIGNAL, MODEL_SIGNAL, PART_SIGNALS } from './signals/registry';
import { BLEND_SHARES, type BlendShares } from './signals/shares';
import type { SignalArrays } from './signals';

export {
  autoContentWeight,
  controlsInForce,
  DEFAULT_CONTROLS,
  effectiveContentWeight,
  type BlendControls,
} from './controls';
export { noFilters, type RecommendFilters } from './filters';
export { AUTO_SHARES, BLEND_SHARES, sharesFor, type BlendShares } from './signals/shares';

/** How far plan-to-watch titles move up when boosted, in standard deviations. */
export const PLAN_TO_WATCH_BOOST = 1;
/** With no collaborative side at all, how much content picks lean on popularity. */
const CONTENT_POPULARITY_PRIOR = CONTENT_SIGNAL.blend.popularityPrior;

export interface PreparedSignals {
  /**
   * z(NCF), z(user-based) and z(item-kNN) combined, then standardised; without a model, item-kNN
   * with a popularity prior; null when there is neither (no model and no liked anime).
   */
  collaborative: Float32Array | null;
  content: Float32Array;
  /** z(log(1 + members)): the popularity axis of the niche control. */
  popularity: Float32Array;
  listStatus: Uint8Array;
  blocked: Uint8Array;
  dislikedFranchise: Uint8Array;
  franchise: Int32Array;
  /** 1 = an entry of a franchise the user has started (seen an entry of). */
  startedFranchise: Uint8Array;
}

export function prepareSignals(
  c: Catalogue,
  s: SignalArrays,
  shares: BlendShares = BLEND_SHARES,
): PreparedSignals {
  const popularity = popularityAxis(c.members);
  return {
    collaborative: collaborativeSide(c.size, s, shares, popularity),
    content: standardise(s[CONTENT_SIGNAL.key]),
    popularity,
    listStatus: s.listStatus,
    blocked: s.blocked,
    dislikedFranchise: s.dislikedFranchise,
    franchise: s.franchise,
    startedFranchise: startedFranchises(s),
  };
}

/**
 * The model's scores with each part present at its share (the model takes what they leave); without
 * the model's scores, the parts that stand in for it, leaning on popularity; null with neither.
 */
function collaborativeSide(
  size: number,
  s: SignalArrays,
  shares: BlendShares,
  popularity: Float32Array,
): Float32Array | null {
  const model = s[MODEL_SIGNAL.key];
  const parts: [Float32Array, number][] = [];
  if (model) {
    let rest = 1;
    for (const { key } of PART_SIGNALS) {
      const scores = s[key];
      if (!scores) continue;
      parts.push([scores, shares[key]]);
      rest -= shares[key];
    }
    return mix(size, [[model, rest], ...parts]);
  }
  for (const { key, blend } of PART_SIGNALS) {
    const scores = s[key];
    if (!scores || !blend.withoutModel) continue;
    parts.push(
      [scores, blend.withoutModel.weight],
      [popularity, blend.withoutModel.popularityPrior],
    );
  }
  return parts.length ? mix(size, parts) : null;
}

/** Σ share · z(signal) over the signals present, standardised. */
function mix(size: number, parts: [Float32Array, number][]): Float32Array {
  const out = new Float32Array(size);
  for (const [signal, share] of parts) {
    const z = standardise(signal);
    for (let i = 0; i < size; i++) out[i]! += share * z[i]!;
  }
  return standardise(out, out);
}

function startedFranchises(s: SignalArrays): Uint8Array {
  const started = new Set<number>();
  s.listStatus.forEach((status, i) => {
    if (status && status !== Status.planToWatch) started.add(s.franchise[i]!);
  });
  return Uint8Array.from(s.franchise, (group) => (started.has(group) ? 1 : 0));
}

/** Anime i's blend at content weight w, before the niche control and the list rules. */
function blendOf(p: PreparedSignals, i: number, w: number): number {
  return p.collaborative
    ? (1 - w) * p.collaborative[i]! + w * p.content[i]!
    : p.content[i]! + CONTENT_POPULARITY_PRIOR * p.popularity[i]!;
}

/** Each anime's blended score at this content weight (the recommendations' order, before filters). */
export function blendedScores(
  c: Catalogue,
  s: SignalArrays,
  contentWeight: number,
  shares: BlendShares = BLEND_SHARES,
): Float32Array {
  const p = prepareSignals(c, s, shares);
  return Float32Array.from({ length: c.size }, (_, i) => blendOf(p, i, contentWeight));
}

export interface Ranked {
  index: number;
  score: number;
  /** The blend alone, before the niche control and the plan-to-watch boost. */
  blend: number;
  /** Its place among all the user's picks, filters aside (see standing.ts): the match label. */
  standing: number;
}

export function rankRecommendations(
  c: Catalogue,
  p: PreparedSignals,
  controls: BlendControls,
  filters: RecommendFilters,
  limit: number,
): Ranked[] {
  // Read every control once: on the page they are reactive proxies, costly inside the loop.
  const accepts = makeFilter(c, { ...filters });
  const { contentWeight: w, niche, boostPlanToWatch, showAdult, newFranchisesOnly } = controls;
  const showDisliked = controls.showDislikedFranchises;
  const scores = new Float32Array(c.size);
  const candidates: number[] = [];
  const standings = new Standings(c.size);
  for (let i = 0; i < c.size; i++) {
    const status = p.listStatus[i]!;
    const planned = status === Status.planToWatch && boostPlanToWatch;
    if (status && !planned) continue;
    // A title the user planned themselves is theirs to see, whatever the franchise rules infer.
    if (!planned && (p.blocked[i] || (!showDisliked && p.dislikedFranchise[i]))) continue;
    if (newFranchisesOnly && p.startedFranchise[i]) continue;
    if (!showAdult && c.flags[i]! & FLAG_ADULT) continue;
    scores[i] = blendOf(p, i, w) - niche * p.popularity[i]! + (planned ? PLAN_TO_WATCH_BOOST : 0);
    standings.add(p.franchise[i]!, scores[i]!);
    if (accepts(i)) candidates.push(i);
  }
  const ranked: Ranked[] = [];
  // Only the top few hundred need ordering: a native sort of the scores finds the cut-off,
  // and the full sort remains for when one-per-franchise leaves the short list too short.
  for (const pool of [shortList(candidates, scores, limit * 4), candidates]) {
    ranked.length = 0;
    pool.sort((a, b) => scores[b]! - scores[a]! || a - b);
    const shownFranchises = new Set<number>();
    for (const i of pool) {
      if (ranked.length >= limit) break;
      const group = p.franchise[i]!;
      if (shownFranchises.has(group)) continue;
      shownFranchises.add(group);
      ranked.push({
        index: i,
        score: scores[i]!,
        blend: blendOf(p, i, w),
        standing: standings.of(group, scores[i]!),
      });
    }
    if (ranked.length >= limit || pool.length === candidates.length) break;
  }
  return ranked;
}

/** The candidates scoring at or above the `size`-th best score. */
function shortList(candidates: number[], scores: Float32Array, size: number): number[] {
  if (candidates.length <= size) return candidates.slice();
  const sorted = Float32Array.from(candidates, (i) => scores[i]!).sort();
  const cutoff = sorted[sorted.length - size]!;
  return candidates.filter((i) => scores[i]! >= cutoff);
}
