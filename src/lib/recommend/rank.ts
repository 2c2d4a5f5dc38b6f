/**
 * Blending, filtering and ranking the whole catalogue for the user: a pure function of the
 * signals and the controls, fast enough to run on every slider move (it stays within one frame
 * for 30k anime). Signals are standardised once, when they arrive.
 */
import { FLAG_ADULT, Status, type Catalogue } from '$lib/data/shard-types';
import { has } from '$lib/catalogue/query';
import { standardise } from './blend';
import type { SignalArrays } from './signals';

/**
 * Share of the user-based (nearest users) score in the collaborative side (held-out Recall@20 of
 * the blend without item-kNN: 0 → 0.381, 0.1 → 0.400, 0.15 → 0.396, 0.3 → 0.380, 0.5 → 0.365;
 * with today's NCF, 0.1 → 0.435, 0.2 → 0.423, 0.3 → 0.412). Beside EASE 0.3 and item-kNN 0.05
 * (`npm run sweep:ease`), 0.1 → 0.496, 0.05 → 0.501, 0 → 0.503, while new-franchise Recall@20
 * falls 0.229 → 0.228 → 0.223 (EASE's own: 0.227): hence 0.05.
 */
export const USER_BASED_SHARE = 0.05;
/**
 * Share of item-kNN in the collaborative side, and how many neighbours of each liked anime it
 * reads. Held-out Recall@20 of the blend (NCF 0.9 − share, user-based 0.1): share 0 → 0.435,
 * 0.05 → 0.467, 0.1 → 0.487, 0.15 → 0.496, 0.2 → 0.496 with 2 neighbours; 0.1 → 0.464 with 5.
 * The gain is mostly later entries of franchises the user loved, which EASE finds as well; beside
 * EASE, 0.05 keeps new-franchise Recall@20 up (`npm run sweep:ease`, README).
 */
export const ITEM_BASED_SHARE = 0.05;
/**
 * Share of EASE in the collaborative side (`npm run sweep:ease`: 0.3 beside item-kNN 0.05 gave
 * the best Recall@20 that keeps new-franchise Recall@20 above EASE's own).
 */
export const EASE_SHARE = 0.3;

/** The collaborative side's parts: NCF takes what the others leave. */
export interface BlendShares {
  userBased: number;
  itemBased: number;
  /** EASE (it ships with the model, so there is none without one). */
  ease: number;
}

/** The shares for a full list (40 titles and more). */
export const BLEND_SHARES: BlendShares = {
  userBased: USER_BASED_SHARE,
  itemBased: ITEM_BASED_SHARE,
  ease: EASE_SHARE,
};

/**
 * Shares by the list's size (points, interpolated between): a short list leans on its nearest
 * users, a full one on EASE. Held-out users given 5 rated titles (`npm run sweep:ease --
 * --input-size 5`), Recall@20 as shown: the full-list shares 0.134; nearest users 0.4 with EASE
 * 0.3 → 0.152, 0.15 → 0.156, 0 → 0.162.
 */
export const AUTO_SHARES: [entries: number, shares: BlendShares][] = [
  [5, { userBased: 0.4, itemBased: ITEM_BASED_SHARE, ease: 0 }],
  [40, BLEND_SHARES],
];

export function sharesFor(entries: number): BlendShares {
  const [first] = AUTO_SHARES;
  if (entries <= first![0]) return first![1];
  for (let k = 1; k < AUTO_SHARES.length; k++) {
    const [n1, a] = AUTO_SHARES[k - 1]!;
    const [n2, b] = AUTO_SHARES[k]!;
    if (entries >= n2) continue;
    const t = (entries - n1) / (n2 - n1);
    const mixOf = (key: keyof BlendShares) => a[key] + (b[key] - a[key]) * t;
    return { userBased: mixOf('userBased'), itemBased: mixOf('itemBased'), ease: mixOf('ease') };
  }
  return AUTO_SHARES.at(-1)![1];
}
export const ITEM_BASED_NEIGHBOURS = 2;
/** Without a model, item-kNN reads five neighbours of each liked anime (better for short lists). */
export const ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL = 5;
/** How many neighbours of each liked anime item-kNN reads, with a trained model or without. */
export function itemBasedNeighbours(withModel: boolean): number {
  return withModel ? ITEM_BASED_NEIGHBOURS : ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL;
}
/**
 * Without a model, item-kNN leans on popularity this much (z-scores; it is zero for most anime,
 * and popularity orders those). Held-out Recall@20: 0 → 0.416, 0.3 → 0.415; 5 titles 0.148 → 0.149.
 */
