/** What the users nearest to this one in the model (by embedding cosine) loved. */
import { NEIGHBOURS, neighbourScores, neighboursWhoLoved } from '../neighbours';
import type { PartRole, Signal } from './signal';

/**
 * Share of the nearest users in the collaborative side, for a full list (held-out Recall@20 of
 * the blend without item-kNN: 0 → 0.381, 0.1 → 0.400, 0.15 → 0.396, 0.3 → 0.380, 0.5 → 0.365;
 * with today's NCF, 0.1 → 0.435, 0.2 → 0.423, 0.3 → 0.412). Beside EASE 0.3 and item-kNN 0.05
 * (`npm run lab -- sweep-ease`), 0.1 → 0.496, 0.05 → 0.501, 0 → 0.503, while new-franchise Recall@20
 * falls 0.229 → 0.228 → 0.223 (EASE's own: 0.227): hence 0.05.
 */
export const USER_BASED_SHARE = 0.05;

export const nearestUsers: Signal<'userBased', PartRole> = {
  key: 'userBased',
  label: 'nearest users',
  blend: {
    role: 'part',
    // A short list leans on its nearest users (see EASE's shares for the figures).
    byListSize: [
      [5, 0.4],
      [40, USER_BASED_SHARE],
    ],
  },
  scores: (ctx, _items, fit) =>
    fit.neighbours ? neighbourScores(ctx.ratings, fit.neighbours, ctx.catalogue.size) : null,
  explain: (ctx, { fit: { neighbours } }, index) => ({
    lovedByNeighbours: neighbours ? neighboursWhoLoved(ctx.ratings, neighbours, index) : 0,
    neighbourCount: neighbours?.users.length ?? 0,
  }),
  evaluation: { name: () => `user-based (${NEIGHBOURS} nearest users)` },
};
