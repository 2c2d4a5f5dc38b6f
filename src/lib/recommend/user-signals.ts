/**
 * One user's signals, the one path that For you, each member of Together, `npm run evaluate` and
 * the file CLI take: the model's scores for the user's vector (a fold-in, or a fine-tune's row),
 * what the nearest users loved, item-kNN from the liked anime, the content profile, and the
 * franchise rules. Explanations read what this returns, nothing else.
 */
import type { Catalogue, Ratings } from '$lib/data/shard-types';
import type { UserItems } from '$lib/library/user-items';
import { DEFAULT_FOLD_IN, foldIn } from '$lib/model/fold-in';
import { Feedback } from '$lib/model/interactions';
import { scoreAll, type NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import { sparseEaseScores, type SparseEase } from './ease-sparse';
import { contentScores, entryWeights, userProfile, type ContentIndex } from './content';
import { mostSimilarLiked, sharedFeatures, type Explanation } from './explain';
import { franchiseRules, likedPredecessor, type Franchises } from './franchise';
import { itemKnnScores, likedNeighboursOf, type ItemKnn } from './item-knn';
import { nearestUsers, neighbourScores, neighboursWhoLoved, type Neighbours } from './neighbours';
import { itemBasedNeighbours } from './rank';
import type { SignalArrays } from './signals';

export interface SignalModel {
  model: NcfModel;
  /** Length of each anime embedding (for explanations' cosine). */
  norms: Float32Array;
  /** The `ratings` row of each model user; null when model users are the rows in order. */
  ratingRows: ArrayLike<number> | null;
  /** The fold-in's negative sampling. */
  sampler: NegativeSampler;
}

/** What every user's signals are built from. */
export interface SignalContext {
  catalogue: Catalogue;
  /** The lists the user-based signal reads (the shard's; TRAIN's alone in the file CLI). */
  ratings: Ratings;
  content: ContentIndex;
  franchises: Franchises;
  /** Built from the same lists as `ratings`. */
  itemKnn: ItemKnn;
  /** EASE over the most-liked anime (shipped in the shard); null without it. */
  ease: SparseEase | null;
  model: SignalModel | null;
}

export interface ComputedSignals extends SignalArrays {
  /** The user's vector in the model; null without a model or without a liked anime. */
  vector: Float32Array | null;
  /** Content profile (explanations name the features it shares). */
  profile: Float32Array;
  neighbours: Neighbours | null;
  /** How many neighbours of each liked anime the item-kNN score read. */
  itemNeighbours: number;
}

/**
 * The signals of the list `items`. `vector` is the user's row when it was already fitted (a stored
 * fold-in, a fine-tune); otherwise it is folded in here. The arrays may share memory with `items`
 * and `ctx`: copy before transferring them.
 */
export function userSignals(
  ctx: SignalContext,
  items: UserItems,
  vector: Float32Array | null = null,
): ComputedSignals {
  const { catalogue, model } = ctx;
  const profile = userProfile(ctx.content, items.items, entryWeights(items.scores, items.feedback));
  const itemNeighbours = itemBasedNeighbours(model !== null);
  const liked = items.positives > 0;
  let collaborative: Float32Array | null = null;
  let userBased: Float32Array | null = null;
  let neighbours: Neighbours | null = null;
  let fitted: Float32Array | null = null;
  if (model && liked) {
    fitted =
      vector ??
      foldIn(model.model, items.items, items.feedback, model.sampler, DEFAULT_FOLD_IN).vector;
    collaborative = scoreAll(model.model, fitted);
    const near = nearestUsers(model.model, fitted);
    const rows = model.ratingRows;
    neighbours = {
      users: rows ? Uint32Array.from(near.users, (u) => rows[u]!) : near.users,
      similarity: near.similarity,
    };
    userBased = neighbourScores(ctx.ratings, neighbours, catalogue.size);
  }
  return {
    collaborative,
    userBased,
    itemBased: liked ? itemKnnScores(ctx.itemKnn, items, itemNeighbours) : null,
    ease: liked && ctx.ease ? sparseEaseScores(ctx.ease, items) : null,
    content: contentScores(ctx.content, profile),
    listStatus: items.statusByAnime,
    ...franchiseRules(ctx.franchises, items.opinion),
    franchise: ctx.franchises.group,
    vector: fitted,
    profile,
    neighbours,
    itemNeighbours,
  };
}

/** The first anime of each franchise, in order ("fans of GATE and GATE" names one show twice). */
function onePerFranchise(indices: number[], group: Int32Array): number[] {
  const seen = new Set<number>();
  return indices.filter((i) => !seen.has(group[i]!) && seen.add(group[i]!));
}

/** Why each of `indices` is recommended, from the signals `userSignals` returned for `items`. */
export function explainSignals(
  ctx: SignalContext,
  items: UserItems,
  signals: ComputedSignals,
  indices: number[],
): Explanation[] {
  const liked = items.items.filter((_, k) => items.feedback[k] === Feedback.positive);
  const { franchises, model } = ctx;
  const { group } = franchises;
  const { neighbours } = signals;
  return indices.map((index) => ({
    index,
    continues: likedPredecessor(franchises, items.opinion, index),
    fansOf: onePerFranchise(
      likedNeighboursOf(ctx.itemKnn, liked, index, 10, signals.itemNeighbours),
      group,
    )
      .filter((i) => group[i] !== group[index])
      .slice(0, 2),
    // One per franchise: "because you liked Haikyu!! and Haikyu!!" names one show twice.
    becauseYouLiked:
      model && signals.vector
        ? onePerFranchise(mostSimilarLiked(model.model, model.norms, liked, index, 8), group)
            .filter((i) => group[i] !== group[index])
            .slice(0, 2)
        : [],
    lovedByNeighbours: neighbours ? neighboursWhoLoved(ctx.ratings, neighbours, index) : 0,
    neighbourCount: neighbours?.users.length ?? 0,
    sharedFeatures: sharedFeatures(ctx.content, signals.profile, index),
  }));
}
