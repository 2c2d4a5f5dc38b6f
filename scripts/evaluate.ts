/**
 * npm run evaluate [-- --retrain --backend plain|wasm|cpu --epochs N --dim N --negatives N --l2 X --lr X --seed N
 *                     --input-sizes 5,10 --fine-tune-users N --explicit
 *                     --ease-lambda X --ease-min-likes N --ease-max-items N --markdown]
 * npm run evaluate -- --train TRAIN.csv --input INPUT.csv --k 20 --out RECS.csv
 *                     [--ranker app|ncf|ease|popularity] [--as-shown]
 *   (see recommend-files.ts)
 * Ranks for the held-out users of the built-in split (the shipped model was trained on the other
 * 80%): each is folded in from 80% of their list, every catalogue anime not in that input is
 * ranked, and Recall@20 and NDCG@20 are printed beside the popularity baseline. The rankers use
 * the model that ships in the shard, as the app does; `--retrain` (or any training flag) also
 * trains a float model afresh with the same trainer and shows it beside the shipped one.
 * `--markdown` prints each table as Markdown under the command, time and commit that wrote it.
 * The measuring is in src/lib/evaluation; this file reads the shard and prints.
 */
import { readBuiltShard } from './model/built-shard';
import type { NcfModel } from '../src/lib/model/ncf-model';
import { TfNcf } from '../src/lib/model/tf/tf-ncf';
import { parseRanker, recommendFromFiles } from './model/recommend-files';
import { useBackend } from './model/tf-node';
import { parseConfig, type Cli } from './model/evaluate-options';
import { stampIf } from './model/run-stamp';
import type { Catalogue } from '../src/lib/data/shard-types';
import { compareFineTune, fineTuneTable } from '../src/lib/evaluation/fine-tune-comparison';
import { printTable, resultRows, RANKING_COLUMNS } from '../src/lib/evaluation/results-table';
import {
  coldStartResults,
  HELD_OUT_CAPTION,
  heldOutResults,
  shippedSetup,
} from '../src/lib/evaluation/shipped-evaluation';
import { explicitRow, type MakeStepper } from '../src/lib/evaluation/train-for-evaluation';

const log = (line: string) => console.log(line);

/** `--train T --input I --out R`: the file CLI (recommend-files.ts). */
async function fromFiles(cli: Cli, stepper: MakeStepper, catalogue: Catalogue): Promise<void> {
  const { train: trainPath, input: inputPath, out: outPath } = cli.files;
  if (!trainPath || !inputPath || !outPath) {
    throw new Error('--train, --input and --out go together: all three are needed');
  }
  const k = Number(cli.files.k ?? 20);
  if (!Number.isInteger(k) || k < 1) {
    throw new Error(`--k must be a positive whole number, not "${cli.files.k}"`);
  }
  const ranker = parseRanker(cli.files.ranker);
  const job = {
    trainPath,
    inputPath,
    outPath,
    k,
    train: cli.train,
    fold: cli.fold,
    ease: cli.ease,
  };
  await recommendFromFiles(
    { ...job, makeStepper: stepper, log, ranker, asShown: cli.asShown },
    catalogue,
  );
}

async function main(): Promise<void> {
  const cli = parseConfig(process.argv.slice(2));
  const { train: config, fold, backend } = cli;
  if (backend !== 'plain') await useBackend(backend);
  const stepper = backend === 'plain' ? undefined : (initial: NcfModel) => new TfNcf(initial);
  const { shard } = await readBuiltShard();
  if (Object.values(cli.files).some((v) => v !== undefined)) {
    await fromFiles(cli, stepper, shard.catalogue);
    return;
  }
  if (cli.asShown)
    throw new Error('--as-shown goes with --train, --input and --out (the file CLI)');
  const stamp = stampIf(cli.markdown);
  const setup = shippedSetup(shard);
  const engine = backend === 'plain' ? 'plain typed-array loop' : `TF.js ${backend} backend`;
  const retrain = cli.retrain ? { config, stepper, engine } : undefined;
  const rows = await heldOutResults(setup, { fold, ease: cli.ease, retrain, log });
  for (const size of cli.inputSizes) {
    const results = coldStartResults(setup, size, fold);
    console.log(`Cold start: test users given ${size} rated titles (${results[0]!.users} users)`);
    printTable(resultRows(results, RANKING_COLUMNS, 'model'), stamp);
  }
  const { split, shard: s } = setup;
  if (cli.explicit)
    rows.push(await explicitRow(split, s.catalogue.size, s.ratings, config, fold, stepper, log));
  console.log(HELD_OUT_CAPTION.replace('USERS', String(rows[0]!.users)));
  const columns = [...RANKING_COLUMNS, 'rmse', 'users', 'ms'] as const;
  printTable(resultRows(rows, [...columns], 'model'), stamp);
  if (cli.fineTuneUsers > 0) {
    const { context, implicit, set, measures } = setup;
    const comparison = compareFineTune(
      context,
      split,
      implicit,
      set,
      fold,
      measures.franchise,
      cli.fineTuneUsers,
    );
    const table = fineTuneTable(comparison);
    console.log(table.title);
    printTable(table.rows, stamp);
  }
}

main().catch((error: unknown) => {
  console.error(`evaluate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
