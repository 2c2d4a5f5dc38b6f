/**
 * The rankers the evaluation table compares, built around one trained NCF model: NCF alone,
 * user-based (nearest users), content alone and with a popularity prior, blends, and the app's
 * own ranking (the same code as the recommendations page: blend, one title per franchise,
 * continuations held back). They share each user's fold-in and content profile (the harness
 * hands every ranker the same input object in turn).
 */
import type { Catalogue, Ratings } from '$lib/data/shard-types';
import type { Ranker, TestListInput } from '$lib/model/evaluate';
import { Feedback } from '$lib/model/interactions';
import { LISTED_WITHOUT_STATUS } from '$lib/library/user-items';
import { foldIn, type FoldedUser, type FoldInConfig } from '$lib/model/fold-in';
import { scoreAll, type NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import { blend } from './blend';
import {
  buildContentIndex,
  contentScores,
  entryWeights,
  userProfile,
  type ContentIndex,
} from './content';
import { franchiseRules, groupFranchises, opinions } from './franchise';
import { buildItemKnn, itemKnnScores, type ItemKnn } from './item-knn';
import { nearestUsers, neighbourScores, NEIGHBOURS } from './neighbours';
import {
  DEFAULT_CONTROLS,
  ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL,
  itemBasedNeighbours,
  ITEM_BASED_SHARE,
  noFilters,
  prepareSignals,
  rankRecommendations,
  USER_BASED_SHARE,
} from './rank';

export const BLEND_WEIGHTS = [0.1, 0.2, 0.3, 0.5];

export interface Neighbourhood {
  ratings: Ratings;
  /** The shard user of each model user (the model is trained on a subset of users). */
  modelUsers: ArrayLike<number>;
}

interface UserScores {
  collaborative: Float32Array;
  userBased: Float32Array | null;
  /** Item-kNN over the neighbours the blend reads, and over those read without a model. */
  itemBased: Float32Array | null;
  itemBasedAlone: Float32Array | null;
  similar: Float32Array;
}

/** A user's own model and vector: the fold-in's model and vector, or a fine-tune's. */
export type Personalise = (
  input: TestListInput,
  folded: FoldedUser,
) => { model: NcfModel; vector: Float32Array };

export function hybridRankers(
  catalogue: Catalogue,
  ncf: { model: NcfModel; sampler: NegativeSampler },
  fold?: FoldInConfig,
  content: ContentIndex = buildContentIndex(catalogue),
  neighbourhood?: Neighbourhood,
  /** Content weights at which to also report the app's blend (cold-start tables try several). */
  appContentWeights: number[] = [DEFAULT_CONTROLS.contentWeight],
  /** Fine-tunes the model for each user, as the app does on the device (fold-in alone without). */
  personalise?: Personalise,
): Ranker[] {
  let lastInput: TestListInput | null = null;
  let scores: UserScores | null = null;
  const franchises = neighbourhood ? groupFranchises(catalogue) : null;
  const knn: ItemKnn | null = neighbourhood
    ? buildItemKnn(neighbourhood.ratings, catalogue.size, neighbourhood.modelUsers)
    : null;
  const all = (input: TestListInput): UserScores => {
    if (input !== lastInput || !scores) {
      lastInput = input;
      const folded = foldIn(ncf.model, input.items, input.feedback, ncf.sampler, fold);
      const user = personalise
        ? personalise(input, folded)
        : { model: ncf.model, vector: folded.vector };
      const profile = userProfile(content, input.items, entryWeights(input.scores, input.feedback));
      let userBased: Float32Array | null = null;
      let itemBased: Float32Array | null = null;
      let itemBasedAlone: Float32Array | null = null;
      if (knn && input.feedback.some((f) => f === Feedback.positive)) {
        itemBased = itemKnnScores(knn, input, itemBasedNeighbours(true));
        itemBasedAlone = itemKnnScores(knn, input, itemBasedNeighbours(false));
      }
      if (neighbourhood) {
        const near = nearestUsers(user.model, user.vector);
        const users = Uint32Array.from(near.users, (u) => neighbourhood.modelUsers[u]!);
        const neighbours = { users, similarity: near.similarity };
        userBased = neighbourScores(neighbourhood.ratings, neighbours, catalogue.size);
      }
      scores = {
        collaborative: scoreAll(user.model, user.vector),
        userBased,
        itemBased,
        itemBasedAlone,
        similar: contentScores(content, profile),
      };
    }
    return scores;
  };
  const rankers: Ranker[] = [
    { name: `NCF (dim ${ncf.model.dim})`, scores: (input) => all(input).collaborative },
    { name: 'content only', scores: (input) => all(input).similar },
    ...BLEND_WEIGHTS.map((w) => ({
      name: `hybrid, content weight ${w}`,
      scores: (input: TestListInput) => {
        const { collaborative: a, similar: b } = all(input);
        return blend(a, b, w);
      },
    })),
  ];
  if (!neighbourhood || !franchises) return rankers;
  const appRanking = (
    input: TestListInput,
    withModel: boolean,
    rules = true,
    contentWeight = DEFAULT_CONTROLS.contentWeight,
    newFranchisesOnly = false,
  ): Float32Array => {
    const s = all(input);
    // As the app reads a list (user-items.ts): a status per listed anime, one opinion per anime.
    const listStatus = new Uint8Array(catalogue.size);
    input.items.forEach((item, k) => (listStatus[item] = input.status[k] || LISTED_WITHOUT_STATUS));
    const opinion = opinions(input.items, input.feedback, input.status, catalogue.size);
    const none = new Uint8Array(catalogue.size);
    const sense = rules
      ? franchiseRules(franchises, opinion)
      : { blocked: none, dislikedFranchise: none };
    // Like the app, the model's signals only for a list with something liked.
    const model = withModel && input.feedback.some((f) => f === Feedback.positive);
    const prepared = prepareSignals(catalogue, {
      collaborative: model ? s.collaborative : null,
      userBased: model ? s.userBased : null,
      itemBased: model ? s.itemBased : s.itemBasedAlone,
      content: s.similar,
      listStatus,
      ...sense,
      franchise: rules
        ? franchises.group
        : Int32Array.from({ length: catalogue.size }, (_, i) => i),
    });
    const controls = { ...DEFAULT_CONTROLS, contentWeight, showAdult: true, newFranchisesOnly };
    const ranked = rankRecommendations(catalogue, prepared, controls, noFilters(), 20);
    const out = new Float32Array(catalogue.size).fill(-Infinity);
    ranked.forEach((r, k) => (out[r.index] = 20 - k));
    return out;
  };
  return [
    ...rankers,
    { name: `user-based (${NEIGHBOURS} nearest users)`, scores: (input) => all(input).userBased! },
    {
      name: `item-based (item-kNN, ${ITEM_BASED_NEIGHBOURS_WITHOUT_MODEL} neighbours)`,
      scores: (input) => all(input).itemBasedAlone ?? new Float32Array(catalogue.size),
    },
    ...appContentWeights.map((w) => ({
      name:
        `Tsugi hybrid blend (user-based ${USER_BASED_SHARE}, item-kNN ${ITEM_BASED_SHARE}, ` +
        `content weight ${w})`,
      scores: (input: TestListInput) => appRanking(input, true, false, w),
    })),
    {
      name: 'Tsugi hybrid as shown (+ one per franchise, continuations held back)',
      scores: (input) => appRanking(input, true),
    },
    {
      name: 'Tsugi as shown, new franchises only',
      scores: (input) => appRanking(input, true, true, undefined, true),
    },
    {
      name: 'Tsugi without a model (item-kNN + content, as shown)',
      scores: (input) => appRanking(input, false),
    },
  ];
}
