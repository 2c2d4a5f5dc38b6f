/** The page's blend controls and the content weight they put in force. */
import { CONTENT_SIGNAL } from './signals/registry';

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

export const DEFAULT_CONTROLS: BlendControls = {
  autoBlend: true,
  contentWeight: 0.1,
  niche: 0,
  boostPlanToWatch: false,
  showAdult: false,
  newFranchisesOnly: false,
  showDislikedFranchises: false,
};

/**
 * The content side's weight for a list of `entries` titles, from its points. Its rounding (one
 * division last) is kept from when it was measured: it differs from `atListSize` at 30 titles.
 */
export function autoContentWeight(entries: number): number {
  const points = CONTENT_SIGNAL.blend.byListSize;
  const first = points[0]!;
  if (entries <= first[0]) return first[1];
  for (let k = 1; k < points.length; k++) {
    const [n1, w1] = points[k - 1]!;
    const [n2, w2] = points[k]!;
    if (entries <= n2) return w1 + ((w2 - w1) * (entries - n1)) / (n2 - n1);
  }
  return points.at(-1)![1];
}

/** The content weight in force: the user's, or the automatic one for this list size. */
export function effectiveContentWeight(controls: BlendControls, entries: number): number {
  return controls.autoBlend ? autoContentWeight(entries) : controls.contentWeight;
}

/** The controls as the ranking applies them: the content weight in force replaces the stored one. */
export function controlsInForce(controls: BlendControls, entries: number): BlendControls {
  return { ...controls, contentWeight: effectiveContentWeight(controls, entries) };
}
