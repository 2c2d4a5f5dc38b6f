import { describe, expect, it } from 'vitest';
import { displayTitle } from '$lib/catalogue/labels';
import { generatedShard } from '$fixtures/generated-shard';
import type { ShownEntry } from './library';
import { libraryRows, shownRows, statusCounts } from './library-rows';

const { catalogue } = generatedShard({ franchisesPerTaste: 3, usersPerTaste: 4, seed: 3 });

const entry = (malId: number | null, over: Partial<ShownEntry> = {}): ShownEntry => ({
  malId,
  title: malId === null ? 'Only A Title' : `File title ${malId}`,
  status: 'completed',
  score: 0,
  watchedEpisodes: 0,
  startDate: '',
  finishDate: '',
  importedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('the rows of Your list', () => {
  const known = catalogue.malId[2]!;
  const entries = [
    entry(known, { score: 7, status: 'dropped' }),
    entry(999_999, { score: 9, editedAt: '2026-03-01T00:00:00.000Z' }),
    entry(null, { status: 'plan_to_watch' }),
  ];
  const rows = libraryRows(entries, catalogue);

  it('shows catalogue titles for known anime and the file title (or id) otherwise', () => {
    expect(rows.map((r) => r.title)).toEqual([
      displayTitle(catalogue, 2),
      'File title 999999',
      'Only A Title',
    ]);
    expect(rows[0]!.episodes).toBe(catalogue.episodes[2]);
    expect(rows[1]!.episodes).toBe(0);
    expect(rows.map((r) => r.key)).toEqual([`id:${known}`, 'id:999999', 'title:only a title']);
  });

  it('counts entries per status', () => {
    expect(statusCounts(rows)).toMatchObject({
      all: 3,
      dropped: 1,
      completed: 1,
      plan_to_watch: 1,
      watching: 0,
    });
  });

  it('filters by status and text, and sorts as asked', () => {
    expect(shownRows(rows, 'dropped', '', 'title').map((r) => r.entry.malId)).toEqual([known]);
    expect(shownRows(rows, '', 'ONLY a', 'title').map((r) => r.entry.malId)).toEqual([null]);
    expect(shownRows(rows, '', '', 'score').map((r) => r.entry.score)).toEqual([9, 7, 0]);
    expect(shownRows(rows, '', '', 'updated')[0]!.entry.malId).toBe(999_999);
    expect(shownRows(rows, '', '', 'status').map((r) => r.entry.status)).toEqual([
      'completed',
      'dropped',
      'plan_to_watch',
    ]);
  });

  it('sorts titles with numbers in natural order, ignoring case', () => {
    const named = libraryRows(
      ['b 10', 'B 9', 'a'].map((title) => entry(null, { title })),
      catalogue,
    );
    expect(shownRows(named, '', '', 'title').map((r) => r.title)).toEqual(['a', 'B 9', 'b 10']);
  });
});
