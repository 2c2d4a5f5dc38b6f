/**
 * Files that were once read wrongly without a word: other encodings, CSV quoting errors, ids too
 * large for a number, entity declarations deep in the prolog, and messages that read badly.
 */
import { describe, expect, it } from 'vitest';
import { parseListFile, parseListText } from './parse-list';
import { MAX_LIST_BYTES } from './read-upload';
import { messageProblems, refusal, utf16, utf8, windows1252 } from '$fixtures/test-files';
import { gzip, malXml } from '$fixtures/test-lists';
import type { ParsedList } from '../library/list-entry';

const titles = (list: ParsedList) => list.entries.map((e) => e.title);
const rows = (list: ParsedList) => list.invalid.map((r) => [r.where, r.reason]);
const allText = (list: ParsedList) =>
  [...list.entries, ...list.invalid].every((row) =>
    Object.values(row.fields).every((v) => typeof v === 'string'),
  );

describe('text encodings', () => {
  const title = 'Pokémon “Mewtwo” — 日本';
  const xml = malXml([{ id: 150, title, score: 9 }]);

  it.each(['le', 'be'] as const)('reads UTF-16%s with a byte order mark', async (order) => {
    const list = await parseListFile(utf16(xml.replace('UTF-8', 'UTF-16'), order));
    expect(titles(list)).toEqual([title]);
  });

  it('reads UTF-16 XML without a byte order mark, and a UTF-16 tab-separated CSV', async () => {
    expect(titles(await parseListFile(utf16(xml, 'le', false)))).toEqual([title]);
    const csv = utf16(`anime_id\ttitle\tscore\r\n150\t${title}\t9\r\n`, 'le');
    expect(titles(await parseListFile(csv))).toEqual([title]);
  });

  it('reads windows-1252 and the labels that mean it, as the XML declaration says', async () => {
    const latin = 'Café “Noir” – 5€ Ÿ';
    for (const label of ['windows-1252', 'ISO-8859-1', 'latin1', 'us-ascii']) {
      const text = malXml([{ id: 1, title: latin }]).replace('UTF-8', label);
      expect(titles(await parseListFile(windows1252(text)))).toEqual([latin]);
    }
  });

  it('maps windows-1252 bytes 0x80–0x9F by the standard, not as Latin-1 controls', async () => {
    const [head, tail] = malXml([{ id: 1, title: '#' }])
      .replace('UTF-8', 'windows-1252')
      .split('#') as [string, string];
    const bytes = Uint8Array.from([...utf8(head), 0x80, 0x93, 0x94, 0x96, 0x9f, ...utf8(tail)]);
    expect(titles(await parseListFile(bytes))).toEqual(['€“”–Ÿ']);
  });

  it('refuses an encoding it does not read, naming it', async () => {
    const error = await refusal(utf8(xml.replace('UTF-8', 'Shift_JIS')));
    expect(error.message).toMatch(/"Shift_JIS"/);
  });

  it('refuses bytes that are not UTF-8, with the line, instead of writing U+FFFD', async () => {
    const text = malXml([{ id: 1, title: 'Caf#' }]);
    const line = text.slice(0, text.indexOf('#')).split('\n').length;
    const bytes = utf8(text).map((b) => (b === 0x23 ? 0xe9 : b));
    expect((await refusal(bytes)).message).toMatch(
      new RegExp(`not valid UTF-8 text \\(line ${line}\\b`),
    );
    const broken = Uint8Array.from([...utf16('anime_id\n1\n2\n', 'le'), 0x00, 0xd8]);
    expect((await refusal(broken)).message).toMatch(/not valid UTF-16 text \(line 4\b/);
  });
});

describe('CSV parse errors', () => {
  it('refuses a quote that never closes, naming the line it opened on', async () => {
    const csv = 'anime_id,title,score\n1,Cowboy Bebop,9\n5,"Trigun,8\n6,Naruto,7\n7,Bleach,6\n';
    expect((await refusal(csv)).message).toMatch(/^Line 3 opens a quoted field that never closes/);
  });

  it('reports an unclosed quote on the last line as that row only', () => {
    const list = parseListText('anime_id,title\n1,Cowboy Bebop\n2,"Trigun');
    expect(titles(list)).toEqual(['Cowboy Bebop']);
    expect(rows(list)).toEqual([['line 3', 'a quote opened in it is never closed']]);
  });

  it('reports a row with more fields than the header, keeping every field as text', () => {
    const list = parseListText('anime_id,title,score\n1,Fate, Zero,8\n2,Trigun,7\n');
    expect(titles(list)).toEqual(['Trigun']);
    expect(rows(list)).toEqual([
      ['line 2', 'it has 4 fields but the header names 3 (a title with a comma needs quotes)'],
    ]);
    expect(list.invalid[0]!.fields).toEqual({
      anime_id: '1',
      title: 'Fate',
      score: ' Zero',
      'column 4': '8',
    });
    expect(allText(list)).toBe(true);
  });

  it('accepts empty trailing fields, which lose nothing', () => {
    const list = parseListText('anime_id,title,score\n1,Cowboy Bebop,9,,\n');
    expect(titles(list)).toEqual(['Cowboy Bebop']);
    expect(allText(list)).toBe(true);
  });

  it('reports a stray quote and the lines it swallowed', () => {
    const list = parseListText(
      'anime_id,title\n1,"Cowboy" Bebop\n2,Trigun\n3,"Naruto"\n4,Bleach\n',
    );
    expect(titles(list)).toEqual(['Bleach']);
    expect(rows(list)).toEqual([
      [
        'line 2',
        'a quoted field in it goes on after its closing quote, so it runs on to line 4 ' +
          '(write a quote inside quotes as "")',
      ],
    ]);
  });

  it('numbers rows by the line they start on, across quoted newlines and blank lines', () => {
    const list = parseListText(
      'anime_id,title,score\r\n1,"Cowboy\r\nBebop",9\r\n\r\n2,Trigun,11\r\n',
    );
    expect(titles(list)).toEqual(['Cowboy\nBebop']);
    expect(rows(list)).toEqual([['line 5', 'the score "11" is not a whole number from 0 to 10']]);
  });

  it('notes rows with fewer fields than the header', () => {
    const list = parseListText('anime_id,title,score\n1,Cowboy Bebop\n2,Trigun,8\n');
    expect(list.entries).toHaveLength(2);
    expect(list.notes).toEqual([
      '1 rows have fewer fields than the header (the first on line 2); the missing fields were read as empty.',
    ]);
  });
});

describe('ids', () => {
  const huge = '100000000000000000000000';
  const reasons = [
    `the anime id "${huge}" is too large to be an id`,
    'the anime id "0" is not a whole number above 0',
    'the anime id "-5" is not a whole number above 0',
    'the anime id "1.5" is not a whole number above 0',
    'the anime id "9007199254740992" is too large to be an id',
  ];

  it('refuses unsafe, zero, negative and fractional ids in MAL XML, entry by entry', () => {
    const ids = [huge, 0, '-5', '1.5', 9007199254740992, 9007199254740991, 1];
    const list = parseListText(malXml(ids.map((id) => ({ id, title: `t${id}` }))));
    expect(list.entries.map((e) => e.malId)).toEqual([9007199254740991, 1]);
    expect(rows(list)).toEqual(reasons.map((reason, k) => [`entry ${k + 1}`, reason]));
  });

  it.each(['anime_id', 'mal_id'])('does the same in a CSV %s column', (column) => {
    const ids = [huge, '0', '-5', '1.5', '9007199254740992', '9007199254740991', '1'];
    const list = parseListText(`${column},title\n${ids.map((id) => `${id},x`).join('\n')}\n`);
    expect(list.entries.map((e) => e.malId)).toEqual([9007199254740991, 1]);
    expect(rows(list)).toEqual(reasons.map((reason, k) => [`line ${k + 2}`, reason]));
  });

  it('does the same for AniList ids', () => {
    const entry = (id: string) => `{"series_id": ${id}, "series_type": 0, "status": 2}`;
    const ids = ['1e23', '0', '-5', '1.5', '9007199254740993', '"12x"', '16498'];
    const list = parseListText(`{"lists": [${ids.map(entry).join(',')}]}`, new Map([[16498, 1]]));
    expect(list.entries.map((e) => e.malId)).toEqual([1]);
    expect(list.invalid.map((r) => r.reason)).toEqual([
      'the AniList id "1e+23" is too large to be an id',
      'the AniList id "0" is not a whole number above 0',
      'the AniList id "-5" is not a whole number above 0',
      'the AniList id "1.5" is not a whole number above 0',
      'the AniList id "9007199254740992" is too large to be an id',
      'the AniList id "12x" is not a number',
    ]);
  });
});

describe('the XML prolog', () => {
  const laughs = `<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>`;

  it('refuses entity declarations however far into the prolog they are', async () => {
    const comment = `<!--${' padding '.repeat(10_000)}-->`;
    const xml = malXml([{ id: 1, title: '&lol2;' }]).replace(
      '<myanimelist>',
      `${comment}\n${laughs}\n<myanimelist>`,
    );
    expect((await refusal(xml)).message).toMatch(/declares entities/);
  });

  it('reads a document type that declares nothing', () => {
    const xml = malXml([{ id: 1, title: 'Cowboy Bebop' }]).replace(
      '<myanimelist>',
      '<!DOCTYPE myanimelist>\n<myanimelist>',
    );
    expect(titles(parseListText(xml))).toEqual(['Cowboy Bebop']);
  });
});

describe('refusal messages', () => {
  const xml = malXml([{ id: 1, title: 'Cowboy Bebop' }]);
  const inputs: [string, () => Promise<Uint8Array | string>][] = [
    ['empty', async () => new Uint8Array(0)],
    ['too large', async () => new Uint8Array(MAX_LIST_BYTES + 1)],
    ['binary', async () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])],
    ['damaged gzip', async () => (await gzip(xml)).subarray(0, 30)],
    ['truncated XML', async () => xml.slice(0, xml.length / 2)],
    ['mismatched tag', async () => xml.replace('</series_title>', '</series_titel>')],
    ['XML declaration late', async () => `\n<a/><?xml version="1.0"?>`],
    ['other XML', async () => '<?xml version="1.0"?><rss><channel/></rss>'],
    ['manga', async () => malXml([{ id: 1 }], 2)],
    ['no anime', async () => malXml([])],
    ['not a list', async () => 'just words'],
    ['CSV without columns', async () => 'name_of_thing,rating\n'],
    ['CSV without rows', async () => 'anime_id,title\n'],
    ['broken JSON', async () => '{"lists": [1, 2,'],
    ['bad JSON token', async () => '{"lists": [1, 2 x]}'],
    ['other JSON', async () => '{"hello": 1}'],
    ['manga-only JSON', async () => '{"lists": [{"series_id": 1, "series_type": 1}]}'],
    ['empty JSON lists', async () => '{"lists": []}'],
    ['unknown encoding', async () => utf8(xml.replace('UTF-8', 'EBCDIC-US'))],
    ['UTF-32', async () => Uint8Array.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0])],
  ];

  it.each(inputs)('%s: one plain sentence ending in one period', async (_, input) => {
    const { message } = await refusal(await input());
    expect(messageProblems(message), message).toEqual([]);
  });

  it('names the line of malformed XML once', async () => {
    const line = xml.slice(0, xml.indexOf('</series_title>')).split('\n').length;
    const { message } = await refusal(xml.replace('</series_title>', '</series_titel>'));
    expect(message).toMatch(
      new RegExp(`^The XML is malformed near line ${line} \\(unexpected close tag\\), so `),
    );
  });
});
