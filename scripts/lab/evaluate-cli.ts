/**
 * `npm run lab -- evaluate-cli [--seeds 7,8] [--rankers app,ease] [--dir DIR] [--markdown]`: the
 * file CLI on held-out splits of the rating tables, scored like
 * `npm run evaluate`. For each split seed (`--seeds 7,8`): 20% of the shard's users are held out,
 * each held-out list is cut 80/20; TRAIN.csv gets the other users' whole lists and INPUT.csv the
 * 80%s. The CLI's own code (`recommendFromFiles`) then writes RECS.csv for each ranker (the app's
 * ranking, as ranked and `--as-shown`, EASE, NCF, popularity), and the held-out likes score them:
 * Recall@20, NDCG@20, new-franchise Recall@20, dropped-franchise picks (`--rankers app,ease`
 * keeps those rows only). The CSVs stay in `--dir` (a temporary folder by default). `--markdown`:
 * each table as Markdown under the command, time and commit that wrote it.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBuiltShard } from '../model/built-shard';
import { recommendFromFiles, type FileRanker } from '../model/recommend-files';
import { stampIf } from '../model/run-stamp';
import { Status, type Ratings } from '../../src/lib/data/shard-types';
import { franchiseMeasures } from '../../src/lib/evaluation/dropped-franchise';
import { evaluateRankers, type Ranker } from '../../src/lib/evaluation/evaluate';
import { rankedListsRanker } from '../../src/lib/evaluation/ranked-lists';
import { printTable, resultRows } from '../../src/lib/evaluation/results-table';
import { DEFAULT_SPLIT, splitUsers } from '../../src/lib/evaluation/split';
import { DEFAULT_FOLD_IN } from '../../src/lib/model/fold-in';
import { DEFAULT_TRAIN } from '../../src/lib/model/ncf-train';
import { DEFAULT_EASE } from '../../src/lib/recommend/ease';

const STATUS_NAMES: Record<number, string> = {
  [Status.watching]: 'watching',
  [Status.completed]: 'completed',
  [Status.onHold]: 'on_hold',
  [Status.dropped]: 'dropped',
  [Status.planToWatch]: 'plan_to_watch',
};

const VARIANTS: [string, FileRanker, boolean][] = [
  ['popularity', 'popularity', false],
  ['EASE', 'ease', false],
  ['NCF', 'ncf', false],
  ["Tsugi (the app's ranking)", 'app', false],
  ['Tsugi as shown (--as-shown)', 'app', true],
];

function rows(ratings: Ratings, entries: Iterable<[user: number, entry: number]>): string {
  const out = ['user_id,anime_id,score,status'];
  for (const [u, e] of entries)
    out.push(
      `u${u},${ratings.anime[e]},${ratings.score[e]},${STATUS_NAMES[ratings.status[e]!] ?? ''}`,
    );
  return out.join('\n') + '\n';
}

/** RECS.csv as each user's ranked catalogue indices. */
async function readRecs(
  path: string,
  indexOf: Map<number, number>,
): Promise<Map<string, number[]>> {
  const lists = new Map<string, number[]>();
  for (const line of (await readFile(path, 'utf8')).trim().split('\n').slice(1)) {
    const [user, anime] = line.split(',');
    const list = lists.get(user!) ?? [];
    list.push(indexOf.get(Number(anime))!);
    lists.set(user!, list);
  }
  return lists;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '7' },
      dir: { type: 'string' },
      /** Only these rows, by ranker (`app,ease`: the app's ranking, both ways, and EASE). */
      rankers: { type: 'string' },
      markdown: { type: 'boolean' },
    },
  });
  const { shard } = await readBuiltShard();
  const { catalogue } = shard;
  // The tables' anime ids are MAL ids; the shard's ratings hold catalogue indices.
  const ratings = {
    ...shard.ratings,
    anime: Uint32Array.from(shard.ratings.anime, (i) => catalogue.malId[i]!),
  };
  const indexOf = new Map(Array.from(catalogue.malId, (id, i) => [id, i]));
  const measures = franchiseMeasures(catalogue);
  const stamp = stampIf(values.markdown);
  const root = values.dir ?? (await mkdtemp(join(tmpdir(), 'tsugi-cli-')));
  for (const seed of values.seeds.split(',').map(Number)) {
    const split = splitUsers(shard.ratings, { ...DEFAULT_SPLIT, seed });
    const dir = join(root, `seed-${seed}`);
    await mkdir(dir, { recursive: true });
    const { rowPtr } = ratings;
    const trainRows = split.trainUsers.flatMap((u) =>
      Array.from({ length: rowPtr[u + 1]! - rowPtr[u]! }, (_, k): [number, number] => [
        u,
        rowPtr[u]! + k,
      ]),
    );
    const inputRows = split.testUsers.flatMap((t) =>
      t.input.map((e): [number, number] => [t.user, e]),
    );
    await writeFile(join(dir, 'train.csv'), rows(ratings, trainRows));
    await writeFile(join(dir, 'input.csv'), rows(ratings, inputRows));
    console.log(
      `Seed ${seed}: TRAIN ${split.trainUsers.length} users (${trainRows.length} rows), ` +
        `INPUT ${split.testUsers.length} users (${inputRows.length} rows) in ${dir}`,
    );
    const rankers: Ranker[] = [];
    const only = values.rankers?.split(',');
    for (const [name, ranker, asShown] of VARIANTS.filter(([, r]) => !only || only.includes(r))) {
      const outPath = join(dir, `recs-${ranker}${asShown ? '-as-shown' : ''}.csv`);
      const started = performance.now();
      await recommendFromFiles(
        {
          trainPath: join(dir, 'train.csv'),
          inputPath: join(dir, 'input.csv'),
          outPath,
          k: 20,
          train: DEFAULT_TRAIN,
          fold: DEFAULT_FOLD_IN,
          ease: DEFAULT_EASE,
          ranker,
          asShown,
          log: () => {},
        },
        catalogue,
      );
      console.log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const recs = await readRecs(outPath, indexOf);
      rankers.push(rankedListsRanker(name, recs, catalogue.size));
    }
    const results = evaluateRankers(
      shard.ratings,
      catalogue.size,
      split,
      rankers,
      20,
      measures.franchise,
      measures.dropped,
    );
    console.log(
      `Seed ${seed}, ${results[0]!.users} held-out users with held-out likes, through the file CLI:`,
    );
    printTable(resultRows(results), stamp);
  }
}

main().catch((error: unknown) => {
  console.error(`evaluate-cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
