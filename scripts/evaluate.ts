/**
 * npm run evaluate [-- --retrain --backend plain|wasm|cpu --epochs N --dim N --negatives N --l2 X --lr X --seed N
 *                     --input-sizes 5,10 --fine-tune-users N --explicit
 *                     --ease-lambda X --ease-min-likes N --ease-max-items N]
 * npm run evaluate -- --train TRAIN.csv --input INPUT.csv --k 20 --out RECS.csv
 *                     [--ranker app|ncf|ease|popularity] [--as-shown]
 *   (see recommend-files.ts)
 * Ranks for the held-out users of the built-in split (the shipped model was trained on the other
 * 80%): each is folded in from 80% of their list, every catalogue anime not in that input is
 * ranked, and Recall@20 and NDCG@20 are printed beside the popularity baseline. The rankers use
 * the model that ships in the shard, as the app does; `--retrain` (or any training flag) also
 * trains a float model afresh with the same trainer and shows it beside the shipped one.
 */
import { readBuiltShard } from './model/built-shard';
import { parseArgs } from 'node:util';
import {
  evaluateRankers,
  type RankingResult,
  type TestListInput,
} from '../src/lib/evaluation/evaluate';
import { DEFAULT_FOLD_IN, type FoldInConfig } from '../src/lib/model/fold-in';
import type { NcfModel } from '../src/lib/model/ncf-model';
import { TfNcf } from '../src/lib/model/tf/tf-ncf';
import { parseRanker, recommendFromFiles } from './model/recommend-files';
import { EASE_FLAGS, easeConfigFrom, easeRanker, trainEase } from './model/ease-parts';
import type { EaseConfig } from '../src/lib/recommend/ease';
import { useBackend } from './model/tf-node';
import { DEFAULT_TRAIN, type TrainConfig } from '../src/lib/model/ncf-train';
import { popularityRanker } from '../src/lib/evaluation/popularity';
import { splitUsers } from '../src/lib/evaluation/split';
import { trainingSet } from '../src/lib/model/training-set';
import { evaluationContext, hybridRankers, ncfRanker } from '../src/lib/evaluation/hybrid-rankers';
import { opinions } from '../src/lib/library/opinions';
import { continuesDisliked, groupFranchises } from '../src/lib/recommend/franchise';
import { createSampler } from '../src/lib/model/negative-sampler';
import { compareFineTune, printFineTuneComparison } from './model/compare-fine-tune';
import { coldStartSplit, explicitRow, train } from './model/evaluate-parts';

const FLAGS = ['epochs', 'dim', 'negatives', 'l2', 'lr', 'decay', 'power', 'seed'];
const FOLD_FLAGS = ['fold-epochs', 'fold-lr', 'fold-l2', 'fold-negatives', 'fold-average'];

const FILE_FLAGS = ['train', 'input', 'out', 'k', 'ranker'];
/** Switches: train a fresh float model; train and report the explicit variant. */
const SWITCHES = ['retrain', 'explicit', 'as-shown'];
/** Held-out users on which fold-in and fine-tuning are compared (fine-tuning takes ~1 s each). */
const FINE_TUNE_FLAG = 'fine-tune-users';
/** `--input-sizes 5,10`: also rank for test users given only that many rated titles (cold start). */
const COLD_FLAG = 'input-sizes';

interface Cli {
  retrain: boolean;
  explicit: boolean;
  asShown: boolean;
  fineTuneUsers: number;
  train: TrainConfig;
  fold: FoldInConfig;
  backend: string;
  files: Record<string, string | undefined>;
  inputSizes: number[];
  ease: EaseConfig;
}

function parseConfig(argv: string[]): Cli {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        [
          ...FLAGS,
          ...FOLD_FLAGS,
          ...FILE_FLAGS,
          ...EASE_FLAGS,
          COLD_FLAG,
          FINE_TUNE_FLAG,
          'backend',
        ].map((k) => [k, { type: 'string' as const }]),
      ),
      ...Object.fromEntries(SWITCHES.map((k) => [k, { type: 'boolean' as const }])),
    },
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
  const retrain =
    values.retrain === true || [...FLAGS, 'backend'].some((k) => typeof values[k] === 'string');
  const fineTuneUsers = num(FINE_TUNE_FLAG, 100);
  return {
    retrain,
    explicit: values.explicit === true,
    asShown: values['as-shown'] === true,
    fineTuneUsers,
    train,
    fold,
    backend,
    files,
    inputSizes,
    ease: easeConfigFrom(values),
  };
}

