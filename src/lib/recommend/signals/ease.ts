/**
 * EASE: an item–item linear model over the most-liked anime, shipped in the shard beside the
 * model; the summed weights of the liked anime.
 */
import { sparseEaseScores } from '../ease-sparse';
import type { PartRole, Signal } from './signal';

/**
 * Share of EASE in the collaborative side for a full list (`npm run lab -- sweep-ease`: 0.3 beside
 * item-kNN 0.05 gave the best Recall@20 that keeps new-franchise Recall@20 above EASE's own).
 * A short list leans on its nearest users instead: held-out users given 5 rated titles (`npm run lab --
 * sweep-ease --input-size 5`), Recall@20 as shown: the full-list shares 0.134; nearest users
 * 0.4 with EASE 0.3 → 0.152, 0.15 → 0.156, 0 → 0.162.
 */
export const EASE_SHARE = 0.3;

export const ease: Signal<'ease', PartRole> = {
  key: 'ease',
  label: 'EASE',
  blend: {
    role: 'part',
    byListSize: [
      [5, 0],
      [40, EASE_SHARE],
    ],
  },
  scores: (ctx, items) =>
    items.positives > 0 && ctx.ease ? sparseEaseScores(ctx.ease, items) : null,
  evaluation: {
    name: (ctx) => (ctx.ease ? `EASE as shipped (${ctx.ease.k} weights per anime, int8)` : null),
  },
};
