import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything } from '$lib/storage/db';
import { loadLibrary } from '$lib/storage/library-store';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from '$fixtures/engine-setup';

async function store() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  let changes = 0;
  return { list: new ListStore(indices, () => changes++), changes: () => changes };
}

const MERGE = { mode: 'merge' } as const;

beforeEach(() => deleteEverything());

describe('the stored list', () => {
  it('imports a MAL export, reports it and says the list changed', async () => {
    const { list, changes } = await store();
    const stages: string[] = [];
    const report = await list.importFile(fanExport(), 'fan.xml', MERGE, (s) => stages.push(s));
    expect(stages).toEqual(['Storing 4 entries from fan.xml…']);
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
    await list.importFile(fanExport(), 'fan.xml', MERGE);
    const before = await loadLibrary();
    const stranger = new TextEncoder().encode(
      new TextDecoder()
        .decode(fanExport())
        .replaceAll(/<series_animedb_id>\d+/g, '<series_animedb_id>9'),
    );
    await expect(
      list.importFile(stranger, 'other.xml', { mode: 'replace', replacing: 4 }),
    ).rejects.toThrow(/None of the 4 entries is in Tsugi's catalogue/);
    expect(await loadLibrary()).toEqual(before);
  });

  it('applies edits one after another, so two at once both land', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', MERGE);
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
    await list.importFile(fanExport(), 'fan.xml', MERGE);
    const { xml } = await list.exportMal();
    for (const id of [0, 1, 2].map((f) => malIdOf(animeIndex(0, f, 0))))
      expect(xml).toContain(`<series_animedb_id>${id}</series_animedb_id>`);
    expect(xml).toContain('<user_name>tester</user_name>');
  });

  it('merges when the page did not know a list was stored, and keeps every edit', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', MERGE);
    const [first] = await list.entries();
    await list.edit({ kind: 'edit', key: `id:${first!.malId}`, change: { score: 3 } });
    const small = fanExport().slice(); // The same list again: nothing may be lost.
    const report = await list.importFile(small, 'again.xml', MERGE);
    expect(report.libraryEntries).toBe(4);
    expect(report.counts.keptEdits).toBe(1);
    expect((await list.entries()).find((e) => e.malId === first!.malId)?.score).toBe(3);
  });

  it('replaces only the list the user confirmed replacing', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', MERGE);
    const before = await loadLibrary();
    await expect(
      list.importFile(fanExport(), 'fan.xml', { mode: 'replace', replacing: 0 }),
    ).rejects.toThrow(/has 4 entries, not the 0 you chose to replace/);
    expect(await loadLibrary()).toEqual(before);
    const report = await list.importFile(fanExport(), 'fan.xml', { mode: 'replace', replacing: 4 });
    expect(report.counts).toMatchObject({ added: 4, keptOnlyStored: 0 });
    expect(await list.storedEntries()).toBe(4);
  });

  it('lands two edits and an import fired in the same tick', async () => {
    const { list } = await store();
    await list.importFile(fanExport(), 'fan.xml', MERGE);
    const [a, b] = await list.entries();
    const extra = { id: malIdOf(animeIndex(0, 5, 0)), score: 7 };
    await Promise.all([
      list.edit({ kind: 'edit', key: `id:${a!.malId}`, change: { score: 1 } }),
      list.importFile(fanExport([extra]), 'newer.xml', MERGE),
      list.edit({ kind: 'edit', key: `id:${b!.malId}`, change: { score: 2 } }),
    ]);
    const after = await list.entries();
    expect(after.map((e) => e.malId)).toContain(extra.id);
    expect(after.find((e) => e.malId === a!.malId)?.score).toBe(1);
    expect(after.find((e) => e.malId === b!.malId)?.score).toBe(2);
  });

  it('lands changes from two workers (two tabs) at once: each reads what the other stored', async () => {
    const [tab1, tab2] = [await store(), await store()];
    await tab1.list.importFile(fanExport(), 'fan.xml', MERGE);
    const ids = [animeIndex(0, 3, 0), animeIndex(0, 4, 0), animeIndex(1, 1, 0)].map(malIdOf);
    await Promise.all(
      ids.map((malId, k) =>
        (k % 2 ? tab2 : tab1).list.edit({ kind: 'add', malId, change: { status: 'completed' } }),
      ),
    );
    expect((await tab1.list.entries()).map((e) => e.malId)).toEqual(expect.arrayContaining(ids));
    expect(await tab2.list.storedEntries()).toBe(7);
  });

  it('keeps a bounded number of invalid rows in the history, with their count', async () => {
    const { list } = await store();
    const rows = Array.from({ length: 250 }, (_, k) => `oops ${k},not a status`).join('\n');
    const csv = `anime_id,status\n${malIdOf(animeIndex(0, 0, 0))},completed\n${rows}\n`;
    const report = await list.importFile(new TextEncoder().encode(csv), 'list.csv', MERGE);
    expect(report.invalidTotal).toBe(250);
    const stored = await loadLibrary();
    expect(stored?.imports[0]?.invalid).toHaveLength(100);
    expect(stored?.imports[0]?.invalidTotal).toBe(250);
  });
});
