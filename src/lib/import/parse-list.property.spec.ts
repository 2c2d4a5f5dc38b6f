/**
 * Properties of the list parsers, on generated files: lists written as MAL XML (in each
 * encoding Tsugi reads), CSV and AniList JSON read back to the same entries, and every row is
 * either an entry or an invalid row with a reason. parse-list.fuzz.spec.ts feeds them any bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text';
import { parseListFile, parseListText } from './parse-list';
import { inWindows1252, utf16, utf8, windows1252 } from '$fixtures/test-files';
import { malXml } from '$fixtures/test-lists';
import { LIST_STATUSES, type ListStatus, type ParsedList } from '../library/list-entry';

const RUNS = { numRuns: 60 };

interface Anime {
  id: number;
  title: string;
  status: ListStatus;
  score: number;
  watched: number;
}

/** A row is an anime, or an id no parser may accept. */
type Row = Anime | string;
const BAD_IDS = ['0', '-3', '1.5', '1e3', '100000000000000000000000', '9007199254740992', 'abc'];

/** Characters that have broken parsers: separators, quotes, markup, line ends, non-ASCII. */
const UNITS = [
  ...['a', 'Z', '0', ' ', ',', ';', '|', '"', "'", '\t', '\n', '\r\n', '\r', '&', '&amp;'],
  ...['<', '>', ']]>', 'é', 'ß', '€', '“', '—', '…', 'Ÿ', '\u00a0', '日', '本', '🎌'],
];
const LATIN_UNITS = UNITS.filter(inWindows1252);

const MAL_STATUS: Record<ListStatus, string> = {
  watching: 'Watching',
  completed: 'Completed',
  on_hold: 'On-Hold',
  dropped: 'Dropped',
  plan_to_watch: 'Plan to Watch',
};

const text = (units: string[], maxLength = 10) =>
  fc.string({ unit: fc.constantFrom(...units), maxLength });

const anime = (units: string[]): fc.Arbitrary<Anime> =>
  fc.record({
    id: fc.oneof(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })),
    title: text(units),
    status: fc.constantFrom(...LIST_STATUSES),
    score: fc.integer({ min: 0, max: 10 }),
    watched: fc.integer({ min: 0, max: 5000 }),
  });

const rows = (units: string[]): fc.Arbitrary<Row[]> =>
  fc.array(fc.oneof({ weight: 6, arbitrary: anime(units) }, fc.constantFrom(...BAD_IDS)), {
    minLength: 1,
    maxLength: 8,
  });

/** XML and Tsugi's CSV reader both turn every line end into '\n'; titles are trimmed. */
const lines = (value: string) => value.replace(/\r\n?/g, '\n');

/** What a row must come back as: this entry (and these raw fields), or an invalid row. */
type Expected = { anime: Anime; fields?: Record<string, string> } | { reason: string };

const expectOf = (row: Row): Expected =>
  typeof row === 'string' ? { reason: `the anime id "${row}"` } : { anime: row };

/** Each row came back, in order, as the entry it describes or an invalid row where it stands. */
function expectRows(list: ParsedList, expected: Expected[], where: (k: number) => string): void {
  expect(list.entries.length + list.invalid.length).toBe(expected.length);
  const entries = list.entries.values();
  const invalid = list.invalid.values();
  expected.forEach((row, k) => {
    if ('reason' in row) {
      const bad = invalid.next().value!;
      expect(bad.where).toBe(where(k));
      expect(bad.reason).toContain(row.reason);
      return;
    }
    const { anime: a, fields = {} } = row;
    const e = entries.next().value!;
    expect([e.malId, e.title, e.status, e.score, e.watchedEpisodes]).toEqual([
      a.id,
      lines(a.title).trim(),
      a.status,
      a.score,
      a.watched,
    ]);
    expect(e.fields).toMatchObject(fields);
  });
}

describe('MAL XML read back', () => {
  const ENCODINGS = ['UTF-8', 'UTF-16LE', 'UTF-16BE', 'windows-1252', 'ISO-8859-1'] as const;
  const encode = (xml: string, encoding: (typeof ENCODINGS)[number]) => {
    if (encoding === 'UTF-8') return utf8(xml);
    if (encoding === 'UTF-16LE') return utf16(xml.replace('UTF-8', 'UTF-16'), 'le');
    if (encoding === 'UTF-16BE') return utf16(xml.replace('UTF-8', 'UTF-16'), 'be');
    return windows1252(xml.replace('UTF-8', encoding));
  };
  const files = fc
    .constantFrom(...ENCODINGS)
    .chain((encoding) =>
      fc.tuple(fc.constant(encoding), rows(encoding.startsWith('UTF') ? UNITS : LATIN_UNITS)),
    );

  it('gives back every entry, in every encoding', async () => {
    await fc.assert(
      fc.asyncProperty(files, async ([encoding, written]) => {
        const xml = malXml(
          written.map((row) =>
            typeof row === 'string'
              ? { id: row, title: 'x' }
              : { ...row, status: MAL_STATUS[row.status] },
          ),
        );
        const list = await parseListFile(encode(xml, encoding));
        expectRows(list, written.map(expectOf), (k) => `entry ${k + 1}`);
      }),
      RUNS,
    );
  });
});