export const ITEM_BASED_POPULARITY_PRIOR = 0.3;
/**
 * With no liked anime at all, content picks lean on popularity this much: alone they favour obscure
 * look-alikes (held-out Recall@20 with prior 1: 0.069, 2: 0.118, 4: 0.159, 8: 0.171; popularity
 * alone: 0.180).
 */
export const CONTENT_POPULARITY_PRIOR = 4;
/** How far plan-to-watch titles move up when boosted, in standard deviations. */
export const PLAN_TO_WATCH_BOOST = 1;

export interface BlendControls {
  /** Let the list's size set the blend (content carries short lists). */
  autoBlend: boolean;
  /** 0 = collaborative only, 1 = content only (when not automatic). */
  contentWeight: number;
  /** −1 = favour popular titles, 0 = neutral, 1 = favour niche ones. */
  niche: number;
  /** Recommend plan-to-watch titles (boosted) instead of leaving them out. */
  boostPlanToWatch: boolean;
  showAdult: boolean;
  /** Leave out every entry of a franchise the user has already started. */
  newFranchisesOnly: boolean;
  /** Bring back franchises whose every entry on the list the user dropped or scored 5 or less. */
  showDislikedFranchises: boolean;
}

export interface RecommendFilters {
  /** Genre or theme labels that must all be present. */
  include: string[];
  /** Genre or theme labels none of which may be present. */
  exclude: string[];
  /** Type labels allowed (empty = any). */
  types: string[];
  /** Season indices (1 = Winter … 4 = Fall) allowed (empty = any). */
  seasons: number[];
  yearFrom: number | null;
  yearTo: number | null;
  episodesMin: number | null;
  episodesMax: number | null;
  minMembers: number | null;
}

export const DEFAULT_CONTROLS: BlendControls = {
  autoBlend: true,
  contentWeight: 0.1,
  niche: 0,
  boostPlanToWatch: false,
  showAdult: false,
  newFranchisesOnly: false,
  showDislikedFranchises: false,
};

export function noFilters(): RecommendFilters {
  return {
    include: [],
    exclude: [],
    types: [],
    seasons: [],
    yearFrom: null,
    yearTo: null,
    episodesMin: null,
    episodesMax: null,
    minMembers: null,
  };
}

/**
 * Content weight by how many titles the list has (points, interpolated). Measured on held-out
 * users given 1, 3, 5 and 10 rated titles (`npm run evaluate -- --input-sizes 1,3,5,10`), the
 * blend at content weight 0.3 stays within 0.004 Recall@20 of 0.1 (1: 0.132 vs 0.133, 3: 0.160
 * vs 0.160, 5: 0.173 vs 0.177, 10: 0.187 vs 0.188) while 0.5 loses 0.005–0.02: so short lists
 * give content a larger say at no measurable cost, and full lists get the best blend, 0.1.
 */
export const AUTO_BLEND: [entries: number, contentWeight: number][] = [
  [1, 0.3],
  [10, 0.3],
  [40, 0.1],
];

export function autoContentWeight(entries: number): number {
  const first = AUTO_BLEND[0]!;
  if (entries <= first[0]) return first[1];
  for (let k = 1; k < AUTO_BLEND.length; k++) {
    const [n1, w1] = AUTO_BLEND[k - 1]!;
    const [n2, w2] = AUTO_BLEND[k]!;
    if (entries <= n2) return w1 + ((w2 - w1) * (entries - n1)) / (n2 - n1);
  }
  return AUTO_BLEND.at(-1)![1];
}

/** The content weight in force: the user's, or the automatic one for this list size. */
export function effectiveContentWeight(controls: BlendControls, entries: number): number {
  return controls.autoBlend ? autoContentWeight(entries) : controls.contentWeight;
}

