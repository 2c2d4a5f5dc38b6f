import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything, loadLibrary } from '../src/lib/storage/db';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from './test-setup';

async function store() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  let changes = 0;
  return { list: new ListStore(indices, () => changes++), changes: () => changes };
}

beforeEach(() => deleteEverything());

describe('the stored list', () => {
  it('imports a MAL export, reports it and says the list changed', async () => {
    const { list, changes } = await store();
    const report = await list.importFile(fanExport(), 'fan.xml', 'merge');
    expect(report).toMatchObject({
      entries: 4,
      matched: 4,
      libraryEntries: 4,
      format: 'MyAnimeList export',
    });
    expect(report.user?.name).toBe('tester');
    expect(changes()).toBe(1);
    expect(await list.summary()).toMatchObject({ entries: 4, matched: 4 });
  });

  it('refuses a file with nothing from the catalogue and keeps the stored list', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', 'merge');
    const before = await loadLibrary();
    const stranger = new TextEncoder().encode(
      new TextDecoder()
        .decode(fanExport())
        .replaceAll(/<series_animedb_id>\d+/g, '<series_animedb_id>9'),
    );
    await expect(list.importFile(stranger, 'other.xml', 'replace')).rejects.toThrow(
      /None of the 4 entries is in Tsugi's catalogue/,
    );
    expect(await loadLibrary()).toEqual(before);
  });

  it('applies edits one after another, so two at once both land', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', 'merge');
    const added = [animeIndex(0, 3, 0), animeIndex(0, 4, 0)].map((i) =>
      list.edit({ kind: 'add', malId: malIdOf(i), change: { status: 'completed', score: 8 } }),
    );
    await Promise.all(added);
    const ids = (await list.entries()).map((e) => e.malId);
    expect(ids).toEqual(
      expect.arrayContaining([malIdOf(animeIndex(0, 3, 0)), malIdOf(animeIndex(0, 4, 0))]),
    );
    expect(ids).toHaveLength(6);
  });

  it('exports the list back as MAL XML with every entry', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', 'merge');
    const { xml } = await list.exportMal();
    for (const id of [0, 1, 2].map((f) => malIdOf(animeIndex(0, f, 0))))
      expect(xml).toContain(`<series_animedb_id>${id}</series_animedb_id>`);
    expect(xml).toContain('<user_name>tester</user_name>');
  });
});
