/**
 * npm run lab -- calibrate-match [--markdown]
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
 * the thresholds. About two minutes of one core. `--markdown`: the tables as Markdown, each under
 * the command, time and commit that wrote it. The measuring is in src/lib/evaluation.
 */
import { parseArgs } from 'node:util';
import { readBuiltShard } from '../model/built-shard';
import { stampIf } from '../model/run-stamp';
import {
  bootstrapThresholds,
  hitRate,
  levelSummary,
  matchThresholds,
  roundUp,
  scoreBuckets,
  type ShownCard,
} from '../../src/lib/evaluation/match-calibration';
import { coldStartSplit } from '../../src/lib/evaluation/split';
import { fineTuning } from '../../src/lib/evaluation/fine-tune-comparison';
import { printTable, type RunStamp } from '../../src/lib/evaluation/results-table';
import { shippedSetup } from '../../src/lib/evaluation/shipped-evaluation';
import { PAGE, shownPages } from '../../src/lib/evaluation/shown-pages';
import { MATCH_THRESHOLDS } from '../../src/lib/recommend/match';

/** Width of the score buckets in the table. */
const BUCKET = 1;
/** Cold-start list size whose level shares are printed as a check (not used for the fit). */
const COLD_START_SIZE = 5;
/** Resamples of the users for the thresholds' spread. */
const BOOTSTRAP_ROUNDS = 200;
/** Held-out users checked after a fine-tune (about a second each). */
const FINE_TUNE_USERS = 100;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const range = (from: number, to: number) =>
  from === -Infinity
    ? `< ${to.toFixed(2)}`
    : to === Infinity
      ? `≥ ${from.toFixed(2)}`
      : `${from.toFixed(2)}–${to.toFixed(2)}`;

function printBuckets(cards: ShownCard[], average: number, stamp: RunStamp | null): void {
  const sorted = cards.map((c) => c.score).sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.floor(q * (sorted.length - 1))]!;
  const low = Math.floor(quantile(0.02) / BUCKET) * BUCKET;
  const high = Math.ceil(quantile(0.98) / BUCKET) * BUCKET;
  console.log('Hit rate by blended score (all shown cards):');
  printTable(
    scoreBuckets(cards, low, high, BUCKET).map((b) => ({
      score: range(b.from, b.to),
      cards: b.cards,
      'share of cards': pct(b.cards / cards.length),
      'hit rate': pct(b.hits / b.cards),
      '× average': (b.hits / b.cards / average).toFixed(2),
    })),
    stamp,
  );
}

function printPositions(pages: ShownCard[][], average: number, stamp: RunStamp | null): void {
  console.log('Hit rate by position on the page (for reference):');
  printTable(
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
    stamp,
  );
}

function printLevels(
  title: string,
  pages: ShownCard[][],
  strong: number,
  good: number,
  stamp: RunStamp | null,
): void {
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
  printTable(
    levelSummary(pages, levels).map((l) => ({
      level: l.level,
      'share of cards': pct(l.share),
      'hit rate': pct(l.hitRate),
      '× average': (l.hitRate / average).toFixed(2),
      'users with one on their page': pct(l.usersWithOne),
    })),
    stamp,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { markdown: { type: 'boolean' } } });
  const stamp = stampIf(values.markdown);
  const { shard } = await readBuiltShard();
  const { split, set, implicit, context: ctx } = shippedSetup(shard);
  const started = performance.now();
  const pages = shownPages(ctx, split);
  const cards = pages.flat();
  const { average, strong: strongAt, good: goodAt } = matchThresholds(cards);
  console.log(
    `Held-out users: ${pages.length}, each given 80% of their list; ${cards.length} shown cards ` +
      `(top ${PAGE}, as shown, default controls) in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Average hit rate (card is one of the user's held-out likes): ${pct(average)}.`,
  );
  printBuckets(cards, average, stamp);
  printPositions(pages, average, stamp);
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
  printLevels('At these thresholds, held-out users', pages, strong, good, stamp);
  const tunedUsers = { ...split, testUsers: split.testUsers.slice(0, FINE_TUNE_USERS) };
  printLevels(
    `Check, the first ${FINE_TUNE_USERS} held-out users after the background fine-tune (the app's default)`,
    shownPages(ctx, tunedUsers, fineTuning(implicit, set)),
    strong,
    good,
    stamp,
  );
  printLevels(
    `Check, held-out users given ${COLD_START_SIZE} rated titles`,
    shownPages(ctx, coldStartSplit(shard.ratings, split, COLD_START_SIZE)),
    strong,
    good,
    stamp,
  );
}

main().catch((error: unknown) => {
  console.error(`calibrate-match: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
