/**
 * npm run evaluate [-- --backend plain|wasm|cpu --epochs N --dim N --negatives N --l2 X --lr X --seed N]
 * npm run evaluate -- --train TRAIN.csv --input INPUT.csv --k 20 --out RECS.csv  (see recommend-files.ts)
 * Trains NCF on the built-in split of the shard (80% of users), folds in each test user from
 * 80% of their list, ranks every catalogue anime not in that input and prints Recall@20 and
 * NDCG@20 beside the popularity baseline.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ShardManifest } from '../src/lib/data/manifest';
import { decodeShard } from '../src/lib/data/shard-codec';
import { evaluateRanker, evaluateRankers, type RankingResult } from '../src/lib/model/evaluate';
import { DEFAULT_FOLD_IN, foldIn, type FoldInConfig } from '../src/lib/model/fold-in';
import { scoreAll, type NcfModel } from '../src/lib/model/ncf-model';
import { TfNcf } from '../src/lib/model/tf/tf-ncf';
import { recommendFromFiles } from './model/recommend-files';
import { useBackend } from './model/tf-node';
import { DEFAULT_TRAIN, type TrainConfig } from '../src/lib/model/ncf-train';
import { popularityRanker } from '../src/lib/model/popularity';
import { splitUsers, type EvaluationSplit } from '../src/lib/model/split';
import type { Ratings } from '../src/lib/data/shard-types';
import { Feedback, feedbackOf } from '../src/lib/model/interactions';
import { hashPair } from '../src/lib/model/random';
import { startTraining, type Stepper } from '../src/lib/model/train-loop';
import { trainingSet, type TrainingSet } from '../src/lib/model/training-set';
import { heldOutRmse } from '../src/lib/model/explicit';
import { hybridRankers } from '../src/lib/recommend/hybrid-rankers';
import { groupFranchises } from '../src/lib/recommend/franchise';

const FLAGS = ['epochs', 'dim', 'negatives', 'l2', 'lr', 'decay', 'power', 'seed'];
const FOLD_FLAGS = ['fold-epochs', 'fold-lr', 'fold-l2', 'fold-negatives', 'fold-average'];

const FILE_FLAGS = ['train', 'input', 'out', 'k'];
/** `--input-sizes 5,10`: also rank for test users given only that many rated titles (cold start). */
const COLD_FLAG = 'input-sizes';

interface Cli {
  train: TrainConfig;
  fold: FoldInConfig;
  backend: string;
  files: Record<string, string | undefined>;
  inputSizes: number[];
}

function parseConfig(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      [...FLAGS, ...FOLD_FLAGS, ...FILE_FLAGS, COLD_FLAG, 'backend'].map((k) => [
        k,
        { type: 'string' },
      ]),
    ),
  });
  const num = (key: string, fallback: number) => {
    const text = values[key];
    if (typeof text !== 'string') return fallback;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, not "${text}"`);
    return n;
  };
  const d = DEFAULT_TRAIN;
  const f = DEFAULT_FOLD_IN;
  const train = {
    epochs: num('epochs', d.epochs),
    dim: num('dim', d.dim),
    negatives: num('negatives', d.negatives),
    l2: num('l2', d.l2),
    learningRate: num('lr', d.learningRate),
    decay: num('decay', d.decay),
    samplingPower: num('power', d.samplingPower),
    seed: num('seed', d.seed),
  };
  const fold = {
    epochs: num('fold-epochs', f.epochs),
    learningRate: num('fold-lr', f.learningRate),
    l2: num('fold-l2', f.l2),
    negatives: num('fold-negatives', f.negatives),
    averageFrom: num('fold-average', f.averageFrom),
    seed: f.seed,
  };
  const backend = typeof values.backend === 'string' ? values.backend : 'wasm';
  const files = Object.fromEntries(FILE_FLAGS.map((k) => [k, values[k] as string | undefined]));
  const sizes = typeof values[COLD_FLAG] === 'string' ? values[COLD_FLAG].split(',') : [];
  const inputSizes = sizes.map((text) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--${COLD_FLAG} takes whole numbers, not "${text}"`);
    return n;
  });
  return { train, fold, backend, files, inputSizes };
}

