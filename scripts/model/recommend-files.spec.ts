import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { DEFAULT_FOLD_IN } from '../../src/lib/model/fold-in';
import { DEFAULT_TRAIN } from '../../src/lib/model/ncf-train';
import { parseRanker, recommendFromFiles } from './recommend-files';

describe('recommendFromFiles', () => {
  it('writes each input user top k, never an anime from their input, skipping unknown ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsugi-recs-'));
    try {
      const header = 'user_id,anime_id,score,status';
      // The test catalogue holds MAL ids 5114, 1, 16498 and 9326.
      await writeFile(
        join(dir, 'train.csv'),
        [
          header,
          'a,5114,9,completed',
          'a,1,8,completed',
          'b,16498,9,',
          'b,1,0,watching',
          'c,5114,2,dropped',
          'c,424242,9,',
        ].join('\n'),
      );
      await writeFile(
        join(dir, 'input.csv'),
        [header, 'x,5114,10,completed', '"y, z",1,7,'].join('\n'),
      );
      const lines: string[] = [];
      await recommendFromFiles(
        {
          trainPath: join(dir, 'train.csv'),
          inputPath: join(dir, 'input.csv'),
          outPath: join(dir, 'recs.csv'),
          k: 2,
          ranker: 'ncf',
          train: { ...DEFAULT_TRAIN, dim: 4, epochs: 3 },
          fold: DEFAULT_FOLD_IN,
          log: (line) => lines.push(line),
        },
        makeTestShard().catalogue,
      );
      const out = (await readFile(join(dir, 'recs.csv'), 'utf8')).trim().split('\n');
      expect(out[0]).toBe('user_id,anime_id,rank,score');
      const rows = out.slice(1).map((l) => /^("[^"]*"|[^,]*),(\d+),(\d+),(-?[\d.]+)$/.exec(l)!);
      expect(rows.map((r) => [r[1], r[3]])).toEqual([
        ['x', '1'],
        ['x', '2'],
        ['"y, z"', '1'],
        ['"y, z"', '2'],
      ]);
      expect(rows.filter((r) => r[1] === 'x').map((r) => r[2])).not.toContain('5114');
      expect(rows.filter((r) => r[1] === '"y, z"').map((r) => r[2])).not.toContain('1');
      expect(lines.join('\n')).toMatch(/train: 1 rows name anime the catalogue does not know/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with --ranker ease builds EASE from TRAIN alone: the anime co-liked with the input comes first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsugi-recs-'));
    try {
      const header = 'user_id,anime_id,score,status';
      // 5114 and 16498 are liked together by three users; 1 and 9326 by three others.
      const train = [header];
      for (const u of ['a', 'b', 'c']) train.push(`${u},5114,9,completed`, `${u},16498,8,`);
      for (const u of ['d', 'e', 'f']) train.push(`${u},1,9,completed`, `${u},9326,0,watching`);
      await writeFile(join(dir, 'train.csv'), train.join('\n'));
      // x likes 5114 and dropped 1; y likes 9326. Popularity alone would tie all four.
      await writeFile(
        join(dir, 'input.csv'),
        [header, 'x,5114,10,completed', 'x,1,3,dropped', 'y,9326,8,'].join('\n'),
      );
      const lines: string[] = [];
      await recommendFromFiles(
        {
          trainPath: join(dir, 'train.csv'),
          inputPath: join(dir, 'input.csv'),
          outPath: join(dir, 'recs.csv'),
          k: 1,
          train: DEFAULT_TRAIN,
          fold: DEFAULT_FOLD_IN,
          ranker: 'ease',
          ease: { lambda: 1, minLikes: 2, maxItems: 10 },
          log: (line) => lines.push(line),
        },
        makeTestShard().catalogue,
      );
      const out = (await readFile(join(dir, 'recs.csv'), 'utf8')).trim().split('\n');
      expect(out.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
        'x,16498,1',
        'y,1,1',
      ]);
      expect(lines.join('\n')).toMatch(/EASE: 4 anime with ≥ 2 likes/);
      expect(lines.join('\n')).not.toMatch(/epoch/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("ranks with the app's ranking by default and names the choices for an unknown one", () => {
    expect(parseRanker(undefined)).toBe('app');
    expect(parseRanker('ease')).toBe('ease');
    expect(parseRanker('ncf')).toBe('ncf');
    expect(parseRanker('popularity')).toBe('popularity');
    expect(() => parseRanker('EASE')).toThrow(
      '--ranker must be one of app, ncf, ease, popularity, not "EASE"',
    );
  });
});
