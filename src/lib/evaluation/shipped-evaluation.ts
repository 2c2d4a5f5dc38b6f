/**
 * `npm run evaluate`'s measurements on the built-in split, apart from its command line: the
 * shipped model's setup, the held-out results of every ranker beside the baselines, and the
 * cold-start results.
 */
import type { Shard } from '$lib/data/shard-types';
import type { ShippedModel } from '$lib/data/model-codec';
import type { FoldInConfig } from '$lib/model/fold-in';
import { createSampler } from '$lib/model/negative-sampler';
import type { TrainConfig } from '$lib/model/ncf-train';
import { trainingSet, type TrainingSet } from '$lib/model/training-set';
import type { EaseConfig } from '$lib/recommend/ease';
import type { SignalContext } from '$lib/recommend/user-signals';
import { franchiseMeasures, type FranchiseMeasures } from './dropped-franchise';
import { easeRanker, trainEase } from './ease-ranker';
import { evaluateRankers, type RankingResult } from './evaluate';
import { evaluationContext, hybridRankers, ncfRanker, type TrainedNcf } from './hybrid-rankers';
import { popularityRanker } from './popularity';
import type { ResultRow } from './results-table';
import { coldStartSplit, splitUsers, type EvaluationSplit } from './split';
import { train, type Log, type MakeStepper } from './train-for-evaluation';

/** The built-in split with the model the shard ships, as the app would use it. */
export interface ShippedSetup {
  shard: Shard;
  shipped: ShippedModel;
  split: EvaluationSplit;
  set: TrainingSet;
  implicit: TrainedNcf;
  context: SignalContext;
  measures: FranchiseMeasures;
}

/** Throws when the shard has no model, or one trained on other users than the split's. */
export function shippedSetup(shard: Shard): ShippedSetup {
  const { catalogue, ratings } = shard;
  const shipped = shard.model;
  if (!shipped) {
    throw new Error(
      shard.modelProblem ?? 'the shard has no model: rebuild it with `npm run shard`',
    );
  }
  const split = splitUsers(ratings);
  if (shipped.shardUsers.join() !== split.trainUsers.join()) {
    throw new Error('the shipped model was not trained on this split: rebuild the shard');
  }
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const implicit = {
    model: shipped.model,
    sampler: createSampler(set.positiveCounts, shipped.info.config.samplingPower),
  };
  const ease = shipped.ease?.ease ?? null;
  const context = evaluationContext(catalogue, ratings, split.trainUsers, implicit, ease);
  return { shard, shipped, split, set, implicit, context, measures: franchiseMeasures(catalogue) };
}

export interface HeldOutOptions {
  fold: FoldInConfig;
  ease: EaseConfig;
  /** Also train a float NCF model afresh and rank with it. */
  retrain?: { config: TrainConfig; stepper: MakeStepper; engine: string };
  log: Log;
}

/** Popularity and EASE, a freshly trained model when asked, then the app's rankers. */
export async function heldOutResults(
  setup: ShippedSetup,
  options: HeldOutOptions,
): Promise<ResultRow[]> {
  const { shard, shipped, split, set, measures, log } = { ...setup, log: options.log };
  const { catalogue, ratings } = shard;
  const { fold } = options;
  log(
    `Split: ${split.trainUsers.length} training users (${set.users.length} labelled entries), ` +
      `${split.testUsers.length} test users; shipped model ${JSON.stringify(shipped.info.config)}, ` +
      `fold-in ${JSON.stringify(fold)}`,
  );
  const evaluate = (s: EvaluationSplit, rankers: Parameters<typeof evaluateRankers>[3]) =>
    evaluateRankers(ratings, catalogue.size, s, rankers, 20, measures.franchise, measures.dropped);
  const ease = trainEase(set, catalogue.size, options.ease, log);
  const rows: ResultRow[] = evaluate(split, [
    popularityRanker(set.positiveCounts),
    easeRanker(ease, options.ease),
  ]);
  const built = shipped.info.heldOut;
  if (built) {
    log(
      `At build time (npm run shard, ${built.users} held-out users, NCF by fold-in): float model ` +
        `Recall@20 ${built.float.recall.toFixed(4)}, NDCG@20 ${built.float.ndcg.toFixed(4)}; ` +
        `shipped int8 ${built.quantised.recall.toFixed(4)}, ${built.quantised.ndcg.toFixed(4)}`,
    );
  }
  if (options.retrain) {
    const { config, stepper, engine } = options.retrain;
    const users = split.trainUsers.length;
    const fresh = await train('NCF', set, users, catalogue.size, config, stepper, engine, log);
    const ranker = ncfRanker(fresh, fold);
    rows.push(
      ...evaluateRankers(ratings, catalogue.size, split, [ranker], 20, measures.franchise).map(
        (r) => ({ ...r, name: `${r.name}, float, trained now` }),
      ),
    );
  }
  rows.push(
    ...evaluate(split, hybridRankers(setup.context, { fold })).map((r) =>
      r.name.startsWith('NCF') ? { ...r, name: `${r.name}, shipped int8` } : r,
    ),
  );
  return rows;
}

/** Test users given only `size` rated titles: popularity and the app's rankers. */
export function coldStartResults(
  setup: ShippedSetup,
  size: number,
  fold: FoldInConfig,
): RankingResult[] {
  const { shard, split, set, measures } = setup;
  const cold = coldStartSplit(shard.ratings, split, size);
  const rankers = hybridRankers(setup.context, {
    fold,
    appContentWeights: [0.1, 0.3, 0.5, 0.7],
  }).filter((r) => !/^hybrid, content weight/.test(r.name));
  return evaluateRankers(
    shard.ratings,
    shard.catalogue.size,
    cold,
    [popularityRanker(set.positiveCounts), ...rankers],
    20,
    measures.franchise,
    measures.dropped,
  );
}

/** What the held-out table's columns measure, printed above it. */
export const HELD_OUT_CAPTION =
  'Held-out users (USERS): Recall@20 and NDCG@20 over all their held-out likes; ' +
  'new-franchise R@20 over the held-out likes from franchises their input has no entry of; ' +
  'dropped-franchise picks: how many of the top 20, per user, continue a franchise the input ' +
  'dropped or disliked (goal: 0).';
