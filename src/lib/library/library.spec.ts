import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { Status } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';
import { mergeImport, type ImportRecord, type Library } from './library';
import type { ListEntry } from './list-entry';
import { buildLookup, findEntry } from './match';
import { userItems } from './user-items';

const entry = (
  malId: number | null,
  title: string,
  score: number,
  status: ListEntry['status'],
): ListEntry => ({
  malId,
  title,
  status,
  score,
  watchedEpisodes: 0,
  startDate: '',
  finishDate: '',
  fields: { note: title },
});
const record = (at: string, mode: ImportRecord['mode'] = 'merge'): ImportRecord => ({
  at,
  fileName: 'list.xml',
  format: 'mal',
  user: null,
  mode,
  entries: 0,
  invalid: [],
});

describe('mergeImport', () => {
  const first = mergeImport(
    null,
    [
      entry(1, 'Cowboy Bebop', 8, 'completed'),
      entry(5114, 'FMA:B', 0, 'watching'),
      entry(null, 'Unknown Show', 7, 'completed'),
    ],
    record('2026-01-01'),
  ).library;

  it('stores every entry of a first import, matched or not', () => {
    expect(first.entries.map((e) => e.title)).toEqual(['Cowboy Bebop', 'FMA:B', 'Unknown Show']);
    expect(first.entries[2]!.fields).toEqual({ note: 'Unknown Show' });
    expect(first.imports).toHaveLength(1);
  });

  it('merges a newer export: newer wins, local edits kept, the rest kept', () => {
    const edited: Library = {
      ...first,
      entries: first.entries.map((e) =>
        e.malId === 1 ? { ...e, score: 10, editedAt: '2026-01-02' } : e,
      ),
    };
    const { library, counts } = mergeImport(
      edited,
      [
        entry(1, 'Cowboy Bebop', 6, 'completed'),
        entry(5114, 'FMA:B', 10, 'completed'),
        entry(20, 'Naruto', 7, 'completed'),
      ],
      record('2026-02-01'),
    );
    expect(counts).toEqual({ added: 1, updated: 1, unchanged: 0, keptEdits: 1, keptOnlyStored: 1 });
    const byId = new Map(library.entries.map((e) => [e.malId, e]));
    expect(byId.get(1)!.score).toBe(10);
    expect(byId.get(5114)!.score).toBe(10);
    expect(byId.get(20)!.importedAt).toBe('2026-02-01');
    expect(library.entries).toHaveLength(4);
    expect(library.imports).toHaveLength(2);
  });

  it('replaces the list when asked, edits included', () => {
    const { library } = mergeImport(
      first,
      [entry(20, 'Naruto', 7, 'completed')],
      record('2026-03-01', 'replace'),
    );
    expect(library.entries.map((e) => e.malId)).toEqual([20]);
    expect(library.imports).toHaveLength(1);
  });
});

describe('matching and user items', () => {
  const { catalogue } = makeTestShard();
  const lookup = buildLookup(catalogue);

  it('finds entries by MAL id, or by any title when there is no id', () => {
    expect(findEntry(lookup, entry(16498, '', 0, ''))).toBe(2);
    expect(findEntry(lookup, entry(null, 'attack on titan', 0, ''))).toBe(2);
    expect(findEntry(lookup, entry(null, 'FMAB', 0, ''))).toBe(0);
    expect(findEntry(lookup, entry(999999, 'Cowboy Bebop', 0, ''))).toBe(-1);
  });

  it('turns the list into catalogue items with feedback, once per anime', () => {
    const items = userItems(
      [
        entry(1, '', 9, 'completed'),
        entry(null, 'Cowboy Bebop', 2, 'dropped'),
        entry(16498, '', 0, 'plan_to_watch'),
        entry(5114, '', 3, 'completed'),
        entry(424242, 'Not in catalogue', 9, 'completed'),
      ],
      lookup,
      catalogue.size,
    );
    expect([...items.items]).toEqual([1, 2, 0]);
    expect([...items.feedback]).toEqual([Feedback.positive, Feedback.neutral, Feedback.negative]);
    expect(items.positives).toBe(1);
    expect([...items.statusByAnime]).toEqual([
      Status.completed,
      Status.completed,
      Status.planToWatch,
      0,
    ]);
    expect([...items.seenByAnime]).toEqual([1, 1, 0, 0]);
  });
});
