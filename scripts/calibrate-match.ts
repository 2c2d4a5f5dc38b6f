/**
 * npm run calibrate:match
 *
 * Sets the thresholds of the cards' match label (`MATCH_THRESHOLDS` in
 * src/lib/recommend/match.ts) from how often a shown card was one of the user's own later likes.
 * The held-out users of the built-in split (the shipped model never saw them) are each given 80%
 * of their list, as `npm run evaluate` does; the app's own path (`userSignals` with the shipped
 * model, `appRanking` as shown, default controls) ranks a page of 48 cards, and each card's
 * blended score (`Ranked.score`) is recorded with whether it is among the 20% held-out likes.
 *
 * The rule: the average hit rate p of all shown cards is the yardstick. The hit rate is fitted as
 * a non-decreasing function of the score (isotonic regression); "Strong match" starts at the
 * lowest score from which the fit reaches 2p (such a card is, by the fit, at least twice as
 * likely as an average card to be a later like), "Good match" where it reaches p (at least an
 * average card); below that, "Worth a look". Thresholds are rounded up to 0.1. A hit is a lower
 * bound on relevance: a card the user never listed may still suit them.
 *
 * Also printed: the hit rate by position; how far the thresholds move over resamples of the
 * users; and, at the chosen thresholds, each level's share of cards and hit rate for the users
 * of the fit, for the first 100 after the background fine-tune (the app's default, about a
 * second each) and for users given only 5 rated titles (cold start). Those checks do not move
 * the thresholds. About two minutes of one core.
 */
import { readBuiltShard } from './model/built-shard';
import {
  bootstrapThresholds,
  hitRate,
  levelSummary,
  matchThresholds,
  roundUp,
  scoreBuckets,
  type ShownCard,
} from './model/match-calibration';
import { coldStartSplit } from './model/evaluate-parts';
import { fineTuning } from './model/compare-fine-tune';
import { listItems, type UserItems } from '../src/lib/library/user-items';
import { inputOf, type TestListInput } from '../src/lib/evaluation/evaluate';
import { DEFAULT_FOLD_IN, foldIn } from '../src/lib/model/fold-in';
import { Feedback, feedbackOf } from '../src/lib/model/interactions';
import { createSampler } from '../src/lib/model/negative-sampler';
import { splitUsers, type EvaluationSplit } from '../src/lib/evaluation/split';
import { trainingSet } from '../src/lib/model/training-set';
import { appRanking } from '../src/lib/evaluation/app-ranking';
import { itemNorms } from '../src/lib/recommend/explain';
import { evaluationContext, type Personalise } from '../src/lib/evaluation/hybrid-rankers';
import { MATCH_THRESHOLDS } from '../src/lib/recommend/match';
import {
  userSignals,
  type ComputedSignals,
  type SignalContext,
} from '../src/lib/recommend/user-signals';

/** A page of cards on For you. */
const PAGE = 48;
/** Width of the score buckets in the table. */
const BUCKET = 1;
/** Cold-start list size whose level shares are printed as a check (not used for the fit). */
const COLD_START_SIZE = 5;
/** Resamples of the users for the thresholds' spread. */
const BOOTSTRAP_ROUNDS = 200;
/** Held-out users checked after a fine-tune (about a second each). */
const FINE_TUNE_USERS = 100;

