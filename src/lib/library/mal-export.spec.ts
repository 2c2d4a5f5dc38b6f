import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORTS_DIR, exportNames } from '../../../tests/support/exports';
import { parseListFile, parseListText } from '$lib/import/parse-list';
import { mergeImport, type ImportRecord, type LibraryEntry } from './library';
import { addEntry, catalogueEntry, editEntry, removeEntry } from './edit';
import { malExport } from './mal-export';

const record = (at: string): ImportRecord => ({
  at,
  fileName: 'x.xml',
  format: 'mal',
  user: null,
  mode: 'merge',
  entries: 0,
  invalid: [],
});
const comparable = (e: LibraryEntry | Omit<LibraryEntry, 'importedAt'>) => {
  const { update_on_import: _ignored, ...fields } = e.fields;
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

describe('round trip of the real exports', () => {
  it.runIf(names.length > 0).each(names)(
    '%s: import, export, import again: identical entries',
    async (name) => {
      const imported = await parseListFile(new Uint8Array(readFileSync(join(EXPORTS_DIR, name))));
      const library = mergeImport(null, imported.entries, record('a')).library;
      const { xml, skipped } = malExport(library.entries, imported.user);
      expect(skipped).toBe(0);
      const again = parseListText(xml);
      expect(again.user).toEqual(imported.user);
      expect(again.entries.map(comparable)).toEqual(imported.entries.map(comparable));
    },
  );
});
