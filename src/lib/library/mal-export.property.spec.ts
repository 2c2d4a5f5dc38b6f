/**
 * Properties of the MyAnimeList export: whatever the library holds, the file is well-formed XML
 * with only MAL's elements, and what the importers accepted comes back the same through the XML
 * import path (titles and text as XML can carry them: forbidden characters dropped, trimmed).
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { parseListFile, parseListText } from '$lib/import/parse-list';
import { mergeImport, type LibraryEntry } from './library';
import { LIST_STATUSES, type ListEntry } from './list-entry';
import { ANIME_ELEMENTS, malExport, xmlLegal, type ExportUser } from './mal-export';
import { strictElements } from './strict-xml';

/** Pieces that have broken XML writers: controls, markup, CDATA's end, halves of pairs, CR. */
const HOSTILE = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000B',
  '\u000C',
  '\u001B',
  '\u001F',
  '\u007F',
  '\u0085',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uD83D\uDE00',
  ']]>',
  ']]',
  ']',
  '>',
  '<',
  '&',
  '&amp;',
  '&#0;',
  '<![CDATA[',
  '</my_tags>',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u00A0',
  '\u2028',
  '\uFEFF',
  '"',
  ',',
];
const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
const key = fc.oneof(
  fc.constantFrom(...ANIME_ELEMENTS, '__parsed_extra', 'my<tag>', 'a b', '', '1x', 'my_dvd'),
  fc.constantFrom('__proto__', 'constructor', 'toString'),
  text,
);
const rawValue = fc.oneof(
  text,
  fc.constantFrom('24', ' 3 ', '1.5', 'HIGH', 'TV Special', 'PG-13', '1', 'x<y>'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 2 }),
  fc.dictionary(text, text, { maxKeys: 2 }),
);
const rawFields = fc.dictionary(key, rawValue, { maxKeys: 6 });

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** What the importers give: '' or YYYY-MM-DD, MAL's 00 for an unknown month or day included. */
const date = fc.oneof(
  fc.constant(''),
  fc
    .tuple(fc.integer({ min: 1, max: 9999 }), fc.nat(12), fc.nat(31))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
);
const entry = fc.record({
  malId: fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { freq: 8 }),
  title: text,
  status: fc.constantFrom('' as const, ...LIST_STATUSES),
  score: fc.integer({ min: 0, max: 10 }),
  watchedEpisodes: fc.nat(5000),
  startDate: date,
  finishDate: date,
  fields: rawFields as fc.Arbitrary<Record<string, string>>,
  importedAt: fc.constant('a'),
});
const entries = fc.uniqueArray(entry, { maxLength: 6, selector: (e) => e.malId });
const user = fc.option(fc.record({ id: text, name: text }));

const legal = (value: string) => xmlLegal(value).trim();
/** A text field as the export writes it: strings and numbers only. */
const textField = (value: unknown) =>
  typeof value === 'string'
    ? legal(value)
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : '';
const expectedUser = (u: ExportUser | null) => {
  const [id, name] = u ? [legal(u.id), legal(u.name)] : ['0', ''];
  return id || name ? { id, name } : null;
};
const values = (e: ListEntry) => [
  e.malId,
  e.status,
  e.score,
  e.watchedEpisodes,
  e.startDate,
  e.finishDate,
  legal(e.title),
  textField(e.fields.my_comments),
  textField(e.fields.my_tags),
];

/** Exports, checks the file strictly, and reads it back through the upload path. */
async function roundTrip(library: LibraryEntry[], u: ExportUser | null): Promise<void> {
  const { xml, exported, skipped } = malExport(library, u);
  const expected = library.filter((e) => e.malId !== null && e.status !== '');
  expect([exported, skipped]).toEqual([expected.length, library.length - expected.length]);
  const names = strictElements(xml);
  expect(names).toHaveLength(exported);
  for (const anime of names) expect(anime).toEqual(ANIME_ELEMENTS);
  if (exported === 0) return; // An empty export is refused on import: nothing to compare.
  const again = await parseListFile(new TextEncoder().encode(xml));
  expect(again.invalid).toEqual([]);
  expect(again.user).toEqual(expectedUser(u));
  expect(again.entries.map(values)).toEqual(expected.map(values));
}

