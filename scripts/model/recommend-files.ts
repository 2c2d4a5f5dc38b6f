/**
 * `npm run evaluate -- --train TRAIN.csv --input INPUT.csv --k 20 --out RECS.csv
 * [--ranker app|ncf|ease|popularity] [--as-shown]`: builds a ranker from TRAIN's users alone and
 * writes each INPUT user's top k (anime not in their input) as `user_id,anime_id,rank,score`.
 * The default is the app's own ranking at its default controls: NCF trained on TRAIN with each
 * INPUT user folded in, the nearest TRAIN users, item-kNN and EASE over TRAIN and content, through the
 * same `userSignals` and `appRanking` as For you; `--as-shown` adds the page's franchise rules.
 * Nothing from the shard's own ratings reaches it (only its catalogue: titles, genres, members).
 */
import { writeFile } from 'node:fs/promises';
import type { Catalogue } from '../../src/lib/data/shard-types';
import { listItems, type UserItems } from '../../src/lib/library/user-items';
import { Feedback } from '../../src/lib/model/interactions';
import { topK } from '../../src/lib/evaluation/metrics';
import { scoreAll, type NcfModel } from '../../src/lib/model/ncf-model';
import type { TrainConfig } from '../../src/lib/model/ncf-train';
import { foldIn, type FoldInConfig } from '../../src/lib/model/fold-in';
import { startTraining, type Stepper } from '../../src/lib/model/train-loop';
import { trainingSet, type TrainingSet } from '../../src/lib/model/training-set';
import { appRanking } from '../../src/lib/evaluation/app-ranking';
import { buildContentIndex } from '../../src/lib/recommend/content';
import { DEFAULT_EASE, easeScores, type EaseConfig } from '../../src/lib/recommend/ease';
import { SHIPPED_EASE, sparsifyEase } from '../../src/lib/recommend/ease-sparse';
import { itemNorms } from '../../src/lib/recommend/explain';
import { groupFranchises } from '../../src/lib/recommend/franchise';
import { buildItemKnn } from '../../src/lib/recommend/item-knn';
import { userSignals, type SignalContext } from '../../src/lib/recommend/user-signals';
import { trainEase } from '../../src/lib/evaluation/ease-ranker';
import { readInteractions } from './interaction-csv';
import { listsByUser, ratingsFromLists, type UserList } from './lists-from-rows';

export const RANKERS = ['app', 'ncf', 'ease', 'popularity'] as const;
export type FileRanker = (typeof RANKERS)[number];

/** `--ranker`: the app's ranking unless told otherwise; anything else names the choices. */
export function parseRanker(text: string | undefined): FileRanker {
  if (text === undefined) return 'app';
  const found = RANKERS.find((r) => r === text);
  if (!found) throw new Error(`--ranker must be one of ${RANKERS.join(', ')}, not "${text}"`);
  return found;
}

/** One input user's top k: catalogue indices with a score each, best first. */
type TopK = (items: UserItems, k: number) => { index: number; score: number }[];

export interface FileJob {
  trainPath: string;
  inputPath: string;
  outPath: string;
  k: number;
  train: TrainConfig;
  fold: FoldInConfig;
  makeStepper?: (initial: NcfModel) => Stepper;
  log: (line: string) => void;
  /** Which ranker to build from TRAIN (default: the app's). */
  ranker?: FileRanker;
  /** With the app's ranker: apply the page's franchise rules. */
  asShown?: boolean;
  ease?: EaseConfig;
}

