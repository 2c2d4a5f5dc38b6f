/**
 * One user's signals, the one path that For you, each member of Together, `npm run evaluate` and
 * the file CLI take: the user fitted once (their vector in the model, a fold-in or a fine-tune's
 * row; their nearest users; their content profile), every signal of the registry scored from that,
 * and the franchise rules. Explanations read what this returns, nothing else.
 */
import type { UserItems } from '$lib/library/user-items';
import { DEFAULT_FOLD_IN, foldIn } from '$lib/model/fold-in';
import { Feedback } from '$lib/model/interactions';
import { entryWeights, userProfile } from './content';
import { noReasons, type Explanation } from './explain';
import { franchiseRules, likedPredecessor } from './franchise';
import { lovedFrom, regardOf } from './regard';
import { nearestUsers } from './neighbours';
import { itemBasedNeighbours } from './signals/item-knn';
import { SIGNALS } from './signals/registry';
import type { SignalArrays, SignalScores } from './signals';
import type { SignalContext, UserFit } from './signals/context';

export type { SignalContext, SignalModel, UserFit } from './signals/context';

export interface ComputedSignals extends SignalArrays, UserFit {}

/** The user's vector (fitted here unless given), nearest users and content profile. */
function fitUser(ctx: SignalContext, items: UserItems, vector: Float32Array | null): UserFit {
  const { model } = ctx;
  const profile = userProfile(ctx.content, items.items, entryWeights(items.scores, items.feedback));
  const itemNeighbours = itemBasedNeighbours(model !== null);
  if (!model || items.positives === 0)
    return { vector: null, profile, neighbours: null, itemNeighbours };
  const fitted =
    vector ??
    foldIn(model.model, items.items, items.feedback, model.sampler, DEFAULT_FOLD_IN).vector;
  const near = nearestUsers(model.model, fitted);
  const rows = model.ratingRows;
  const neighbours = {
    users: rows ? Uint32Array.from(near.users, (u) => rows[u]!) : near.users,
    similarity: near.similarity,
  };
  return { vector: fitted, profile, neighbours, itemNeighbours };
}

/**
 * The signals of the list `items`: every registered signal's scores under its key, the list's
 * arrays and the fit. `vector` is the user's row when it was already fitted (a stored fold-in, a
 * fine-tune); otherwise it is folded in here. The arrays may share memory with `items` and
 * `ctx`: copy before transferring them.
 */
export function userSignals(
  ctx: SignalContext,
  items: UserItems,
  vector: Float32Array | null = null,
): ComputedSignals {
  const fit = fitUser(ctx, items, vector);
  const scores = Object.fromEntries(SIGNALS.map((s) => [s.key, s.scores(ctx, items, fit)]));
  return {
    ...(scores as SignalScores),
    listStatus: items.statusByAnime,
    ...franchiseRules(ctx.franchises, items.opinion),
    franchise: ctx.franchises.group,
    ...fit,
  };
}

/** Why each of `indices` is recommended, from the signals `userSignals` returned for `items`. */
export function explainSignals(
  ctx: SignalContext,
  items: UserItems,
  signals: ComputedSignals,
  indices: number[],
): Explanation[] {
  const liked = items.items.filter((_, k) => items.feedback[k] === Feedback.positive);
  const { vector, profile, neighbours, itemNeighbours } = signals;
  const user = { items, liked, fit: { vector, profile, neighbours, itemNeighbours } };
  const scoreOf = new Map(Array.from(items.items, (item, k) => [item, items.scores[k]!]));
  const loved = lovedFrom(items.scores);
  return indices.map((index) => {
    const why: Explanation = {
      index,
      continues: likedPredecessor(ctx.franchises, items.opinion, index),
      ...noReasons(),
    };
    for (const signal of SIGNALS)
      if (signal.explain) Object.assign(why, signal.explain(ctx, user, index));
    const named = [...why.becauseYouLiked, ...why.fansOf];
    if (why.continues !== null) named.push(why.continues);
    for (const i of named) why.regard[i] = regardOf(scoreOf.get(i) ?? 0, loved);
    return why;
  });
}
