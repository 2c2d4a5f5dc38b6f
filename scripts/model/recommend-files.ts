/**
 * `npm run evaluate -- --train TRAIN.csv --input INPUT.csv --k 20 --out RECS.csv [--ranker ncf|ease]`:
 * builds a ranker from TRAIN's users alone — NCF (the default: trained, then every INPUT user
 * folded in) or EASE — and writes each INPUT user's top k (anime not in their input) as
 * `user_id,anime_id,rank,score`.
 */
import { writeFile } from 'node:fs/promises';
import type { Catalogue } from '../../src/lib/data/shard-types';
import { Feedback, feedbackOf } from '../../src/lib/model/interactions';
import { topK } from '../../src/lib/model/metrics';
import { scoreAll, type NcfModel } from '../../src/lib/model/ncf-model';
import type { TrainConfig } from '../../src/lib/model/ncf-train';
import { foldIn, type FoldInConfig } from '../../src/lib/model/fold-in';
import { startTraining, type Stepper } from '../../src/lib/model/train-loop';
import { trainingSetFrom, type TrainingSet } from '../../src/lib/model/training-set';
import { DEFAULT_EASE, easeScores, type EaseConfig } from '../../src/lib/recommend/ease';
import { trainEase } from './ease-parts';
import { readInteractions, type InteractionRow } from './interaction-csv';

export const RANKERS = ['ncf', 'ease'] as const;
export type FileRanker = (typeof RANKERS)[number];

/** `--ranker`: NCF unless told otherwise; anything else is an error that names the choices. */
export function parseRanker(text: string | undefined): FileRanker {
  if (text === undefined) return 'ncf';
  const found = RANKERS.find((r) => r === text);
  if (!found) throw new Error(`--ranker must be one of ${RANKERS.join(', ')}, not "${text}"`);
  return found;
}

/** Scores every catalogue anime for one input user (into a shared array). */
type Scorer = (items: number[], feedback: number[]) => Float32Array;

export interface FileJob {
  trainPath: string;
  inputPath: string;
  outPath: string;
  k: number;
  train: TrainConfig;
  fold: FoldInConfig;
  makeStepper?: (initial: NcfModel) => Stepper;
  log: (line: string) => void;
  /** Which model to build from TRAIN (default NCF). */
  ranker?: FileRanker;
  ease?: EaseConfig;
}

/** Rows grouped by user, in first-seen order, keeping only anime the catalogue knows. */
function byUser(rows: InteractionRow[], indexOf: Map<number, number>) {
  const users = new Map<string, { item: number; score: number; status: number }[]>();
  let unknown = 0;
  for (const row of rows) {
    const item = indexOf.get(row.anime);
    if (item === undefined) {
      unknown++;
      continue;
    }
    const list = users.get(row.user) ?? [];
    list.push({ item, score: row.score, status: row.status });
    users.set(row.user, list);
  }
  return { users, unknown };
}

export async function recommendFromFiles(job: FileJob, catalogue: Catalogue): Promise<void> {
  const indexOf = new Map(Array.from(catalogue.malId, (id, i) => [id, i]));
  const train = byUser(await readInteractions(job.trainPath), indexOf);
  const input = byUser(await readInteractions(job.inputPath), indexOf);
  for (const [name, part] of [
    ['train', train],
    ['input', input],
  ] as const) {
    if (part.unknown)
      job.log(`  ${name}: ${part.unknown} rows name anime the catalogue does not know; skipped`);
  }
  const entries = [...train.users.values()].flatMap((list, user) =>
    list.map((e) => ({ user, ...e })),
  );
  const set = trainingSetFrom(entries, catalogue.size);
  if (set.users.length === 0) throw new Error(`${job.trainPath}: no usable training rows`);
  const scorer =
    (job.ranker ?? 'ncf') === 'ease'
      ? easeScorer(job, set, catalogue.size)
      : await ncfScorer(job, set, train.users.size, catalogue.size);
  const lines = ['user_id,anime_id,rank,score'];
  const excluded = new Uint8Array(catalogue.size);
  for (const [user, list] of input.users) {
    const items = list.map((e) => e.item);
    const scores = scorer(
      items,
      list.map((e) => feedbackOf(e.score, e.status)),
    );
    items.forEach((i) => (excluded[i] = 1));
    const ranked = Array.from(topK(scores, job.k, excluded)).filter((i) => scores[i]! > -Infinity);
    ranked.forEach((i, rank) => {
      lines.push(`${csvField(user)},${catalogue.malId[i]},${rank + 1},${scores[i]!.toFixed(5)}`);
    });
    items.forEach((i) => (excluded[i] = 0));
  }
  await writeFile(job.outPath, lines.join('\n') + '\n');
  job.log(
    `Wrote ${lines.length - 1} recommendations for ${input.users.size} users to ${job.outPath}`,
  );
}

async function ncfScorer(
  job: FileJob,
  set: TrainingSet,
  userCount: number,
  catalogueSize: number,
): Promise<Scorer> {
  job.log(`Training NCF on ${userCount} users (${set.users.length} labelled entries)`);
  const training = startTraining(set, userCount, catalogueSize, job.train, job.makeStepper);
  for await (const report of training.epochs)
    job.log(`  epoch ${report.epoch}: loss ${report.loss.toFixed(4)}`);
  const model = await training.stepper.toModel();
  training.stepper.dispose?.();
  const scores = new Float32Array(catalogueSize);
  return (items, feedback) =>
    scoreAll(model, foldIn(model, items, feedback, training.sampler, job.fold).vector, scores);
}

/** EASE from TRAIN's likes; anime outside its columns are not recommended. */
function easeScorer(job: FileJob, set: TrainingSet, catalogueSize: number): Scorer {
  const model = trainEase(set, catalogueSize, job.ease ?? DEFAULT_EASE, job.log);
  const scores = new Float32Array(catalogueSize);
  return (items, feedback) =>
    easeScores(
      model,
      items.filter((_, k) => feedback[k] === Feedback.positive),
      scores,
    );
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