/** The controls as the ranking applies them: the content weight in force replaces the stored one. */
export function controlsInForce(controls: BlendControls, entries: number): BlendControls {
  return { ...controls, contentWeight: effectiveContentWeight(controls, entries) };
}

export interface PreparedSignals {
  /**
   * z(NCF), z(user-based) and z(item-kNN) combined, then standardised; without a model, item-kNN
   * with a popularity prior; null when there is neither (no model and no liked anime).
   */
  collaborative: Float32Array | null;
  content: Float32Array;
  /** z(log members): the popularity axis of the niche control. */
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
  const popularity = standardise(Float32Array.from(c.members, (m) => Math.log1p(m)));
  let collaborative: Float32Array | null = null;
  if (s.collaborative) {
    const ease = s.ease ? shares.ease : 0;
    collaborative = mix(c.size, [
      [s.collaborative, 1 - shares.userBased - shares.itemBased - ease],
      [s.userBased, shares.userBased],
      [s.itemBased, shares.itemBased],
      [s.ease, ease],
    ]);
  } else if (s.itemBased) {
    collaborative = mix(c.size, [
      [s.itemBased, 1],
      [popularity, ITEM_BASED_POPULARITY_PRIOR],
    ]);
  }
  return {
    collaborative,
    content: standardise(s.content),
    popularity,
    listStatus: s.listStatus,
    blocked: s.blocked,
    dislikedFranchise: s.dislikedFranchise,
    franchise: s.franchise,
    startedFranchise: startedFranchises(s),
  };
}

/** Σ share · z(signal) over the signals present, standardised. */
function mix(size: number, parts: [Float32Array | null, number][]): Float32Array {
  const out = new Float32Array(size);
  for (const [signal, share] of parts) {
    if (!signal) continue;
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
  /** The blend alone, before the niche control and the plan-to-watch boost: the card's match label. */
  blend: number;
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
  for (let i = 0; i < c.size; i++) {
    const status = p.listStatus[i]!;
    const planned = status === Status.planToWatch && boostPlanToWatch;
    if (status && !planned) continue;
    // A title the user planned themselves is theirs to see, whatever the franchise rules infer.
    if (!planned && (p.blocked[i] || (!showDisliked && p.dislikedFranchise[i]))) continue;
    if (newFranchisesOnly && p.startedFranchise[i]) continue;
    if (!showAdult && c.flags[i]! & FLAG_ADULT) continue;
    if (!accepts(i)) continue;
    scores[i] = blendOf(p, i, w) - niche * p.popularity[i]! + (planned ? PLAN_TO_WATCH_BOOST : 0);
    candidates.push(i);
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

function makeFilter(c: Catalogue, f: RecommendFilters): (i: number) => boolean {
  const codes = (labels: string[]) =>
    labels.map((l) => ({ genre: c.genres.labels.indexOf(l), theme: c.themes.labels.indexOf(l) }));
  const include = codes(f.include);
  const exclude = codes(f.exclude);
  const tagged = (i: number, tag: { genre: number; theme: number }) =>
    has(c.genres, i, tag.genre) || has(c.themes, i, tag.theme);
  const types = new Set(f.types.map((t) => c.type.labels.indexOf(t)));
  const seasons = new Set(f.seasons);
  const { yearFrom, yearTo, episodesMin, episodesMax, minMembers } = f;
  const outside = (value: number, low: number | null, high: number | null) =>
    (low !== null || high !== null) &&
    (value === 0 || (low !== null && value < low) || (high !== null && value > high));
  return (i) => {
    if (types.size && !types.has(c.type.codes[i]!)) return false;
    if (seasons.size && !seasons.has(c.season[i]!)) return false;
    if (outside(c.year[i]!, yearFrom, yearTo)) return false;
    if (outside(c.episodes[i]!, episodesMin, episodesMax)) return false;
    if (minMembers !== null && c.members[i]! < minMembers) return false;
    if (!include.every((tag) => tagged(i, tag))) return false;
    return !exclude.some((tag) => tagged(i, tag));
  };
}
