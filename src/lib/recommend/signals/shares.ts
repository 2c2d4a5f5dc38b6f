/** The collaborative side's shares by the list's size, read from each part's own points. */
import { PART_SIGNALS, type PartKey } from './registry';
import { atListSize } from './signal';

/** The collaborative side's parts: the model's scores take what the others leave. */
export type BlendShares = Record<PartKey, number>;

export function sharesFor(entries: number): BlendShares {
  const shares = PART_SIGNALS.map((p) => [p.key, atListSize(p.blend.byListSize, entries)]);
  return Object.fromEntries(shares) as BlendShares;
}

/** The shares for a full list (the last point of every part). */
export const BLEND_SHARES: BlendShares = sharesFor(Infinity);

/** The shares at each list size where a part's points change course. */
export const AUTO_SHARES: [entries: number, shares: BlendShares][] = [
  ...new Set(PART_SIGNALS.flatMap((p) => p.blend.byListSize.map(([entries]) => entries))),
]
  .sort((a, b) => a - b)
  .map((entries) => [entries, sharesFor(entries)]);
