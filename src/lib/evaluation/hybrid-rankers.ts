/**
 * The rankers the evaluation table compares, built around one trained NCF model: each signal of
 * the registry alone (the model's, the content side's, blends of the two sides, then each part of
 * the collaborative side, those the app also reads without a model last), and the app's own ranking. Every one reads
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
import type { BlendShares } from '$lib/recommend/rank';
import {
  CONTENT_SIGNAL,
  MODEL_SIGNAL,
  PART_SIGNALS,
  type AnySignal,
} from '$lib/recommend/signals/registry';
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
  /** A signal's row, from the signals with the model or as the app computes them without one. */
  const alone = (signal: AnySignal): Ranker[] => {
    const name = signal.evaluation.name(ctx);
    if (name === null) return [];
    const without = signal.evaluation.withoutModel === true;
    return [
      {
        name,
        scores: (input) => {
          const signals = without ? user(input).withoutModel() : user(input).withModel;
          return signals[signal.key] ?? zero;
        },
      },
    ];
  };
  const parts = (withoutModel: boolean) =>
    PART_SIGNALS.filter((p) => (p.evaluation.withoutModel === true) === withoutModel);
  const labels = (signals: AnySignal[], separator: string) =>
    signals.map((s) => s.label).join(separator);
  const collaborative = [MODEL_SIGNAL, ...PART_SIGNALS].filter((s) => s.evaluation.name(ctx));
  const withoutModel = [...parts(true), CONTENT_SIGNAL];
  return [
    // The model alone folds in every user, even one with nothing liked (the app has no model
    // scores for such a list).
    { name: MODEL_SIGNAL.evaluation.name(ctx)!, scores: (input) => user(input).ncf() },
    ...alone(CONTENT_SIGNAL),
    ...BLEND_WEIGHTS.map((w) => ({
      name: `hybrid, content weight ${w}`,
      scores: (input: TestListInput) => {
        const signals = user(input).withModel;
        const model = signals[MODEL_SIGNAL.key];
        const content = signals[CONTENT_SIGNAL.key];
        return model ? blend(model, content, w) : content;
      },
    })),
    ...parts(false).flatMap(alone),
    ...parts(true).flatMap(alone),
    ...(appContentWeights ?? [null]).map((w) => ({
      name:
        `Tsugi hybrid blend (${labels(collaborative, ', ')}: ` +
        `${shares ? `shares ${PART_SIGNALS.map((p) => shares[p.key]).join('/')}` : 'shares by list size'}, ` +
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
      name: `Tsugi without a model (${labels(withoutModel, ' + ')}, as shown)`,
      scores: (input) => app(input, true, {}, false),
    },
  ];
}