/** Each held-out user's page of cards, scored as the app scores it (fine-tuned with `personalise`). */
function shownPages(
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

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const range = (from: number, to: number) =>
  from === -Infinity
    ? `< ${to.toFixed(2)}`
    : to === Infinity
      ? `≥ ${from.toFixed(2)}`
      : `${from.toFixed(2)}–${to.toFixed(2)}`;

function printBuckets(cards: ShownCard[], average: number): void {
  const sorted = cards.map((c) => c.score).sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;
  const low = Math.floor(quantile(0.02) / BUCKET) * BUCKET;
  const high = Math.ceil(quantile(0.98) / BUCKET) * BUCKET;
  console.log('Hit rate by blended score (all shown cards):');
  console.table(
    scoreBuckets(cards, low, high, BUCKET).map((b) => ({
      score: range(b.from, b.to),
      cards: b.cards,
      'share of cards': pct(b.cards / cards.length),
      'hit rate': pct(b.hits / b.cards),
      '× average': (b.hits / b.cards / average).toFixed(2),
    })),
  );
}

function printPositions(pages: ShownCard[][], average: number): void {
  console.log('Hit rate by position on the page (for reference):');
  console.table(
    Array.from({ length: PAGE }, (_, k) => {
      const at = pages.map((p) => p[k]).filter((c) => c !== undefined);
      const scores = at.map((c) => c.score).sort((a, b) => a - b);
      return {
        position: k + 1,
        cards: at.length,
        'median score': (scores[Math.floor(scores.length / 2)] ?? NaN).toFixed(2),
        'hit rate': pct(hitRate(at)),
        '× average': (hitRate(at) / average).toFixed(2),
      };
    }),
  );
}

function printLevels(title: string, pages: ShownCard[][], strong: number, good: number): void {
  const average = hitRate(pages.flat());
  console.log(
    `${title}: ${pages.length} users, ${pages.flat().length} cards, ` +
      `average hit rate ${pct(average)}`,
  );
  const levels = [
    { level: `Strong match (≥ ${strong})`, from: strong },
    { level: `Good match (${good}–${strong})`, from: good },
    { level: `Worth a look (< ${good})`, from: -Infinity },
  ];
  console.table(
    levelSummary(pages, levels).map((l) => ({
      level: l.level,
      'share of cards': pct(l.share),
      'hit rate': pct(l.hitRate),
      '× average': (l.hitRate / average).toFixed(2),
      'users with one on their page': pct(l.usersWithOne),
    })),
  );
}

async function main(): Promise<void> {
  const { shard } = await readBuiltShard();
  const { catalogue, ratings } = shard;
  if (!shard.model) {
    throw new Error(
      shard.modelProblem ?? 'the shard has no model: rebuild it with `npm run shard`',
    );
  }
  const split = splitUsers(ratings);
  const shipped = shard.model;
  if (shipped.shardUsers.join() !== split.trainUsers.join()) {
    throw new Error('the shipped model was not trained on this split: rebuild the shard');
  }
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const implicit = {
    model: shipped.model,
    sampler: createSampler(set.positiveCounts, shipped.info.config.samplingPower),
  };
  const ctx = evaluationContext(
    catalogue,
    ratings,
    split.trainUsers,
    implicit,
    shipped.ease?.ease ?? null,
  );
  const started = performance.now();
  const pages = shownPages(ctx, split);
  const cards = pages.flat();
  const { average, strong: strongAt, good: goodAt } = matchThresholds(cards);
  console.log(
    `Held-out users: ${pages.length}, each given 80% of their list; ${cards.length} shown cards ` +
      `(top ${PAGE}, as shown, default controls) in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Average hit rate (card is one of the user's held-out likes): ${pct(average)}.`,
  );
  printBuckets(cards, average);
  printPositions(pages, average);
  const strong = roundUp(strongAt);
  const good = roundUp(goodAt);
  console.log(
    `Rule: the hit rate fitted as a non-decreasing function of the score (isotonic regression); ` +
      `"Strong match" from the lowest score where it reaches 2 × average (${pct(2 * average)}): ` +
      `${strongAt.toFixed(3)}; "Good match" where it reaches the average (${pct(average)}): ` +
      `${goodAt.toFixed(3)}; rounded up to 0.1: strong ${strong}, good ${good}. ` +
      `In match.ts now: strong ${MATCH_THRESHOLDS.strong}, good ${MATCH_THRESHOLDS.good}.`,
  );
  const spread = bootstrapThresholds(pages, BOOTSTRAP_ROUNDS);
  const interval = (v: number[]) =>
    `${v[1]!.toFixed(2)} (5–95%: ${v[0]!.toFixed(2)}–${v[2]!.toFixed(2)})`;
  console.log(
    `Stability, the rule on ${BOOTSTRAP_ROUNDS} resamples of the users: ` +
      `strong ${interval(spread.strong)}, good ${interval(spread.good)}.`,
  );
  printLevels('At these thresholds, held-out users', pages, strong, good);
  const tunedUsers = { ...split, testUsers: split.testUsers.slice(0, FINE_TUNE_USERS) };
  printLevels(
    `Check, the first ${FINE_TUNE_USERS} held-out users after the background fine-tune (the app's default)`,
    shownPages(ctx, tunedUsers, fineTuning(implicit, set)),
    strong,
    good,
  );
  printLevels(
    `Check, held-out users given ${COLD_START_SIZE} rated titles`,
    shownPages(ctx, coldStartSplit(ratings, split, COLD_START_SIZE)),
    strong,
    good,
  );
}

main().catch((error: unknown) => {
  console.error(`calibrate:match: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
