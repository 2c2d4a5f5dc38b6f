import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTS_DIR, exportNames, MISSING_EXPORTS } from '../../../tests/support/exports';
import { parseListFile, parseListText } from '$lib/import/parse-list';
import { mergeImport, type ImportRecord, type LibraryEntry } from './library';
import { addEntry, catalogueEntry, editEntry, removeEntry } from './edit';
import { malExport } from './mal-export';
import { strictElements } from './strict-xml';

const record = (at: string): ImportRecord => ({
  at,
  fileName: 'x.xml',
  format: 'mal',
  user: null,
  mode: 'merge',
  entries: 0,
  invalid: [],
});
/** The elements of an <anime> in a MyAnimeList export today, in its order. */
const MAL_ELEMENTS = [
  'series_animedb_id',
  'series_title',
  'series_type',
  'series_episodes',
  'my_id',
  'my_watched_episodes',
  'my_start_date',
  'my_finish_date',
  'my_rated',
  'my_score',
  'my_storage',
  'my_storage_value',
  'my_status',
  'my_comments',
  'my_times_watched',
  'my_rewatch_value',
  'my_priority',
  'my_tags',
  'my_rewatching',
  'my_rewatching_ep',
  'my_discuss',
  'my_sns',
  'update_on_import',
];

/**
 * An entry's values and those of its fields that MAL knows and `source` has (a 2008-format entry
 * comes back as MAL writes it today: without my_dvd, with my_priority and the like).
 */
const comparable = (e: Omit<LibraryEntry, 'importedAt'>, source = e.fields) => {
  const known = MAL_ELEMENTS.filter((name) => name !== 'update_on_import' && name in source);
  const fields = Object.fromEntries(known.map((name) => [name, e.fields[name]]));
  return [
    e.malId,
    e.title,
    e.status,
    e.score,
    e.watchedEpisodes,
    e.startDate,
    e.finishDate,
    fields,
  ];
};

const hostile = (fields: Record<string, unknown>, title = 'T'): LibraryEntry => ({
  ...catalogueEntry(7, title, { status: 'watching', score: 6, watchedEpisodes: 2 }),
  fields: fields as Record<string, string>,
  importedAt: 'a',
});

describe('malExport', () => {
  it('writes MAL spellings, totals, update_on_import and escapes text', () => {
    const library = addEntry(
      addEntry(null, catalogueEntry(1, 'Tom & Jerry ]]> <3', { status: 'on_hold', score: 7 }), 'a'),
      catalogueEntry(2, 'Two', { status: 'plan_to_watch' }),
      'b',
    );
    const { xml, exported, skipped } = malExport(library.entries, { id: '5', name: 'me & you' });
    expect([exported, skipped]).toEqual([2, 0]);
    expect(xml).toContain('<my_status>On-Hold</my_status>');
    expect(xml).toContain('<my_status>Plan to Watch</my_status>');
    expect(xml).toContain('<user_name>me &amp; you</user_name>');
    expect(xml).toContain('<user_total_onhold>1</user_total_onhold>');
    expect(xml).toContain('<update_on_import>1</update_on_import>');
    const again = parseListText(xml);
    expect(again.entries.map((e) => [e.malId, e.title, e.status, e.score])).toEqual([
      [1, 'Tom & Jerry ]]> <3', 'on_hold', 7],
      [2, 'Two', 'plan_to_watch', 0],
    ]);
  });

  it('leaves out entries without a MAL id and says how many', () => {
    const library = addEntry(null, { ...catalogueEntry(1, 'x', {}), malId: null }, 'a');
    expect(malExport(library.entries, null).skipped).toBe(1);
  });

  it('carries edits, additions and removals', () => {
    const first = mergeImport(
      null,
      parseListText(readFileSync(exportPath('Yobokata'), 'utf8')).entries,
      record('a'),
    ).library;
    const [one, two] = first.entries;
    let library = editEntry(first, `id:${one!.malId}`, { score: 10, status: 'completed' }, 'b');
    library = removeEntry(library, `id:${two!.malId}`, 'c');
    library = addEntry(
      library,
      catalogueEntry(5114, 'Fullmetal Alchemist: Brotherhood', { score: 9 }),
      'd',
    );
    const again = parseListText(malExport(library.entries, null).xml).entries;
    expect(again).toHaveLength(first.entries.length);
    expect(again.find((e) => e.malId === one!.malId)).toMatchObject({
      score: 10,
      status: 'completed',
    });
    expect(again.some((e) => e.malId === two!.malId)).toBe(false);
    expect(again.find((e) => e.malId === 5114)).toMatchObject({ score: 9, status: 'completed' });
  });
});