describe('CSV read back', () => {
  const HEADER = ['anime_id', 'title', 'score', 'status', 'watched_episodes', 'notes'];
  const cell = (value: string, delimiter: string) =>
    /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
  const layout = fc.record({
    notes: text(UNITS),
    extra: fc.array(fc.constantFrom('', ' ', 'x', 'y,z;w'), { maxLength: 2 }),
    blankBefore: fc.boolean(),
  });
  const files = fc.record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    written: rows(UNITS),
    layouts: fc.array(layout, { minLength: 8, maxLength: 8 }),
    wide: fc.boolean(),
  });

  it('gives back every row as an entry, or an invalid row at the line it starts on', async () => {
    await fc.assert(
      fc.asyncProperty(files, async ({ delimiter, eol, written, layouts, wide }) => {
        let csv = HEADER.join(delimiter) + eol;
        const starts: number[] = [];
        const expected = written.map((row, k): Expected => {
          const { notes, extra, blankBefore } = layouts[k]!;
          if (blankBefore) csv += eol;
          starts.push(1 + (csv.match(/\r\n?|\n/g)?.length ?? 0));
          const values =
            typeof row === 'string'
              ? [row, 'x', '', '', '', notes]
              : [
                  String(row.id),
                  row.title,
                  `${row.score}`,
                  MAL_STATUS[row.status],
                  `${row.watched}`,
                  notes,
                ];
          csv += [...values, ...extra].map((v) => cell(v, delimiter)).join(delimiter) + eol;
          if (extra.some((v) => v.trim() !== ''))
            return { reason: `fields but the header names ${HEADER.length}` };
          return typeof row === 'string'
            ? expectOf(row)
            : { anime: row, fields: { title: lines(row.title), notes: lines(notes) } };
        });
        const list = await parseListFile(wide ? utf16(csv, 'le') : utf8(csv));
        expectRows(list, expected, (k) => `line ${starts[k]}`);
        for (const row of [...list.entries, ...list.invalid])
          expect(Object.values(row.fields).every((v) => typeof v === 'string')).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('AniList JSON read back', () => {
  const STATUS: ListStatus[] = ['watching', 'plan_to_watch', 'completed', 'dropped', 'on_hold'];
  const entry = fc.oneof(
    { weight: 6, arbitrary: fc.record({ anime: anime(UNITS), mapped: fc.boolean() }) },
    fc.record({ manga: fc.integer({ min: 1, max: 1000 }) }),
    fc.record({ badId: fc.constantFrom(0, -3, 1.5, 1e23, 2 ** 53, 'x', null, true) }),
  );
  // AniList writes a 0–100 score; a MAL score s comes back from 10·s.
  const aniList = (a: Anime) => ({
    series_id: a.id,
    series_type: 0,
    status: STATUS.indexOf(a.status),
    score: a.score * 10,
    progress: a.watched,
    notes: a.title,
    advanced_scores: { story: a.score },
  });

  it('gives back every anime entry, maps ids, sets manga aside and keeps fields as text', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (lists) => {
        const malIds = new Map<number, number>();
        const json = lists.map((e) => {
          if ('manga' in e) return { series_id: e.manga, series_type: 1, status: 0 };
          if ('badId' in e) return { series_id: e.badId, series_type: 0, status: 2 };
          // Another id than AniList's, and a safe one (2^53 − 1 + 1 would be refused).
          if (e.mapped)
            malIds.set(e.anime.id, e.anime.id < Number.MAX_SAFE_INTEGER ? e.anime.id + 1 : 1);
          return aniList(e.anime);
        });
        const anime = lists.filter((e) => !('manga' in e));
        if (anime.length === 0) return;
        const bytes = utf16(JSON.stringify({ user: { id: 7 }, lists: json }), 'be');
        const list = parseListText(decodeText(bytes), malIds);
        expect(list.entries.length + list.invalid.length).toBe(anime.length);
        const entries = list.entries.values();
        lists.forEach((e, k) => {
          if ('badId' in e)
            return expect(
              list.invalid.find((r) => r.where === `list entry ${k + 1}`),
            ).toBeDefined();
          if (!('anime' in e)) return;
          const got = entries.next().value!;
          const malId = malIds.get(e.anime.id) ?? null;
          expect(got.malId).toBe(malId);
          expect(got.title).toBe(malId === null ? `AniList id ${e.anime.id}` : '');
          expect([got.status, got.score, got.watchedEpisodes]).toEqual([
            e.anime.status,
            e.anime.score,
            e.anime.watched,
          ]);
          expect(got.fields.notes).toBe(e.anime.title);
          expect(JSON.parse(got.fields.advanced_scores!)).toEqual({ story: e.anime.score });
        });
      }),
      RUNS,
    );
  });
});
