import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTS_DIR, exportNames, MISSING_EXPORTS } from '../../../tests/support/exports';
import { escapeBareAmpersands } from './mal-xml';
import { parseListFile, parseListText } from './parse-list';
import { ImportError } from './import-error';
import { MAX_LIST_BYTES, readChosenFile } from './read-upload';
import { messageProblems, refusal } from '$fixtures/test-files';
import { gzip, kitsuXml, malXml } from '$fixtures/test-lists';

const bytes = (text: string) => new TextEncoder().encode(text);
const refused = async (input: Uint8Array | string, message: RegExp) =>
  expect((await refusal(input)).message).toMatch(message);

const SAMPLE = [
  { id: 16498, title: 'Shingeki no Kyojin', score: 9, status: 'Completed', watched: 25 },
  { id: 1, title: 'Cowboy Bebop', score: 0, status: 'Plan to Watch' },
  { id: 5114, title: 'Fullmetal Alchemist: Brotherhood', score: 4, status: 'Dropped', watched: 3 },
];

describe('MyAnimeList XML', () => {
  it('reads entries, statuses, scores, dates and the account', () => {
    const list = parseListText(malXml(SAMPLE));
    expect(list.format).toBe('mal');
    expect(list.user).toEqual({ id: '42', name: 'tester' });
    expect(
      list.entries.map((e) => [e.malId, e.title, e.status, e.score, e.watchedEpisodes]),
    ).toEqual([
      [16498, 'Shingeki no Kyojin', 'completed', 9, 25],
      [1, 'Cowboy Bebop', 'plan_to_watch', 0, 0],
      [5114, 'Fullmetal Alchemist: Brotherhood', 'dropped', 4, 3],
    ]);
    expect(list.entries[0]!.startDate).toBe('2020-01-05');
    expect(list.entries[0]!.finishDate).toBe('');
    expect(list.entries[0]!.fields.update_on_import).toBe('0');
    expect(list.invalid).toEqual([]);
  });

  it('recognises the 2008 format', () => {
    const list = parseListText(malXml(SAMPLE, 1, 'Programmed by Xinil\n Last updated 5/27/2008'));
    expect(list.format).toBe('mal-2008');
    expect(list.entries).toHaveLength(3);
  });

  it('reports invalid entries and keeps the rest', () => {
    const list = parseListText(
      malXml([
        ...SAMPLE,
        { id: 'abc', title: 'Bad id' },
        { id: 7, title: 'Bad score', score: 11 },
        { id: 8, title: 'Odd', status: 'Napping' },
      ]),
    );
    expect(list.entries).toHaveLength(3);
    expect(list.invalid.map((r) => [r.where, r.reason])).toEqual([
      ['entry 4', 'the anime id "abc" is not a number'],
      ['entry 5', 'the score "11" is not a whole number from 0 to 10'],
      ['entry 6', 'the status "Napping" is not one MAL uses'],
    ]);
  });

  it('accepts a bare & outside CDATA and leaves CDATA alone', () => {
    expect(escapeBareAmpersands('<a>Tom & Jerry &amp; co</a><![CDATA[x & y]]>')).toEqual({
      xml: '<a>Tom &amp; Jerry &amp; co</a><![CDATA[x & y]]>',
      escaped: 1,
    });
    const xml = malXml(SAMPLE).replace('<user_name>tester', '<user_name>tom & jerry');
    const list = parseListText(xml);
    expect(list.user?.name).toBe('tom & jerry');
    expect(list.notes.join(' ')).toMatch(/1 unescaped '&'/);
  });

  it('refuses a billion-laughs document quickly, without expanding it', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 ${Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k || ''};`.repeat(10)}">`).join('\n ')}
]>
<myanimelist><anime><series_animedb_id>1</series_animedb_id><series_title>&lol9;</series_title></anime></myanimelist>`;
    const started = performance.now();
    await refused(laughs, /declares entities/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads an undeclared entity as plain text, never expanding it', () => {
    const list = parseListText(malXml(SAMPLE).replace('tester', '&xxe;'));
    expect(list.user?.name).toBe('&xxe;');
  });

  it('refuses malformed and truncated XML with the line', async () => {
    const xml = malXml(SAMPLE);
    await refused(xml.slice(0, xml.length / 2), /malformed near line \d+/);
    await refused(xml.replace('</series_title>', '</series_titel>'), /malformed near line \d+/);
  });

  it('refuses a manga export, an empty list and other XML', async () => {
    await refused(malXml(SAMPLE, 2), /manga list export/);
    await refused(malXml([]), /no anime in it/);
    await refused('<?xml version="1.0"?><rss><channel/></rss>', /root element is <rss>/);
  });
});

describe('Kitsu XML', () => {
  it('reads entries without titles or scores and sets manga aside', () => {
    const list = parseListText(
      kitsuXml(
        [
          { id: 16498, score: 8, status: 'Completed' },
          { id: 1, status: 'On Hold' },
        ],
        2,
      ),
    );
    expect(list.format).toBe('kitsu');
    expect(list.entries.map((e) => [e.malId, e.title, e.status, e.score])).toEqual([
      [16498, '', 'completed', 8],
      [1, '', 'on_hold', 0],
    ]);
    expect(list.notes.join(' ')).toMatch(/2 manga entries set aside/);
  });
});

describe('CSV lists', () => {
  it('reads ids or titles with score and status, reporting bad rows by line', () => {
    const list = parseListText(
      'anime_id,Title,Score,Status\n16498,,9,completed\n,Cowboy Bebop,,plan to watch\nx,,3,\n,,5,\n20,Naruto,12,\n21,One Piece,8,asleep\n',
    );
    expect(list.format).toBe('csv');
    expect(list.entries.map((e) => [e.malId, e.title, e.score, e.status])).toEqual([
      [16498, '', 9, 'completed'],
      [null, 'Cowboy Bebop', 0, 'plan_to_watch'],
    ]);
    expect(list.invalid.map((r) => [r.where, r.reason])).toEqual([
      ['line 4', 'the anime id "x" is not a number'],
      ['line 5', 'it has neither an anime id nor a title'],
      ['line 6', 'the score "12" is not a whole number from 0 to 10'],
      ['line 7', 'the status "asleep" is not one Tsugi knows'],
    ]);
  });

  it('refuses a CSV without an id or title column', async () => {
    await refused('name_of_thing,rating\n', /needs an "anime_id" or a "title" column/);
  });
});

describe('files', () => {
  it('decompresses gzip by its magic bytes, whatever the name', async () => {
    const list = await parseListFile(await gzip(malXml(SAMPLE)));
    expect(list.entries).toHaveLength(3);
  });

  it('refuses a truncated .gz', async () => {
    const zipped = await gzip(malXml(SAMPLE));
    await refused(zipped.subarray(0, zipped.length - 20), /damaged or cut short/);
  });

  it('refuses empty, binary, oversized and unknown files', async () => {
    await refused(new Uint8Array(0), /empty/);
    await refused(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), /binary file/);
    await refused(new Uint8Array(MAX_LIST_BYTES + 1), /Tsugi reads lists up to 32.0 MB/);
    await refused(
      bytes('Hello, this is a letter'),
      /not a list Tsugi can read: as a CSV it needs an "anime_id"/,
    );
    await refused(bytes('just words'), /not a list Tsugi can read/);
  });

  it('stops decompressing a gzip bomb at the size limit', async () => {
    const bomb = await gzip(' '.repeat(MAX_LIST_BYTES + 1024));
    expect(bomb.length).toBeLessThan(MAX_LIST_BYTES / 100);
    await refused(bomb, /Tsugi reads lists up to/);
  });
});

describe('the real exports in ../shared/data/mal-exports', () => {
  const files = exportNames();
  it('has the real exports to read', () => {
    expect(files, MISSING_EXPORTS).not.toEqual([]);
  });
  it.each(files)('%s: every <anime> becomes an entry', async (name) => {
    const raw = new Uint8Array(readFileSync(join(EXPORTS_DIR, name)));
    const list = await parseListFile(raw);
    const text = name.endsWith('.gz')
      ? await new Response(
          new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip')),
        ).text()
      : new TextDecoder().decode(raw);
    const anime = text.match(/<anime>/g)?.length ?? 0;
    expect(list.invalid).toEqual([]);
    expect(list.entries.length).toBe(anime);
    expect(list.entries.every((e) => e.malId! > 0 && e.title.length > 0)).toBe(true);
  });
});

describe('AniList account data', () => {
  const ids = new Map([
    [16498, 16498],
    [101, 1],
  ]);
  const data = (lists: unknown[]) =>
    JSON.stringify({ user: { id: 9, display_name: 'ani' }, lists, activity: [] });

  it('maps AniList ids to MAL ids and 0–100 scores to 1–10', () => {
    const list = parseListText(
      data([
        {
          series_id: 16498,
          series_type: 0,
          status: 2,
          score: 85,
          progress: 25,
          started_on: 20200105,
          finished_on: 0,
        },
        { series_id: 101, series_type: 0, status: 4, score: 3, progress: 2 },
        { series_id: 777777, series_type: 0, status: 1, score: 0 },
        { series_id: 30002, series_type: 1, status: 0, score: 70 },
        { series_id: 'x', series_type: 0, status: 2, score: 50 },
        { series_id: 5, series_type: 0, status: 9, score: 50 },
      ]),
      ids,
    );
    expect(list.format).toBe('anilist');
    expect(list.user).toEqual({ id: '9', name: 'ani' });
    expect(
      list.entries.map((e) => [
        e.malId,
        e.title,
        e.status,
        e.score,
        e.watchedEpisodes,
        e.startDate,
      ]),
    ).toEqual([
      [16498, '', 'completed', 9, 25, '2020-01-05'],
      [1, '', 'on_hold', 1, 2, ''],
      [null, 'AniList id 777777', 'plan_to_watch', 0, 0, ''],
    ]);
    expect(list.invalid.map((r) => r.reason)).toEqual([
      'the AniList id "x" is not a number',
      'the status "9" is not one AniList uses',
    ]);
    expect(list.notes.join(' ')).toMatch(
      /1 manga entries set aside.*1 AniList ids have no known MyAnimeList id/,
    );
  });

  it('refuses JSON that is not AniList data, manga-only data and broken JSON', async () => {
    await refused('{"hello": 1}', /not AniList's account data/);
    await refused(data([{ series_id: 1, series_type: 1, status: 0, score: 0 }]), /only manga/);
    await refused(data([]), /no list entries/);
    await refused('{"lists": [', /JSON file is malformed/);
  });

  it('loads the real mapping when a JSON file is imported', async () => {
    const list = await parseListFile(
      bytes(data([{ series_id: 20, series_type: 0, status: 2, score: 80 }])),
    );
    // AniList 20 is Naruto, MAL 20.
    expect(list.entries[0]!.malId).toBe(20);
  });
});

describe('readChosenFile', () => {
  it('refuses a file over the limit by its size, without reading it', async () => {
    let reads = 0;
    const huge = {
      name: 'huge.xml',
      size: 2 * 1024 ** 3,
      arrayBuffer: () => {
        reads++;
        return Promise.resolve(new ArrayBuffer(0));
      },
    } as unknown as File;
    await expect(readChosenFile(huge)).rejects.toThrow(
      /^The file is 2048\.0 MB; Tsugi reads lists up to 32\.0 MB/,
    );
    expect(reads).toBe(0);
  });

  it('reads a file within the limit, and says so plainly when it cannot be read any more', async () => {
    const list = new File(['<myanimelist/>'], 'list.xml');
    expect(new TextDecoder().decode(await readChosenFile(list))).toBe('<myanimelist/>');
    const gone = Object.assign(new Blob(['x']), {
      name: 'gone.xml',
      arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
    });
    const error: unknown = await readChosenFile(gone).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'The file gone.xml could not be read because it was moved, changed or deleted after you chose it: ' +
        'choose it again.',
    );
    expect(messageProblems((error as Error).message)).toEqual([]);
  });
});
