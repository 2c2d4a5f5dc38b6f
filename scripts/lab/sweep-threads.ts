/**
 * npm run lab -- sweep-threads [--threads 1,2 --seeds 1,2,3,4,5 --users 200 --epochs 30 --from 10
 *   --patience 3] [--markdown]
 * The CPU training kernel on 1 and on N threads (Node workers over one shared memory, as the
 * browser's workers are) on the built shard's split, as bench-train trains it on the model page:
 * 80% of users, the default config with each seed, held-out Recall@20 of the first 200 test users
 * after every epoch from `--from` on (folding in 200 users takes longer than an epoch, and the
 * curve is far below its best before epoch 10). Every run trains all `--epochs`; per run:
 * - the page's stop rule replayed on its curve (stop once the best has not improved for
 *   `--patience` epochs): the best it kept, the plateau (the first epoch within 0.005 of that
 *   best) and the training seconds to it, as bench-train reports them;
 * - the best of all epochs and the mean of the last 5 (the level the curve settles at);
 * - beside one thread with the same seed (the same initial model and the same examples every
 *   epoch), the mean and the largest difference of the two curves, epoch by epoch.
 * Then the median over the seeds per thread count. Speed is only indicative here (Node, and
 * whatever else the machine runs); recall is what this measures.
 */
import { parseArgs } from 'node:util';
import { printTable } from '../../src/lib/evaluation/results-table';
import { stampIf } from '../model/run-stamp';
import type { Shard } from '../../src/lib/data/shard-types';
import { evaluateRanker } from '../../src/lib/evaluation/evaluate';
import { DEFAULT_TRAIN } from '../../src/lib/model/ncf-train';
import { splitUsers, type EvaluationSplit } from '../../src/lib/evaluation/split';
import { startTraining } from '../../src/lib/model/train-loop';
import { trainingSet, type TrainingSet } from '../../src/lib/model/training-set';
import { KernelStepper } from '../../src/lib/model/wasm/kernel-stepper';
import { ncfRanker } from '../../src/lib/evaluation/hybrid-rankers';
import { median } from './bench/browser';
import { compileKernels } from '../kernel/compile-kernel';
import { spawnNodeThread } from '../kernel/node-threads';
import { readBuiltShard } from '../model/built-shard';

interface Point {
  epoch: number;
  recall: number;
  /** Training seconds up to the end of this epoch (evaluation excluded). */
  seconds: number;
}

interface Run {
  threads: number;
  seed: number;
  curve: Point[];
  examplesPerSecond: number;
}

interface Setup {
  shard: Shard;
  set: TrainingSet;
  trainUsers: number;
  evaluation: EvaluationSplit;
  modules: { single: WebAssembly.Module; threaded: WebAssembly.Module };
  epochs: number;
  from: number;
}

const list = (text: string) => text.split(',').map(Number);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      markdown: { type: 'boolean' },
      threads: { type: 'string', default: '1,2' },
      seeds: { type: 'string', default: '1,2,3,4,5' },
      users: { type: 'string', default: '200' },
      epochs: { type: 'string', default: '30' },
      from: { type: 'string', default: '10' },
      patience: { type: 'string', default: '3' },
    },
  });
  const { shard } = await readBuiltShard();
  const split = splitUsers(shard.ratings);
  // The virtual module of the Vite plugin does not exist under tsx: compile the kernels here.
  const binaries = await compileKernels();
  const setup: Setup = {
    shard,
    set: trainingSet(shard.ratings, shard.catalogue.size, split.trainUsers),
    trainUsers: split.trainUsers.length,
    evaluation: { ...split, testUsers: split.testUsers.slice(0, Number(values.users)) },
    modules: {
      single: await WebAssembly.compile(binaries.single as Uint8Array<ArrayBuffer>),
      threaded: await WebAssembly.compile(binaries.threaded as Uint8Array<ArrayBuffer>),
    },
    epochs: Number(values.epochs),
    from: Number(values.from),
  };
  if (setup.epochs < setup.from) throw new Error('--epochs is below --from: nothing to evaluate');
  const runs: Run[] = [];
  for (const seed of list(values.seeds)) {
    for (const threads of list(values.threads)) runs.push(await trainRun(setup, seed, threads));
  }
  const rows = runs.map((run) => rowOf(run, runs, Number(values.patience)));
  printTable(rows, stampIf(values.markdown));
  console.log('Medians over the seeds:');
  printTable(medians(rows), stampIf(values.markdown));
}