async function main(): Promise<void> {
  const { train: config, fold, backend, files, inputSizes } = parseConfig(process.argv.slice(2));
  if (backend !== 'plain') await useBackend(backend);
  const stepper = backend === 'plain' ? undefined : (initial: NcfModel) => new TfNcf(initial);
  const dir = 'static/data';
  const manifest = JSON.parse(await readFile(join(dir, 'shard.json'), 'utf8')) as ShardManifest;
  const { catalogue, ratings } = await decodeShard(
    new Uint8Array(await readFile(join(dir, manifest.file))),
  );
  if (Object.values(files).some((v) => v !== undefined)) {
    const { train: trainPath, input: inputPath, out: outPath } = files;
    if (!trainPath || !inputPath || !outPath) {
      throw new Error('--train, --input and --out go together: all three are needed');
    }
    const k = Number(files.k ?? 20);
    if (!Number.isInteger(k) || k < 1) {
      throw new Error(`--k must be a positive whole number, not "${files.k}"`);
    }
    const log = (line: string) => console.log(line);
    const job = {
      trainPath,
      inputPath,
      outPath,
      k,
      train: config,
      fold,
      makeStepper: stepper,
      log,
    };
    await recommendFromFiles(job, catalogue);
    return;
  }
  const split = splitUsers(ratings);
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const franchise = groupFranchises(catalogue).group;
  console.log(
    `Split: ${split.trainUsers.length} training users (${set.users.length} labelled entries), ` +
      `${split.testUsers.length} test users; config ${JSON.stringify(config)}, fold-in ${JSON.stringify(fold)}`,
  );
  const rows: Row[] = evaluateRankers(
    ratings,
    catalogue.size,
    split,
    [popularityRanker(set.positiveCounts)],
    20,
    franchise,
  );
  const engine = backend === 'plain' ? 'plain typed-array loop' : `TF.js ${backend} backend`;
  const implicit = await train(
    'NCF',
    set,
    split.trainUsers.length,
    catalogue.size,
    config,
    stepper,
    engine,
  );
  const neighbourhood = { ratings, modelUsers: split.trainUsers };
  rows.push(
    ...evaluateRankers(
      ratings,
      catalogue.size,
      split,
      hybridRankers(catalogue, implicit, fold, undefined, neighbourhood),
      20,
      franchise,
    ),
  );
  for (const size of inputSizes) {
    const cold = coldStartSplit(ratings, split, size);
    const rankers = hybridRankers(
      catalogue,
      implicit,
      fold,
      undefined,
      neighbourhood,
      [0.1, 0.3, 0.5, 0.7],
    ).filter((r) => !/^hybrid, content weight/.test(r.name));
    const results = evaluateRankers(
      ratings,
      catalogue.size,
      cold,
      [popularityRanker(set.positiveCounts), ...rankers],
      20,
      franchise,
    );
    console.log(`Cold start: test users given ${size} rated titles (${results[0]!.users} users)`);
    console.table(
      results.map((r) => ({
        model: r.name,
        'Recall@20': r.recall.toFixed(4),
        'NDCG@20': r.ndcg.toFixed(4),
        'new-franchise R@20': r.discovery!.toFixed(4),
      })),
    );
  }
  const explicitSet = trainingSet(ratings, catalogue.size, split.trainUsers, true);
  const explicit = await train(
    'NCF explicit',
    explicitSet,
    split.trainUsers.length,
    catalogue.size,
    config,
    stepper,
    engine,
  );
  const explicitScores = new Float32Array(catalogue.size);
  const explicitRanking = evaluateRanker(ratings, catalogue.size, split, {
    name: `NCF explicit (dim ${config.dim})`,
    scores: (input) => {
      const targets = Array.from(input.scores, (s) => (s ? s / 10 : NaN));
      const user = foldIn(
        explicit.model,
        input.items,
        input.feedback,
        explicit.sampler,
        fold,
        targets,
      );
      return scoreAll(explicit.model, user.vector, explicitScores);
    },
  });
  const { rmse } = heldOutRmse(ratings, split, explicit.model, explicit.sampler, fold);
  rows.push({ ...explicitRanking, rmse });
  console.log(
    `Held-out users (${rows[0]!.users}): Recall@20 and NDCG@20 over all their held-out likes; ` +
      'new-franchise R@20 over the held-out likes from franchises their input has no entry of.',
  );
  console.table(
    rows.map((r) => ({
      model: r.name,
      'Recall@20': r.recall.toFixed(4),
      'NDCG@20': r.ndcg.toFixed(4),
      'new-franchise R@20': r.discovery === undefined ? '–' : r.discovery.toFixed(4),
      RMSE: r.rmse === undefined ? '–' : r.rmse.toFixed(4),
      'test users': r.users,
      'ms/user': r.msPerUser.toFixed(1),
    })),
  );
}

type Row = RankingResult & { rmse?: number };

/**
 * The split with each test user's input cut to `size` rated entries (a score, or a watched or
 * dropped status), picked by a hash: a new user who has rated a handful of titles. Users with
 * fewer are left out.
 */
function coldStartSplit(ratings: Ratings, split: EvaluationSplit, size: number): EvaluationSplit {
  const testUsers = split.testUsers
    .map((user) => {
      const rated = user.input
        .filter((e) => feedbackOf(ratings.score[e]!, ratings.status[e]!) !== Feedback.neutral)
        .sort((a, b) => hashPair(user.user, a, size) - hashPair(user.user, b, size));
      return { ...user, input: rated.slice(0, size) };
    })
    .filter((user) => user.input.length === size);
  return { ...split, testUsers };
}

async function train(
  label: string,
  set: TrainingSet,
  userCount: number,
  itemCount: number,
  config: TrainConfig,
  stepper: ((initial: NcfModel) => Stepper) | undefined,
  engine: string,
) {
  const training = startTraining(set, userCount, itemCount, config, stepper);
  let trainMs = 0;
  let examples = 0;
  for await (const report of training.epochs) {
    trainMs += report.ms;
    examples += report.examples;
    console.log(
      `  ${label} epoch ${report.epoch}: loss ${report.loss.toFixed(4)}, ${report.examples} examples ` +
        `in ${report.ms.toFixed(0)} ms (${((report.examples / report.ms) * 1000).toFixed(0)} examples/s)`,
    );
  }
  console.log(
    `${label} training (${engine}): ${(trainMs / 1000).toFixed(1)} s, ` +
      `${((examples / trainMs) * 1000).toFixed(0)} examples/s`,
  );
  const model = await training.stepper.toModel();
  return { model, sampler: training.sampler };
}

main().catch((error: unknown) => {
  console.error(`evaluate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
