/**
 * Fold-in against the shipped model versus fine-tuning it with each held-out user's list (what
 * the app does in the background), on a sample of the held-out users: NCF alone and the app's
 * ranking, each with its time per user.
 */
import { evaluateRankers, type RankingResult } from './evaluate';
import {
  DEFAULT_FINE_TUNE,
  fineTuneNow,
  userVector,
  withoutUser,
  type FineTuneConfig,
} from '$lib/model/fine-tune';
import type { FoldInConfig } from '$lib/model/fold-in';
import type { NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import type { EvaluationSplit } from './split';
import type { TrainingSet } from '$lib/model/training-set';
import { hybridRankers, type Personalise } from './hybrid-rankers';
import type { SignalContext } from '$lib/recommend/user-signals';
import { resultRows, type TableRow } from './results-table';

export interface FineTuneComparison {
  users: number;
  rows: (RankingResult & { variant: string })[];
}

/** The harness's hook that fine-tunes the model for each user, as the app does. */
export function fineTuning(
  ncf: { model: NcfModel; sampler: NegativeSampler },
  set: TrainingSet,
  config: FineTuneConfig = DEFAULT_FINE_TUNE,
): Personalise {
  return (input, folded) => {
    const job = { base: ncf.model, others: set, user: input, start: folded, sampler: ncf.sampler };
    const tuned = fineTuneNow({ ...job, config });
    return { model: withoutUser(tuned), vector: userVector(tuned) };
  };
}

export function compareFineTune(
  context: SignalContext,
  split: EvaluationSplit,
  ncf: { model: NcfModel; sampler: NegativeSampler },
  set: TrainingSet,
  fold: FoldInConfig,
  franchise: Int32Array,
  users: number,
): FineTuneComparison {
  const sample = { ...split, testUsers: split.testUsers.slice(0, users) };
  const { catalogue, ratings } = context;
  const personalise = fineTuning(ncf, set);
  const pick = (name: string) =>
    name.startsWith('NCF') ||
    name.startsWith('Tsugi hybrid as shown') ||
    /^Tsugi hybrid blend/.test(name);
  const rows: FineTuneComparison['rows'] = [];
  for (const [variant, adapt] of [
    ['fold-in', undefined],
    ['fine-tuned', personalise],
  ] as const) {
    const rankers = hybridRankers(context, { fold, personalise: adapt }).filter((r) =>
      pick(r.name),
    );
    for (const result of evaluateRankers(ratings, catalogue.size, sample, rankers, 20, franchise))
      rows.push({ ...result, variant });
  }
  return { users: sample.testUsers.length, rows };
}

/** The comparison as a results table, with the line that introduces it. */
export function fineTuneTable(comparison: FineTuneComparison): { title: string; rows: TableRow[] } {
  const title =
    `Fold-in against the shipped model vs fine-tuning it with the list (the first ${comparison.users} ` +
    'held-out users; ms/user of the NCF row includes the fold-in or the fine-tune):';
  const rows = comparison.rows.map((r) => ({
    variant: r.variant,
    ...resultRows([r], ['recall', 'ndcg', 'discovery', 'ms'], 'model')[0],
  }));
  return { title, rows };
}
