/**
 * The rankers the evaluation table compares, built around one trained NCF model: NCF alone,
 * user-based (nearest users), content alone, blends, and the app's own ranking. Every one reads
 * the signals of `userSignals` (the path For you takes) for the held-out list, read by the app's
 * rule for lists (`listItems`), and ranks with `appRanking` at the page's default controls.
 */
import type { Catalogue, Ratings } from '$lib/data/shard-types';
import { listItems, type UserItems } from '$lib/library/user-items';
import type { Ranker, TestListInput } from '$lib/evaluation/evaluate';
import { foldIn, type FoldedUser, type FoldInConfig } from '$lib/model/fold-in';
import { scoreAll, type NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import { appRanking, rankingScores } from './app-ranking';
import { blend } from '$lib/recommend/blend';
import { buildContentIndex } from '$lib/recommend/content';
import { itemNorms } from '$lib/recommend/explain';
import { groupFranchises } from '$lib/recommend/franchise';
import type { SparseEase } from '$lib/recommend/ease-sparse';
import { buildItemKnn } from '$lib/recommend/item-knn';
import { NEIGHBOURS } from '$lib/recommend/neighbours';
import { ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL, type BlendShares } from '$lib/recommend/rank';
import { userSignals, type ComputedSignals, type SignalContext } from '$lib/recommend/user-signals';

export const BLEND_WEIGHTS = [0.1, 0.2, 0.3, 0.5];

export interface TrainedNcf {
  model: NcfModel;
  sampler: NegativeSampler;
}

/** A user's own model and vector: the fold-in's model and vector, or a fine-tune's. */
export type Personalise = (
  input: TestListInput,
  folded: FoldedUser,
) => { model: NcfModel; vector: Float32Array };

/** NCF alone: every held-out user folded into `ncf`. */
export function ncfRanker(ncf: TrainedNcf, fold?: FoldInConfig): Ranker {
  const scores = new Float32Array(ncf.model.itemCount);
  return {
    name: `NCF (dim ${ncf.model.dim})`,
    scores: (input) =>
      scoreAll(
        ncf.model,
        foldIn(ncf.model, input.items, input.feedback, ncf.sampler, fold).vector,
        scores,
      ),
  };
}

/**
 * What the app would build its signals from, had its users been `modelUsers` (the rows of
 * `ratings` the model was trained on): item-kNN and neighbours from those lists alone.
 */
export function evaluationContext(
  catalogue: Catalogue,
  ratings: Ratings,
  modelUsers: ArrayLike<number>,
  ncf: TrainedNcf,
  /** EASE over the same users (as the shard ships it); none without. */
  ease: SparseEase | null = null,
): SignalContext {
  return {
    catalogue,
    ratings,
    content: buildContentIndex(catalogue),
    franchises: groupFranchises(catalogue),
    itemKnn: buildItemKnn(ratings, catalogue.size, modelUsers),
    ease,
    model: {
      model: ncf.model,
      norms: itemNorms(ncf.model),
      ratingRows: modelUsers,
      sampler: ncf.sampler,
    },
  };
}

export interface HybridOptions {
  fold?: FoldInConfig;
  /** Fixed content weights at which to report the app's blend (the automatic one without). */
  appContentWeights?: number[];
  /** Fine-tunes the model for each user, as the app does on the device (fold-in alone without). */
  personalise?: Personalise;
  /** The collaborative side's parts (sweeps try others; the app's by default). */
  shares?: BlendShares;
}

interface UserView {
  items: UserItems;
  /** NCF scores of the user's vector, also for a list with nothing liked. */
  ncf: () => Float32Array;
  withModel: ComputedSignals;
  withoutModel: () => ComputedSignals;
}

export function hybridRankers(ctx: SignalContext, options: HybridOptions = {}): Ranker[] {
  const { catalogue } = ctx;
  const shipped = ctx.model!;
  const { fold, appContentWeights, personalise, shares } = options;
  let lastInput: TestListInput | null = null;
  let view: UserView | null = null;
  // The harness hands every ranker the same input object in turn: the signals are built once.
  const user = (input: TestListInput): UserView => {
    if (input === lastInput && view) return view;
    lastInput = input;
    const items = listItems(input.items, input.scores, input.status, catalogue.size);
    const folded = foldIn(shipped.model, input.items, input.feedback, shipped.sampler, fold);
    const own = personalise
      ? personalise(input, folded)
      : { model: shipped.model, vector: folded.vector };
    const model =
      own.model === shipped.model
        ? shipped
        : { ...shipped, model: own.model, norms: itemNorms(own.model) };
    let alone: ComputedSignals | null = null;
    view = {
      items,
      ncf: () => scoreAll(own.model, own.vector),
      withModel: userSignals({ ...ctx, model }, items, own.vector),
      withoutModel: () => (alone ??= userSignals({ ...ctx, model: null }, items)),
    };
    return view;
  };
  const app = (input: TestListInput, asShown: boolean, controls = {}, withModel = true) => {
    const { items, withModel: signals, withoutModel } = user(input);
    const ranking = appRanking(
      catalogue,
      withModel ? signals : withoutModel(),
      items.items.length,
      20,
      { asShown, controls, shares: options.shares },
    );
    return rankingScores(
      catalogue.size,
      ranking.map((r) => r.index),
    );
  };
  const zero = new Float32Array(catalogue.size);
  return [
    {
      name: `NCF (dim ${shipped.model.dim})`,
      scores: (input) => user(input).ncf(),
    },
    { name: 'content only', scores: (input) => user(input).withModel.content },
    ...BLEND_WEIGHTS.map((w) => ({
      name: `hybrid, content weight ${w}`,
      scores: (input: TestListInput) => {
        const { collaborative, content } = user(input).withModel;
        return collaborative ? blend(collaborative, content, w) : content;
      },
    })),
    {
      name: `user-based (${NEIGHBOURS} nearest users)`,
      scores: (input) => user(input).withModel.userBased ?? zero,
    },
    ...(ctx.ease
      ? [
          {
            name: `EASE as shipped (${ctx.ease.k} weights per anime, int8)`,
            scores: (input: TestListInput) => user(input).withModel.ease ?? zero,
          },
        ]
      : []),
    {
      name: `item-based (item-kNN, ${ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL} neighbours)`,
      scores: (input) => user(input).withoutModel().itemBased ?? zero,
    },
    ...(appContentWeights ?? [null]).map((w) => ({
      name:
        `Tsugi hybrid blend (NCF, nearest users, item-kNN${ctx.ease ? ', EASE' : ''}: ` +
        `${shares ? `shares ${shares.userBased}/${shares.itemBased}/${shares.ease}` : 'shares by list size'}, ` +
        `content weight ${w ?? 'auto'})`,
      scores: (input: TestListInput) =>
        app(input, false, w === null ? {} : { autoBlend: false, contentWeight: w }),
    })),
    {
      name: 'Tsugi hybrid as shown (+ one per franchise, continuations held back)',
      scores: (input) => app(input, true),
    },
    {
      name: 'Tsugi as shown, new franchises only',
      scores: (input) => app(input, true, { newFranchisesOnly: true }),
    },
    {
      name: 'Tsugi without a model (item-kNN + content, as shown)',
      scores: (input) => app(input, true, {}, false),
    },
  ];
}
