import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedAnime, generatedShard } from '$fixtures/generated-shard';
import { DEFAULT_FOLD_IN } from '../../src/lib/model/fold-in';
import { DEFAULT_TRAIN } from '../../src/lib/model/ncf-train';
import { recommendFromFiles, type FileJob } from './recommend-files';

const options = { franchisesPerTaste: 6, usersPerTaste: 30, seed: 9 };
const shard = generatedShard(options);
const { catalogue, ratings } = shard;
const malId = (taste: number, franchise: number, entry: number) =>
  catalogue.malId[generatedAnime(options, taste, franchise, entry)]!;
const STATUS = ['', 'watching', 'completed', 'on_hold', 'dropped', '', 'plan_to_watch'];

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsugi-app-'));
  // TRAIN: the generated users' lists, as the CLI's CSV.
  const rows = ['user_id,anime_id,score,status'];
  for (let u = 0; u < ratings.userCount; u++)
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++)
      rows.push(
        `u${u},${catalogue.malId[ratings.anime[e]!]},${ratings.score[e]},${STATUS[ratings.status[e]!]}`,
      );
  await writeFile(join(dir, 'train.csv'), rows.join('\n'));
  // A taste-0 fan who loved franchise 0's first season and dropped taste 1's franchise 0.
  await writeFile(
    join(dir, 'input.csv'),
    [
      'user_id,anime_id,score,status',
      `fan,${malId(0, 0, 0)},9,completed`,
      `fan,${malId(0, 1, 0)},10,completed`,
      `fan,${malId(1, 0, 0)},0,dropped`,
    ].join('\n'),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function recommend(over: Partial<FileJob>): Promise<number[]> {
  const out = join(dir, 'recs.csv');
  await recommendFromFiles(
    {
      trainPath: join(dir, 'train.csv'),
      inputPath: join(dir, 'input.csv'),
      outPath: out,
      k: 12,
      train: { ...DEFAULT_TRAIN, dim: 8, epochs: 6 },
      fold: DEFAULT_FOLD_IN,
      log: () => {},
      ...over,
    },
    catalogue,
  );
  const lines = (await readFile(out, 'utf8')).trim().split('\n').slice(1);
  return lines.map((l) => Number(l.split(',')[1]));
}

describe("the file CLI's app ranking", () => {
  it("ranks the fan's own taste first, from TRAIN alone", async () => {
    const ids = await recommend({});
    expect(ids).toHaveLength(12);
    const taste = (id: number) => Math.floor(catalogue.malId.indexOf(id) / 18);
    expect(ids.slice(0, 4).map(taste)).toEqual([0, 0, 0, 0]);
    expect(ids).not.toContain(malId(0, 0, 0));
  });

  it('as shown: no sequel of the dropped show, one title per franchise', async () => {
    const ranked = await recommend({});
    const shown = await recommend({ asShown: true });
    const franchiseOf = (id: number) => Math.floor(catalogue.malId.indexOf(id) / 3);
    expect(new Set(shown.map(franchiseOf)).size).toBe(shown.length);
    for (const dropped of [malId(1, 0, 1), malId(1, 0, 2)]) expect(shown).not.toContain(dropped);
    // A sequel of a loved show may come; so the two lists differ.
    expect(shown).not.toEqual(ranked);
  });

  it('refuses --as-shown with another ranker', async () => {
    await expect(recommend({ ranker: 'ease', asShown: true })).rejects.toThrow(/--as-shown/);
  });

  it('popularity: the most-liked anime of TRAIN that the input does not have', async () => {
    const ids = await recommend({ ranker: 'popularity', k: 3 });
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(malId(0, 0, 0));
  });
});