const RUNS = { numRuns: 150 };

describe('malExport properties', () => {
  it('any library entries: well-formed XML that re-imports to the same entries', async () => {
    await fc.assert(fc.asyncProperty(entries, user, roundTrip), RUNS);
  });

  it('never throws on junk stored data, and still writes well-formed XML', () => {
    const junk = fc.record({
      malId: fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.string()),
      title: fc.oneof(text, fc.anything()),
      status: fc.oneof(fc.constantFrom(...LIST_STATUSES), fc.string(), fc.anything()),
      score: fc.anything(),
      watchedEpisodes: fc.anything(),
      startDate: fc.anything(),
      finishDate: fc.anything(),
      fields: fc.oneof(rawFields, fc.anything()),
    });
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 4 }), (list) => {
        const { xml, exported, skipped } = malExport(list as unknown as LibraryEntry[], null);
        expect(exported + skipped).toBe(list.length);
        expect(strictElements(xml)).toHaveLength(exported);
      }),
      RUNS,
    );
  });

  it('a CSV the importer accepts (hostile headers, extra cells) comes back the same', async () => {
    const row = fc.tuple(
      fc.integer({ min: 1, max: 2 ** 31 }),
      text,
      fc.constantFrom('', '0', '7', '10'),
      fc.constantFrom('', 'watching', 'Completed', 'on hold', 'plan to watch', '4'),
      text,
      fc.array(text, { maxLength: 2 }),
    );
    const csv = fc
      .tuple(fc.array(row, { minLength: 1, maxLength: 5 }), fc.array(key, { maxLength: 3 }))
      .map(([rows, extra]) =>
        Papa.unparse({
          fields: ['anime_id', 'title', 'score', 'status', 'my_comments', ...extra],
          data: rows.map(([id, ...rest]) => [String(id), ...rest.slice(0, 4), ...rest[4]]),
        }),
      );
    // Papaparse warns on the console when it renames a duplicate header; that is expected here.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fc.assert(
      fc.asyncProperty(csv, async (file) => {
        const imported = parseListText(file);
        const library = mergeImport(null, imported.entries, record).library;
        await roundTrip(library.entries, null);
      }),
      RUNS,
    );
    warn.mockRestore();
  });

  it('an AniList data file the importer accepts comes back the same', async () => {
    const day = fc.oneof(
      fc.constant(0),
      fc
        .tuple(fc.integer({ min: 1, max: 9999 }), fc.nat(12), fc.nat(31))
        .map(([y, m, d]) => y * 10000 + m * 100 + d),
    );
    const anime = fc.record({
      extra: fc.dictionary(key, rawValue, { maxKeys: 3 }),
      series_id: fc.integer({ min: 1, max: 50 }),
      status: fc.nat(5),
      score: fc.nat(100),
      progress: fc.nat(500),
      started_on: day,
      finished_on: day,
    });
    const file = fc.record({
      user: fc.record({ id: fc.nat(), display_name: text }),
      lists: fc.array(anime, { minLength: 1, maxLength: 5 }),
    });
    const ids = new Map(Array.from({ length: 40 }, (_, k) => [k + 1, k + 1000] as const));
    await fc.assert(
      fc.asyncProperty(file, async ({ user: u, lists }) => {
        const json = JSON.stringify({
          user: u,
          lists: lists.map(({ extra, ...a }) => ({ ...extra, ...a, series_type: 0 })),
        });
        const imported = parseListText(json, ids);
        const library = mergeImport(null, imported.entries, record).library;
        await roundTrip(library.entries, imported.user);
      }),
      RUNS,
    );
  });
});

const record = {
  at: 'a',
  fileName: 'x',
  format: 'csv' as const,
  user: null,
  mode: 'replace' as const,
  entries: 0,
  invalid: [],
};