async function trainRun(setup: Setup, seed: number, threads: number): Promise<Run> {
  const { shard, modules } = setup;
  const module = threads > 1 ? modules.threaded : modules.single;
  const config = { ...DEFAULT_TRAIN, epochs: setup.epochs, seed };
  const training = startTraining(
    setup.set,
    setup.trainUsers,
    shard.catalogue.size,
    config,
    (initial) => new KernelStepper(initial, { module, threads, spawn: spawnNodeThread }),
  );
  const curve: Point[] = [];
  let examples = 0;
  let ms = 0;
  for await (const report of training.epochs) {
    ms += report.ms;
    examples += report.examples;
    const model = await training.stepper.toModel();
    let line = `seed ${seed}, ${threads} thread(s), epoch ${report.epoch}: ${Math.round(report.ms)} ms, global bias ${model.globalBias.toFixed(3)}`;
    if (report.epoch >= setup.from) {
      const ranker = ncfRanker({ model, sampler: training.sampler });
      const { catalogue, ratings } = shard;
      const { recall } = evaluateRanker(ratings, catalogue.size, setup.evaluation, ranker);
      curve.push({ epoch: report.epoch, recall, seconds: ms / 1000 });
      line += `, Recall@20 ${recall.toFixed(4)}`;
    }
    console.log(line);
  }
  training.stepper.dispose?.();
  return { threads, seed, curve, examplesPerSecond: (examples / ms) * 1000 };
}

/** The model page's rule: stop once the best has not improved for `patience` epochs. */
function stopRule(curve: Point[], patience: number): { best: Point; plateau: Point } {
  let best = curve[0]!;
  for (const point of curve) {
    if (point.recall > best.recall) best = point;
    if (point.epoch - best.epoch >= patience) break;
  }
  return { best, plateau: curve.find((p) => p.recall >= best.recall - 0.005)! };
}

type Row = Record<string, number>;

function rowOf(run: Run, runs: Run[], patience: number): Row {
  const { curve } = run;
  const stopped = stopRule(curve, patience);
  const one = runs.find((r) => r.threads === 1 && r.seed === run.seed);
  const differences = curve.map((p, k) => p.recall - (one?.curve[k]?.recall ?? NaN));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const round = (value: number) => Number(value.toFixed(4));
  return {
    threads: run.threads,
    seed: run.seed,
    'stop rule: best R@20': round(stopped.best.recall),
    'stopped after epoch': Math.min(curve.at(-1)!.epoch, stopped.best.epoch + patience),
    'plateau epoch': stopped.plateau.epoch,
    's to plateau': Number(stopped.plateau.seconds.toFixed(1)),
    [`best of ${curve.at(-1)!.epoch} epochs`]: round(Math.max(...curve.map((p) => p.recall))),
    'mean of last 5': round(mean(curve.slice(-5).map((p) => p.recall))),
    'vs 1 thread per epoch: mean': round(mean(differences)),
    'largest |difference|': round(Math.max(...differences.map(Math.abs))),
    'examples/s': Math.round(run.examplesPerSecond),
  };
}

/** Per thread count, the median of every column over the seeds. */
function medians(rows: Row[]): Row[] {
  const threads = [...new Set(rows.map((r) => r.threads!))];
  return threads.map((t) => {
    const group = rows.filter((r) => r.threads === t);
    const row: Row = { threads: t, seeds: group.length };
    for (const key of Object.keys(group[0]!).slice(2)) {
      row[key] = Number(median(group.map((r) => r[key]!)).toFixed(4));
    }
    return row;
  });
}

main().catch((error: unknown) => {
  console.error(`sweep-threads: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