const names = exportNames();
const exportPath = (prefix: string) =>
  join(EXPORTS_DIR, names.find((n) => n.startsWith(prefix)) ?? 'missing');

describe('malExport with hostile raw data', () => {
  it('exports an entry stored with an array among its fields (older CSV imports kept one)', () => {
    const entry = hostile({ series_animedb_id: '7', my_score: '6', __parsed_extra: ['x', 'y'] });
    const { xml, exported } = malExport([entry], null);
    expect(exported).toBe(1);
    expect(strictElements(xml)).toEqual([MAL_ELEMENTS]);
    expect(parseListText(xml).entries[0]).toMatchObject({ malId: 7, score: 6, status: 'watching' });
  });

  it('never writes raw keys as element names', () => {
    const csv = parseListText('series_animedb_id,my<tag>,my score,status\n7,x,9,completed\n');
    const aniList = parseListText(
      JSON.stringify({
        lists: [{ series_id: 1, series_type: 0, status: 2, series_animedb_id: 8, 'a b': 1 }],
      }),
      new Map([[1, 8]]),
    );
    const incoming = [...csv.entries, ...aniList.entries];
    const { xml } = malExport(mergeImport(null, incoming, record('a')).library.entries, null);
    expect(strictElements(xml)).toEqual([MAL_ELEMENTS, MAL_ELEMENTS]);
  });

  it('takes a raw value only when it is a string or number of the right kind', () => {
    const entry = hostile({
      series_animedb_id: '7',
      my_tags: ['a', 'b'],
      my_comments: { text: 'no' },
      my_times_watched: 'twice',
      series_episodes: 24,
      my_storage_value: 1.5,
      my_priority: 'HIGH</my_priority><evil/>',
      my_sns: null,
    });
    const { xml } = malExport([entry], null);
    expect(strictElements(xml)).toEqual([MAL_ELEMENTS]);
    expect(xml).not.toContain('evil');
    expect(parseListText(xml).entries[0]!.fields).toMatchObject({
      my_tags: '',
      my_comments: '',
      my_times_watched: '0',
      series_episodes: '24',
      my_storage_value: '1.5',
      my_priority: 'LOW',
      my_sns: 'default',
    });
  });

  it('writes only XML-legal characters and survives "]]>" in text', () => {
    const title = 'A\u0000B\u0007C\uD800 ]]> & <x> \uFFFE\u0085\r\n\tD';
    const entry = hostile({ my_comments: 'c\u001B]]>\u0001', my_tags: 't\uDC00,]]]>' }, title);
    const { xml } = malExport([entry], { id: '1', name: 'n\u0002' });
    expect(strictElements(xml)).toEqual([MAL_ELEMENTS]);
    const again = parseListText(xml);
    expect(again.user).toEqual({ id: '1', name: 'n' });
    expect(again.entries[0]!.title).toBe('ABC ]]> & <x> \u0085\r\n\tD');
    expect(again.entries[0]!.fields).toMatchObject({ my_comments: 'c]]>', my_tags: 't,]]]>' });
  });

  it('skips entries it cannot export instead of throwing', () => {
    const bad = [
      { ...hostile({}), malId: 1.5 },
      { ...hostile({}), status: 'nope' as '' },
      { ...hostile({}), fields: null as unknown as Record<string, string> },
    ];
    const { xml, exported, skipped } = malExport(bad, null);
    expect([exported, skipped]).toEqual([1, 2]);
    expect(strictElements(xml)).toEqual([MAL_ELEMENTS]);
  });
});

describe('round trip of the real exports', () => {
  it('has the real exports to read', () => {
    expect(names, MISSING_EXPORTS).not.toEqual([]);
  });
  it.each(names)(
    '%s: import, export, import again: the same entries, as MAL writes them today',
    async (name) => {
      const imported = await parseListFile(new Uint8Array(readFileSync(join(EXPORTS_DIR, name))));
      const library = mergeImport(null, imported.entries, record('a')).library;
      const { xml, skipped } = malExport(library.entries, imported.user);
      expect(skipped).toBe(0);
      expect(new Set(strictElements(xml).map((names) => names.join()))).toEqual(
        new Set([MAL_ELEMENTS.join()]),
      );
      const again = parseListText(xml);
      expect(again.user).toEqual(imported.user);
      const sources = imported.entries.map((e) => e.fields);
      expect(again.entries.map((e, k) => comparable(e, sources[k]))).toEqual(
        imported.entries.map((e) => comparable(e)),
      );
    },
  );
});
