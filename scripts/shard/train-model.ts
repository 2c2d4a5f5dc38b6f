/**
 * Trains the model that ships in the shard, with the app's own trainer (the epoch loop and SGD
 * step the worker runs), seeded, on the evaluation split's training users: the held-out users
 * then give honest figures, for the float model and for the quantised one that ships.
 */
import {
  decodeModel,
  encodeModel,
  type HeldOut,
  type ShippedModel,
} from '../../src/lib/data/model-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import { evaluateRanker } from '../../src/lib/evaluation/evaluate';
import { DEFAULT_FOLD_IN, foldIn } from '../../src/lib/model/fold-in';
import { scoreAll, type NcfModel } from '../../src/lib/model/ncf-model';
import { DEFAULT_TRAIN, type TrainConfig } from '../../src/lib/model/ncf-train';
import type { NegativeSampler } from '../../src/lib/model/negative-sampler';
import { splitUsers, type EvaluationSplit } from '../../src/lib/evaluation/split';
import { startTraining } from '../../src/lib/model/train-loop';
import { trainingSet } from '../../src/lib/model/training-set';
import type { ShippedEaseConfig } from '../../src/lib/recommend/ease-sparse';
import { shippedEase } from '../model/ease-parts';

/** Anime with fewer labelled training entries than this ship without an embedding row. */
export const MODEL_MIN_LABELS = 3;

export interface ModelTrainOptions {
  config?: Partial<TrainConfig>;
  /** Measure held-out Recall@20 and NDCG@20 (seconds on the real data). */
  evaluate?: boolean;
  /** Also ship EASE, built from the same users' likes (tens of seconds on the real data). */
  ease?: ShippedEaseConfig;
  log?: (line: string) => void;
}

export async function trainShippedModel(
  shard: Pick<Shard, 'catalogue' | 'ratings'>,
  options: ModelTrainOptions = {},
): Promise<ShippedModel> {
  const log = options.log ?? (() => {});
  const config = { ...DEFAULT_TRAIN, ...options.config };
  const { ratings, catalogue } = shard;
  const split = splitUsers(ratings);
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const training = startTraining(set, split.trainUsers.length, catalogue.size, config);
  let trainMs = 0;
  let examples = 0;
  for await (const report of training.epochs) {
    trainMs += report.ms;
    examples += report.examples;
    log(
      `  model epoch ${report.epoch}/${config.epochs}: loss ${report.loss.toFixed(4)}, ` +
        `${(report.ms / 1000).toFixed(1)} s`,
    );
  }
  const model = await training.stepper.toModel();
  const ease = options.ease
    ? shippedEase(set, catalogue.size, split.trainUsers.length, options.ease, (line) =>
        log(`  ${line}`),
      )
    : undefined;
  const labels = new Uint32Array(catalogue.size);
  for (const item of set.items) labels[item]!++;
  const itemRows = Uint32Array.from(
    Array.from(labels.keys()).filter((i) => labels[i]! >= MODEL_MIN_LABELS),
  );
  const float: ShippedModel = {
    info: {
      config,
      trainedAt: new Date().toISOString(),
      trainUsers: split.trainUsers.length,
      epochs: config.epochs,
      trainMs,
      examplesPerSecond: (examples / trainMs) * 1000,
      minLabels: MODEL_MIN_LABELS,
      shippedRows: itemRows.length,
      heldOut: null,
    },
    model,
    shardUsers: Uint32Array.from(split.trainUsers),
    itemRows,
    ...(ease ? { ease } : {}),
  };
  if (!options.evaluate) return float;
  const shipped = quantisedCopy(float, catalogue.size, ratings.userCount);
  const heldOut = {
    users: split.testUsers.length,
    float: heldOutFigures(shard, split, model, training.sampler),
    quantised: heldOutFigures(shard, split, shipped.model, training.sampler),
  };
  return { ...float, info: { ...float.info, heldOut } };
}

/** The model as the app reads it back from the shard. */
export function quantisedCopy(
  shipped: ShippedModel,
  catalogueSize: number,
  shardUserCount: number,
): ShippedModel {
  const sections = new Map<string, Uint8Array>();
  encodeModel(shipped, (name, bytes) => sections.set(name, bytes.slice()));
  return decodeModel((name) => sections.get(name)!, catalogueSize, shardUserCount);
}

function heldOutFigures(
  shard: Pick<Shard, 'catalogue' | 'ratings'>,
  split: EvaluationSplit,
  model: NcfModel,
  sampler: NegativeSampler,
): HeldOut {
  const scores = new Float32Array(shard.catalogue.size);
  const result = evaluateRanker(shard.ratings, shard.catalogue.size, split, {
    name: 'NCF',
    scores: (input) =>
      scoreAll(
        model,
        foldIn(model, input.items, input.feedback, sampler, DEFAULT_FOLD_IN).vector,
        scores,
      ),
  });
  return { recall: result.recall, ndcg: result.ndcg };
}
