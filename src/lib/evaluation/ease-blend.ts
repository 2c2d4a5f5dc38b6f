/**
 * `sweep-ease`'s rankers: EASE alone (dense, and kept to its k largest weights per anime), and
 * the app's ranking as ranked and as shown at given blend shares, each through `userSignals` and
 * `appRanking`, the code For you runs.
 */
import { listItems } from '$lib/library/user-items';
import type { EaseConfig, EaseModel } from '$lib/recommend/ease';
import { sparseEaseScores, type SparseEase } from '$lib/recommend/ease-sparse';
import { BLEND_SHARES, type BlendShares } from '$lib/recommend/rank';
import { userSignals, type ComputedSignals, type SignalContext } from '$lib/recommend/user-signals';
import { appRanking, rankingScores } from './app-ranking';
import { easeRanker } from './ease-ranker';
import type { Ranker, TestListInput } from './evaluate';

/** Dense EASE, then each sparse EASE by its k. */
export function easeRankers(
  dense: EaseModel,
  config: EaseConfig,
  sparse: Map<number, SparseEase>,
): Ranker[] {
  const rankers: Ranker[] = [easeRanker(dense, config)];
  for (const [k, ease] of sparse) {
    const out = new Float32Array(dense.column.length);
    rankers.push({
      name: `EASE, ${k} largest weights per anime`,
      scores: (input) => sparseEaseScores(ease, input, out),
    });
  }
  return rankers;
}

/** The app's ranking, as ranked and as shown, for every combination of shares. */
export function appBlendRankers(
  context: SignalContext,
  grid: { userBased: number[]; itemBased: number[]; ease: number[] },
): Ranker[] {
  const { catalogue } = context;
  // Each held-out list's signals once (the harness hands every ranker the same input object).
  let last: TestListInput | null = null;
  let memo: { entries: number; signals: ComputedSignals } | null = null;
  const signalsOf = (input: TestListInput) => {
    if (input !== last || !memo) {
      last = input;
      const items = listItems(input.items, input.scores, input.status, catalogue.size);
      memo = { entries: items.items.length, signals: userSignals(context, items) };
    }
    return memo;
  };
  const app = (name: string, shares: BlendShares, asShown: boolean): Ranker => ({
    name,
    scores: (input) => {
      const s = signalsOf(input);
      const ranking = appRanking(catalogue, s.signals, s.entries, 20, { asShown, shares });
      return rankingScores(
        catalogue.size,
        ranking.map((r) => r.index),
      );
    },
  });
  const rankers: Ranker[] = [];
  for (const userBased of grid.userBased)
    for (const itemBased of grid.itemBased)
      for (const share of grid.ease) {
        const shares = { ...BLEND_SHARES, userBased, itemBased, ease: share };
        const name = `EASE share ${share}, item-kNN ${itemBased}, user-based ${userBased}`;
        rankers.push(app(`app as ranked, ${name}`, shares, false));
        rankers.push(app(`app as shown, ${name}`, shares, true));
      }
  return rankers;
}
