/**
 * The embedding model's scores: the user's vector (a fold-in into the model in use, or the row a
 * fine-tune fitted) against every anime. The collaborative side's base.
 */
import { scoreAll } from '$lib/model/ncf-model';
import { mostSimilarLiked, onePerFranchise } from '../explain';
import type { ModelRole, Signal } from './signal';

export const ncf: Signal<'collaborative', ModelRole> = {
  key: 'collaborative',
  label: 'NCF',
  blend: { role: 'model' },
  scores: (ctx, _items, fit) =>
    ctx.model && fit.vector ? scoreAll(ctx.model.model, fit.vector) : null,
  explain: ({ model, franchises }, { liked, fit }, index) => {
    const { group } = franchises;
    return {
      // One per franchise: "because you liked Haikyu!! and Haikyu!!" names one show twice.
      becauseYouLiked:
        model && fit.vector
          ? onePerFranchise(mostSimilarLiked(model.model, model.norms, liked, index, 8), group)
              .filter((i) => group[i] !== group[index])
              .slice(0, 2)
          : [],
    };
  },
  evaluation: { name: (ctx) => (ctx.model ? `NCF (dim ${ctx.model.model.dim})` : null) },
};
