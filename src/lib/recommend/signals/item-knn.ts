/**
 * Item-kNN: the summed similarity of each anime to the anime the user loved (from which anime the
 * dataset's users love together; it needs no model).
 */
import { itemKnnScores, likedNeighboursOf } from '../item-knn';
import { onePerFranchise } from '../explain';
import type { PartRole, Signal } from './signal';

/**
 * Share of item-kNN in the collaborative side. Held-out Recall@20 of the blend (NCF 0.9 − share,
 * user-based 0.1): share 0 → 0.435, 0.05 → 0.467, 0.1 → 0.487, 0.15 → 0.496, 0.2 → 0.496 with 2
 * neighbours; 0.1 → 0.464 with 5. The gain is mostly later entries of franchises the user loved,
 * which EASE finds as well; beside EASE, 0.05 keeps new-franchise Recall@20 up (`npm run lab --
 * sweep-ease`, docs/evaluation.md).
 */
export const ITEM_BASED_SHARE = 0.05;
/** How many neighbours of each liked anime item-kNN reads with a model. */
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

export const itemKnn: Signal<'itemBased', PartRole> = {
  key: 'itemBased',
  label: 'item-kNN',
  blend: {
    role: 'part',
    byListSize: [
      [5, ITEM_BASED_SHARE],
      [40, ITEM_BASED_SHARE],
    ],
    withoutModel: { weight: 1, popularityPrior: ITEM_BASED_POPULARITY_PRIOR },
  },
  scores: (ctx, items, fit) =>
    items.positives > 0 && ctx.itemKnn
      ? itemKnnScores(ctx.itemKnn, items, fit.itemNeighbours)
      : null,
  explain: (ctx, { liked, fit }, index) => {
    const { group } = ctx.franchises;
    if (!ctx.itemKnn) return { fansOf: [] };
    return {
      fansOf: onePerFranchise(
        likedNeighboursOf(ctx.itemKnn, liked, index, 10, fit.itemNeighbours),
        group,
      )
        .filter((i) => group[i] !== group[index])
        .slice(0, 2),
    };
  },
  evaluation: {
    name: () => `item-based (item-kNN, ${ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL} neighbours)`,
    withoutModel: true,
  },
};
