/** What a list says of each anime, as the franchise rules and the evaluation read it. */
import { Status } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';

/** What a list says of each anime: not on it (or only planned), liked, disliked, or seen otherwise. */
export const Opinion = { none: 0, liked: 1, disliked: 2, neutral: 3 } as const;

/**
 * The one rule for what a list says of an anime: planned is not seen; positive feedback (7+, or
 * completed or watching unscored) is liked; negative (dropped, or 1–5) is disliked; the rest of
 * what was seen (a 6, on hold) is neutral.
 */
export function opinions(
  items: ArrayLike<number>,
  feedback: ArrayLike<number>,
  statuses: ArrayLike<number>,
  catalogueSize: number,
): Uint8Array {
  const out = new Uint8Array(catalogueSize);
  for (let k = 0; k < items.length; k++) {
    if (statuses[k] === Status.planToWatch) continue;
    out[items[k]!] =
      feedback[k] === Feedback.positive
        ? Opinion.liked
        : feedback[k] === Feedback.negative
          ? Opinion.disliked
          : Opinion.neutral;
  }
  return out;
}
