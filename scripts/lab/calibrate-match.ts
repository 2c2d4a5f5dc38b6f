/**
 * npm run lab -- calibrate-match [--markdown]
 *
 * Sets the match label of the cards (`MATCH_STANDING` in src/lib/recommend/match.ts) from how
 * often a card was one of the user's own later likes, by its standing: its place among all the
 * user's picks (one per franchise, before filters), which reads the same whatever the scale of
 * the blend (shipped model, fine-tuned, no model, any list size). The held-out users of the
 * built-in split (the shipped model never saw them) are each given 80% of their list, as
 * `npm run evaluate` does; the app's own path (`userSignals` with the shipped model, `appRanking`
 * as shown, default controls) ranks a page of 48 cards, each marked with whether it is among the
 * 20% held-out likes.
 *
 * The rule: the average hit rate p of all shown cards is the yardstick. The hit rate is fitted as
 * a non-increasing function of the standing (isotonic regression); "Strong match" covers the
 * standings where the fit is at least 2p, "Good match" those where it is at least p; the rest
 * read "Worth a look". A hit is a lower bound on relevance: a card the user never listed may
 * still suit them.
 *
 * Also printed: the hit rate by standing; how far the thresholds move over resamples of the
 * users; and, at the chosen thresholds, each level's share of cards and hit rate for the users
 * of the fit, for the first 100 after the background fine-tune (the app's default, about a second
 * each), for users given only 5 rated titles (cold start), and without a model (the fallback).
 * Those checks do not move the thresholds. A few minutes of one core. `--markdown`: the tables as
 * Markdown, each under the command, time and commit that wrote it. The measuring is in
 * src/lib/evaluation.
 */
import { parseArgs } from 'node:util';
import { readBuiltShard } from '../model/built-shard';
import { stampIf } from '../model/run-stamp';
import {
  bootstrapThresholds,
  byStanding,
  hitRate,
  levelSummary,
  standingThresholds,
  type ShownCard,
} from '../../src/lib/evaluation/match-calibration';
import { coldStartSplit } from '../../src/lib/evaluation/split';
import { fineTuning } from '../../src/lib/evaluation/fine-tune-comparison';
import { printTable, type RunStamp } from '../../src/lib/evaluation/results-table';
import { shippedSetup } from '../../src/lib/evaluation/shipped-evaluation';
import { PAGE, shownPages } from '../../src/lib/evaluation/shown-pages';
import { MATCH_STANDING } from '../../src/lib/recommend/match';

/** Cold-start list size whose level shares are printed as a check (not used for the fit). */
const COLD_START_SIZE = 5;
/** Resamples of the users for the thresholds' spread. */
const BOOTSTRAP_ROUNDS = 200;
/** Held-out users checked after a fine-tune (about a second each). */
const FINE_TUNE_USERS = 100;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function printStandings(pages: ShownCard[][], average: number, stamp: RunStamp | null): void {
  console.log('Hit rate by standing (the first card is 1):');
  printTable(
    Array.from({ length: PAGE }, (_, k) => {
      const at = pages.map((p) => p[k]).filter((c) => c !== undefined);
      return {
        standing: k + 1,
        cards: at.length,
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
  { strong, good }: { strong: number; good: number },
  stamp: RunStamp | null,
): void {
  const average = hitRate(pages.flat());
  console.log(
    `${title}: ${pages.length} users, ${pages.flat().length} cards, ` +
      `average hit rate ${pct(average)}`,
  );
  const levels = [
    { level: `Strong match (1–${strong})`, from: -strong },
    { level: `Good match (${strong + 1}–${good})`, from: -good },
    { level: `Worth a look (${good + 1} on)`, from: -Infinity },
  ];
  printTable(
    levelSummary(byStanding(pages), levels).map((l) => ({
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
  const chosen = standingThresholds(pages);
  const { average } = chosen;
  console.log(
    `Held-out users: ${pages.length}, each given 80% of their list; ${pages.flat().length} shown ` +
      `cards (top ${PAGE}, as shown, default controls) in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Average hit rate (card is one of the user's held-out likes): ${pct(average)}.`,
  );
  printStandings(pages, average, stamp);
  console.log(
    `Rule: the hit rate fitted as a non-increasing function of the standing (isotonic ` +
      `regression); "Strong match" while it is at least 2 × average (${pct(2 * average)}): ` +
      `standings 1–${chosen.strong}; "Good match" while it is at least the average: up to ` +
      `${chosen.good}. In match.ts now: strong ${MATCH_STANDING.strong}, good ${MATCH_STANDING.good}.`,
  );
  const spread = bootstrapThresholds(byStanding(pages), BOOTSTRAP_ROUNDS);
  // The thresholds are negated standings; +∞ is a resample where no standing reached the rate.
  const last = (threshold: number) => (threshold === Infinity ? 'none' : Math.floor(-threshold));
  const interval = (v: number[]) => `${last(v[1]!)} (5–95%: ${last(v[2]!)}–${last(v[0]!)})`;
  console.log(
    `Stability, the rule on ${BOOTSTRAP_ROUNDS} resamples of the users: ` +
      `strong up to ${interval(spread.strong)}, good up to ${interval(spread.good)}.`,
  );
  printLevels('At these thresholds, held-out users', pages, chosen, stamp);
  const tunedUsers = { ...split, testUsers: split.testUsers.slice(0, FINE_TUNE_USERS) };
  printLevels(
    `Check, the first ${FINE_TUNE_USERS} held-out users after the background fine-tune (the app's default)`,
    shownPages(ctx, tunedUsers, fineTuning(implicit, set)),
    chosen,
    stamp,
  );
  printLevels(
    `Check, held-out users given ${COLD_START_SIZE} rated titles`,
    shownPages(ctx, coldStartSplit(shard.ratings, split, COLD_START_SIZE)),
    chosen,
    stamp,
  );
  printLevels(
    'Check, held-out users without a model (item-kNN and content, as when the model is damaged)',
    shownPages({ ...ctx, model: null }, split),
    chosen,
    stamp,
  );
}

main().catch((error: unknown) => {
  console.error(`calibrate-match: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