export async function recommendFromFiles(job: FileJob, catalogue: Catalogue): Promise<void> {
  const ranker = job.ranker ?? 'app';
  if (job.asShown && ranker !== 'app')
    throw new Error(
      '--as-shown applies the page’s franchise rules to the app’s ranking: use it without --ranker, or with --ranker app',
    );
  const indexOf = new Map(Array.from(catalogue.malId, (id, i) => [id, i]));
  const train = listsByUser(await readInteractions(job.trainPath), indexOf);
  const input = listsByUser(await readInteractions(job.inputPath), indexOf);
  for (const [name, part] of [
    ['train', train],
    ['input', input],
  ] as const) {
    if (part.unknown)
      job.log(`  ${name}: ${part.unknown} rows name anime the catalogue does not know; skipped`);
  }
  const ratings = ratingsFromLists([...train.users.values()]);
  const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
  const set = trainingSet(ratings, catalogue.size, everyone);
  if (set.users.length === 0) throw new Error(`${job.trainPath}: no usable training rows`);
  const rank: TopK =
    ranker === 'ease'
      ? easeTopK(job, set, catalogue.size)
      : ranker === 'popularity'
        ? scoresTopK(() => set.positiveCounts)
        : await modelTopK(job, catalogue, set, ratings, ranker === 'app');
  const lines = ['user_id,anime_id,rank,score'];
  for (const [user, list] of input.users) {
    const items = itemsOf(list, catalogue.size);
    rank(items, job.k).forEach(({ index, score }, at) => {
      lines.push(`${csvField(user)},${catalogue.malId[index]},${at + 1},${score.toFixed(5)}`);
    });
  }
  await writeFile(job.outPath, lines.join('\n') + '\n');
  job.log(
    `Wrote ${lines.length - 1} recommendations for ${input.users.size} users to ${job.outPath}`,
  );
}

function itemsOf(list: UserList, catalogueSize: number): UserItems {
  return listItems(
    list.map((e) => e.item),
    list.map((e) => e.score),
    list.map((e) => e.status),
    catalogueSize,
  );
}

/** The top k of a score per anime, leaving out the input's own anime. */
function scoresTopK(scoresOf: (items: UserItems) => Float32Array): TopK {
  return (items, k) => {
    const scores = scoresOf(items);
    const excluded = new Uint8Array(scores.length);
    for (const i of items.items) excluded[i] = 1;
    return Array.from(topK(scores, k, excluded))
      .filter((i) => scores[i]! > -Infinity)
      .map((index) => ({ index, score: scores[index]! }));
  };
}

/** NCF trained on TRAIN; with `app`, the app's whole ranking around it. */
async function modelTopK(
  job: FileJob,
  catalogue: Catalogue,
  set: TrainingSet,
  ratings: SignalContext['ratings'],
  app: boolean,
): Promise<TopK> {
  job.log(`Training NCF on ${ratings.userCount} users (${set.users.length} labelled entries)`);
  const training = startTraining(
    set,
    ratings.userCount,
    catalogue.size,
    job.train,
    job.makeStepper,
  );
  for await (const report of training.epochs)
    job.log(`  epoch ${report.epoch}: loss ${report.loss.toFixed(4)}`);
  const model = await training.stepper.toModel();
  training.stepper.dispose?.();
  const { sampler } = training;
  const vectorOf = (items: UserItems) =>
    foldIn(model, items.items, items.feedback, sampler, job.fold).vector;
  if (!app) return scoresTopK((items) => scoreAll(model, vectorOf(items)));
  const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
  const context: SignalContext = {
    catalogue,
    ratings,
    content: buildContentIndex(catalogue),
    franchises: groupFranchises(catalogue),
    itemKnn: buildItemKnn(ratings, catalogue.size, everyone),
    ease: sparsifyEase(trainEase(set, catalogue.size, SHIPPED_EASE, job.log), SHIPPED_EASE.k),
    model: { model, norms: itemNorms(model), ratingRows: null, sampler },
  };
  return (items, k) => {
    const vector = items.positives > 0 ? vectorOf(items) : null;
    const signals = userSignals(context, items, vector);
    return appRanking(catalogue, signals, items.items.length, k, { asShown: !!job.asShown });
  };
}

/** EASE from TRAIN's likes; anime outside its columns are not recommended. */
function easeTopK(job: FileJob, set: TrainingSet, catalogueSize: number): TopK {
  const model = trainEase(set, catalogueSize, job.ease ?? DEFAULT_EASE, job.log);
  const scores = new Float32Array(catalogueSize);
  return scoresTopK((items) =>
    easeScores(
      model,
      Array.from(items.items).filter((_, k) => items.feedback[k] === Feedback.positive),
      scores,
    ),
  );
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
