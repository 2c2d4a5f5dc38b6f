import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeShard } from '../../src/lib/data/shard-codec';
import { Status, type Shard } from '../../src/lib/data/shard-types';
import { buildShard } from './build';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'tsugi-build-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function write(name: string, lines: string[], gzip = false): Promise<void> {
  const text = lines.join('\n') + '\n';
  await writeFile(join(dir, name), gzip ? gzipSync(text) : text);
}

/** Every list of user u as [malId, score, status] triples, keyed "table:sourceId". */
function lists(shard: Shard): Record<string, [number, number, number][]> {
  const { ratings, catalogue } = shard;
  const out: Record<string, [number, number, number][]> = {};
  for (let u = 0; u < ratings.userCount; u++) {
    const key = `${ratings.tables[ratings.userTable[u]!]}:${ratings.userSourceId[u]}`;
    out[key] = [];
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++) {
      out[key].push([catalogue.malId[ratings.anime[e]!]!, ratings.score[e]!, ratings.status[e]!]);
    }
    out[key].sort((a, b) => a[0] - b[0]);
  }
  return out;
}

const rows = (user: number, animeIds: number[], tail: string) =>
  animeIds.map((a) => `${user},${a},${tail}`);

describe('buildShard', () => {
  it('reads each rating format, keeps tables apart and round-trips through the codec', async () => {
    await write(
      'lists.csv.gz',
      [
        'user_id,anime_id,score,watching_status,watched_episodes',
        '1,5114,10,2,64',
        '1,1,0,6,0',
        '1,20,3,4,2',
      ],
      true,
    );
    await write('rating_complete.csv', ['user_id,anime_id,rating', '1,5114,8', '1,1,9', '1,20,7']);
    await write('rating.csv', ['user_id,anime_id,rating', '1,5114,-1', '1,1,6', '1,20,5']);
    await write('scores.csv', ['user_id,anime_id,score', '1,5114,7', '1,1,7', '1,999999,7']);
    await write('users-score-2023.csv', [
      'user_id,Username,anime_id,Anime Title,rating',
      '1,ann,5114,"Fullmetal, Brotherhood",9',
      '1,ann,1,Bebop,8',
      '1,ann,20,Naruto,2',
    ]);
    const result = await buildShard({ dataDir: dir, minEntries: 3, maxEntries: 100 });
    const shard = await decodeShard(result.bytes);
    expect(shard.ratings.userCount).toBe(5);
    expect(lists(shard)).toEqual({
      'lists.csv.gz:1': [
        [1, 0, Status.planToWatch],
        [20, 3, Status.dropped],
        [5114, 10, Status.completed],
      ],
      'rating_complete.csv:1': [
        [1, 9, Status.completed],
        [20, 7, Status.completed],
        [5114, 8, Status.completed],
      ],
      'rating.csv:1': [
        [1, 6, 0],
        [20, 5, 0],
        [5114, 0, Status.completed],
      ],
      'scores.csv:1': [
        [1, 7, 0],
        [5114, 7, 0],
        [999999, 7, 0],
      ],
      'users-score-2023.csv:1': [
        [1, 8, 0],
        [20, 2, 0],
        [5114, 9, 0],
      ],
    });
    // An anime known only from ratings stays in the catalogue, without metadata.
    const unknown = shard.catalogue.malId.indexOf(999999);
    expect(unknown).toBeGreaterThanOrEqual(0);
    expect(shard.catalogue.title[unknown]).toBe('');
    expect(result.tables.map((t) => t.format).sort()).toEqual([
      'animelist',
      'rating',
      'rating_complete',
      'user-scores',
      'users-score',
    ]);
  });

  it('merges metadata tables, fresher first, and orders the catalogue by members', async () => {
    await write('anime.csv', [
      'anime_id,name,genre,type,episodes,rating,members',
      '1,Cowboy Bebop,"Action, Space",TV,26,8.8,100',
      '5,Bebop Movie,Action,Movie,1,8.4,50',
    ]);
    await write('ranking.csv', [
      'id,title,mean,rank,popularity,num_list_users,num_scoring_users',
      '1,Cowboy Bebop,8.75,40,40,2000,1',
      '7,New Show,7.1,900,900,3000,1',
    ]);
    await write('syn.csv', [
      'code,score,image_url,synopsis,show_titles,popularity,members,scored_by,type,rating,premiered,studios,genres',
      '1,8.8,,"Space, bounty hunters. [Written by MAL Rewrite]",Cowboy Bebop;;CB,1,1,1,TV,R - 17+ (violence & profanity),Spring 1998,Sunrise,action;space',
    ]);
    await write('r.csv', ['user_id,anime_id,score', '1,1,9', '1,5,8', '1,7,7']);
    const shard = await decodeShard(
      (await buildShard({ dataDir: dir, minEntries: 1, maxEntries: 100 })).bytes,
    );
    const c = shard.catalogue;
    expect(Array.from(c.malId)).toEqual([7, 1, 5]);
    expect(c.title).toEqual(['New Show', 'Cowboy Bebop', 'Bebop Movie']);
    expect(Array.from(c.score)).toEqual([710, 875, 840]);
    expect(c.synopsis[1]).toBe('Space, bounty hunters.');
    expect(c.titleSynonyms[1]).toBe('CB');
    expect([c.year[1], c.season[1], c.episodes[1]]).toEqual([1998, 2, 26]);
    expect(c.ageRating.labels[c.ageRating.codes[1]!]).toBe('R');
    const studios = c.studios.values.slice(c.studios.offsets[1], c.studios.offsets[2]);
    expect(Array.from(studios, (v) => c.studios.labels[v])).toEqual(['Sunrise']);
  });

  it('drops users under the threshold and samples deterministically under a budget', async () => {
    const lines = ['user_id,anime_id,score'];
    for (let u = 0; u < 40; u++)
      lines.push(...rows(u, [1, 2, 3, 4, 5].slice(0, u % 2 ? 5 : 2), '8'));
    await write('scores.csv', lines);
    const build = () => buildShard({ dataDir: dir, minEntries: 3, maxEntries: 50 });
    const first = (await decodeShard((await build()).bytes)).ratings;
    const second = (await decodeShard((await build()).bytes)).ratings;
    expect(first.userCount).toBe(10);
    expect(first.entryCount).toBe(50);
    expect(Array.from(first.userSourceId).every((u) => u % 2 === 1)).toBe(true);
    expect(Array.from(second.userSourceId)).toEqual(Array.from(first.userSourceId));
  });

  it('keeps the last row of a repeated user/anime pair and counts unusable rows', async () => {
    await write('scores.csv', [
      'user_id,anime_id,score',
      '1,1,3',
      'x,2,5',
      '1,2,5',
      '1,3,11',
      '1,1,9',
    ]);
    const result = await buildShard({ dataDir: dir, minEntries: 1, maxEntries: 100 });
    expect(lists(await decodeShard(result.bytes))['scores.csv:1']).toEqual([
      [1, 9, 0],
      [2, 5, 0],
    ]);
    expect(result.tables).toMatchObject([{ file: 'scores.csv', rows: 5, invalidRows: 2 }]);
    expect(result.ratingCsvBytes).toBe(54);
  });

  it('fails with the file name and expected headers for an unknown table', async () => {
    await write('mystery.csv', ['who,what', '1,2']);
    await expect(buildShard({ dataDir: dir, minEntries: 1, maxEntries: 10 })).rejects.toThrow(
      /mystery\.csv: unknown table format\. Its header is "who,what"/,
    );
  });

  it('fails clearly when the data folder does not exist', async () => {
    await expect(
      buildShard({ dataDir: join(dir, 'nope'), minEntries: 1, maxEntries: 10 }),
    ).rejects.toThrow(/nope is not a folder: point --data-dir or DATA_DIR/);
  });

  it('fails clearly on an empty table and on a damaged gzip file', async () => {
    await write('empty.csv', []);
    await expect(buildShard({ dataDir: dir, minEntries: 1, maxEntries: 10 })).rejects.toThrow(
      /empty\.csv: the file is empty/,
    );
    await rm(join(dir, 'empty.csv'));
    const gz = gzipSync(
      [
        'user_id,anime_id,score',
        ...rows(
          1,
          Array.from({ length: 5000 }, (_, i) => i + 1),
          '7',
        ),
      ].join('\n'),
    );
    await writeFile(join(dir, 'cut.csv.gz'), gz.subarray(0, gz.length - 200));
    await expect(buildShard({ dataDir: dir, minEntries: 1, maxEntries: 10 })).rejects.toThrow(
      /cut\.csv\.gz: /,
    );
  });
});
