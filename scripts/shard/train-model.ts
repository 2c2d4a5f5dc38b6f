/**
 * Trains the model that ships in the shard, with the app's own trainer (the epoch loop and SGD
 * step the worker runs), seeded, on the evaluation split's training users: the held-out users
 * then give honest figures, for the float model and for the quantised one that ships.
 */
import { decodeModel, encodeModel, type ShippedModel } from '../../src/lib/data/model-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import type { NcfModel } from '../../src/lib/model/ncf-model';
import { DEFAULT_TRAIN, type TrainConfig } from '../../src/lib/model/ncf-train';
import { splitUsers } from '../../src/lib/evaluation/split';
import { startTraining, type Stepper } from '../../src/lib/model/train-loop';
import { trainingSet } from '../../src/lib/model/training-set';
import type { ShippedEaseConfig } from '../../src/lib/recommend/ease-sparse';
import type { ShippedEase } from '../../src/lib/data/ease-codec';
import { heldOutFigures } from './held-out';
import { easeInThread, heldOutInThread } from './build-thread';

/** Anime with fewer labelled training entries than this ship without an embedding row. */
export const MODEL_MIN_LABELS = 3;

export interface ModelTrainOptions {
  config?: Partial<TrainConfig>;
  /** Measure held-out Recall@20 and NDCG@20 (seconds on the real data). */
  evaluate?: boolean;
  /** Also ship EASE, built from the same users' likes (tens of seconds on the real data). */
  ease?: ShippedEaseConfig;
  log?: (line: string) => void;
  /** What trains: the WASM kernel (`kernelStepperFactory`); default the plain JavaScript loop. */
  stepper?: { make: (initial: NcfModel) => Stepper; label: string };
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
  const training = startTraining(
    set,
    split.trainUsers.length,
    catalogue.size,
    config,
    options.stepper?.make,
  );
  log(`  model: ${options.stepper?.label ?? 'the JavaScript loop'}`);
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
  training.stepper.dispose?.();
  const easeJob = options.ease
    ? easeInThread(
        {
          set: { users: set.users, items: set.items, feedback: set.feedback },
          catalogueSize: catalogue.size,
          users: split.trainUsers.length,
          config: options.ease,
        },
        (line) => log(`  ${line}`),
      )
    : Promise.resolve(undefined);
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
  };
  const withEase = (ease: ShippedEase | undefined) => (ease ? { ...float, ease } : float);
  if (!options.evaluate) return withEase(await easeJob);
  const shipped = quantisedCopy(float, catalogue.size, ratings.userCount);
  log(`  held-out evaluation of the float and the int8 model (${split.testUsers.length} users)…`);
  const floatJob = heldOutInThread({
    shard: { catalogue, ratings },
    model,
    sampler: training.sampler,
  });
  const quantised = heldOutFigures(shard, split, shipped.model, training.sampler);
  log('  held-out evaluation of the int8 model done');
  const heldOut = { users: split.testUsers.length, float: await floatJob, quantised };
  log('  held-out evaluation of the float model done');
  const ease = await easeJob;
  return { ...withEase(ease), info: { ...float.info, heldOut } };
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