async function main(): Promise<void> {
  const cli = parseConfig(process.argv.slice(2));
  const { train: config, fold, backend, files, inputSizes } = cli;
  if (backend !== 'plain') await useBackend(backend);
  const stepper = backend === 'plain' ? undefined : (initial: NcfModel) => new TfNcf(initial);
  const { shard } = await readBuiltShard();
  const { catalogue, ratings } = shard;
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
    const ranker = parseRanker(files.ranker);
    const job = { trainPath, inputPath, outPath, k, train: config, fold, ease: cli.ease };
    await recommendFromFiles(
      { ...job, makeStepper: stepper, log, ranker, asShown: cli.asShown },
      catalogue,
    );
    return;
  }
  if (cli.asShown)
    throw new Error('--as-shown goes with --train, --input and --out (the file CLI)');
  if (!shard.model) {
    throw new Error(
      shard.modelProblem ?? 'the shard has no model: rebuild it with `npm run shard`',
    );
  }
  const split = splitUsers(ratings);
  const set = trainingSet(ratings, catalogue.size, split.trainUsers);
  const franchises = groupFranchises(catalogue);
  const franchise = franchises.group;
  const dropped = (input: TestListInput) =>
    continuesDisliked(
      franchises,
      opinions(input.items, input.feedback, input.status, catalogue.size),
    );
  const shipped = shard.model;
  if (shipped.shardUsers.join() !== split.trainUsers.join()) {
    throw new Error('the shipped model was not trained on this split: rebuild the shard');
  }
  const samplingPower = shipped.info.config.samplingPower;
  const implicit = {
    model: shipped.model,
    sampler: createSampler(set.positiveCounts, samplingPower),
  };
  console.log(
    `Split: ${split.trainUsers.length} training users (${set.users.length} labelled entries), ` +
      `${split.testUsers.length} test users; shipped model ${JSON.stringify(shipped.info.config)}, ` +
      `fold-in ${JSON.stringify(fold)}`,
  );
  const ease = trainEase(set, catalogue.size, cli.ease, (line) => console.log(line));
  const baselines = [popularityRanker(set.positiveCounts), easeRanker(ease, cli.ease)];
  const rows: Row[] = evaluateRankers(
    ratings,
    catalogue.size,
    split,
    baselines,
    20,
    franchise,
    dropped,
  );
  const built = shipped.info.heldOut;
  if (built) {
    console.log(
      `At build time (npm run shard, ${built.users} held-out users, NCF by fold-in): float model ` +
        `Recall@20 ${built.float.recall.toFixed(4)}, NDCG@20 ${built.float.ndcg.toFixed(4)}; ` +
        `shipped int8 ${built.quantised.recall.toFixed(4)}, ${built.quantised.ndcg.toFixed(4)}`,
    );
  }
  if (cli.retrain) {
    const engine = backend === 'plain' ? 'plain typed-array loop' : `TF.js ${backend} backend`;
    const fresh = await train(
      'NCF',
      set,
      split.trainUsers.length,
      catalogue.size,
      config,
      stepper,
      engine,
    );
    rows.push(
      ...evaluateRankers(
        ratings,
        catalogue.size,
        split,
        [ncfRanker(fresh, fold)],
        20,
        franchise,
      ).map((r) => ({
        ...r,
        name: `${r.name}, float, trained now`,
      })),
    );
  }
  const context = evaluationContext(
    catalogue,
    ratings,
    split.trainUsers,
    implicit,
    shipped.ease?.ease ?? null,
  );
  rows.push(
    ...evaluateRankers(
      ratings,
      catalogue.size,
      split,
      hybridRankers(context, { fold }),
      20,
      franchise,
      dropped,
    ).map((r) => (r.name.startsWith('NCF') ? { ...r, name: `${r.name}, shipped int8` } : r)),
  );
  for (const size of inputSizes) {
    const cold = coldStartSplit(ratings, split, size);
    const rankers = hybridRankers(context, {
      fold,
      appContentWeights: [0.1, 0.3, 0.5, 0.7],
    }).filter((r) => !/^hybrid, content weight/.test(r.name));
    const results = evaluateRankers(
      ratings,
      catalogue.size,
      cold,
      [popularityRanker(set.positiveCounts), ...rankers],
      20,
      franchise,
      dropped,
    );
    console.log(`Cold start: test users given ${size} rated titles (${results[0]!.users} users)`);
    console.table(
      results.map((r) => ({
        model: r.name,
        'Recall@20': r.recall.toFixed(4),
        'NDCG@20': r.ndcg.toFixed(4),
        'new-franchise R@20': r.discovery!.toFixed(4),
        'dropped-franchise picks': r.droppedPicks!.toFixed(3),
      })),
    );
  }
  if (cli.explicit)
    rows.push(await explicitRow(split, catalogue.size, ratings, config, fold, stepper));
  console.log(
    `Held-out users (${rows[0]!.users}): Recall@20 and NDCG@20 over all their held-out likes; ` +
      'new-franchise R@20 over the held-out likes from franchises their input has no entry of; ' +
      'dropped-franchise picks: how many of the top 20, per user, continue a franchise the input ' +
      'dropped or disliked (goal: 0).',
  );
  console.table(
    rows.map((r) => ({
      model: r.name,
      'Recall@20': r.recall.toFixed(4),
      'NDCG@20': r.ndcg.toFixed(4),
      'new-franchise R@20': r.discovery === undefined ? '–' : r.discovery.toFixed(4),
      'dropped-franchise picks': r.droppedPicks === undefined ? '–' : r.droppedPicks.toFixed(3),
      RMSE: r.rmse === undefined ? '–' : r.rmse.toFixed(4),
      'test users': r.users,
      'ms/user': r.msPerUser.toFixed(1),
    })),
  );
  if (cli.fineTuneUsers > 0) {
    printFineTuneComparison(
      compareFineTune(context, split, implicit, set, fold, franchise, cli.fineTuneUsers),
    );
  }
}

type Row = RankingResult & { rmse?: number };

main().catch((error: unknown) => {
  console.error(`evaluate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
