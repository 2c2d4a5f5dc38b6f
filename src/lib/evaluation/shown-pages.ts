/**
 * The cards For you would show each held-out user, scored as the app scores them, each marked
 * with whether it is one of the user's held-out likes: what `calibrate-match` fits the match
 * label's thresholds on.
 */
import { listItems, type UserItems } from '$lib/library/user-items';
import { DEFAULT_FOLD_IN, foldIn } from '$lib/model/fold-in';
import { Feedback, feedbackOf } from '$lib/model/interactions';
import { itemNorms } from '$lib/recommend/explain';
import { userSignals, type ComputedSignals, type SignalContext } from '$lib/recommend/user-signals';
import { appRanking } from './app-ranking';
import { inputOf, type TestListInput } from './evaluate';
import type { Personalise } from './hybrid-rankers';
import type { ShownCard } from './match-calibration';
import type { EvaluationSplit } from './split';

/** A page of cards on For you. */
export const PAGE = 48;

/** Each held-out user's page of cards, scored as the app scores it (fine-tuned with `personalise`). */
export function shownPages(
  ctx: SignalContext,
  split: EvaluationSplit,
  personalise?: Personalise,
): ShownCard[][] {
  const { catalogue, ratings } = ctx;
  const pages: ShownCard[][] = [];
  for (const user of split.testUsers) {
    const liked = new Set<number>();
    for (const e of user.heldOut) {
      if (feedbackOf(ratings.score[e]!, ratings.status[e]!) === Feedback.positive)
        liked.add(ratings.anime[e]!);
    }
    // The evaluation's users: a list to start from and something held out to find.
    if (liked.size === 0 || user.input.length === 0) continue;
    const input = inputOf(ratings, user);
    const items = listItems(input.items, input.scores, input.status, catalogue.size);
    const signals = personalise
      ? tunedSignals(ctx, input, items, personalise)
      : userSignals(ctx, items);
    const ranked = appRanking(catalogue, signals, items.items.length, PAGE, { asShown: true });
    pages.push(
      ranked.map((r, k) => ({ score: r.score, hit: liked.has(r.index), position: k + 1 })),
    );
  }
  return pages;
}

/** The signals after the background fine-tune, as `hybridRankers` builds them. */
function tunedSignals(
  ctx: SignalContext,
  input: TestListInput,
  items: UserItems,
  personalise: Personalise,
): ComputedSignals {
  const shipped = ctx.model!;
  const folded = foldIn(
    shipped.model,
    input.items,
    input.feedback,
    shipped.sampler,
    DEFAULT_FOLD_IN,
  );
  const own = personalise(input, folded);
  const model = { ...shipped, model: own.model, norms: itemNorms(own.model) };
  return userSignals({ ...ctx, model }, items, own.vector);
}
