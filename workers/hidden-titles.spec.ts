import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything } from '../src/lib/storage/db';
import { ListSignals } from './list-signals';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from './test-setup';

async function setUp() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  const signals = new ListSignals(indices, () => false);
  const list = new ListStore(indices, () => signals.listChanged());
  return { signals, list };
}

beforeEach(() => deleteEverything());

describe('titles the user is not interested in', () => {
  it('leave every list, count as dislikes, and come back when shown again', async () => {
    const { signals, list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    const before = (await signals.signals())!;
    const title = animeIndex(0, 4, 0);
    // A continuation of a franchise the fan liked: recommended until its franchise is hidden.
    const franchise = [animeIndex(0, 1, 1)];
    expect([title, ...franchise].map((i) => before.blocked[i])).toEqual([0, 0]);
    await list.edit({ kind: 'hide', malId: malIdOf(title), franchise: false });
    await list.edit({ kind: 'hide', malId: malIdOf(franchise[0]!), franchise: true });
    const after = (await signals.signals())!;
    expect([title, ...franchise].map((i) => after.blocked[i])).toEqual([1, 1]);
    // Two dislikes more for the fold-in and the fine-tune; the list itself is unchanged.
    expect(after.usedEntries).toBe(before.usedEntries + 2);
    expect(after.listEntries).toBe(before.listEntries);
    expect((await list.summary())!.hidden.map((h) => h.malId)).toEqual(
      expect.arrayContaining([malIdOf(title), malIdOf(franchise[0]!)]),
    );

    await list.edit({ kind: 'unhide', malId: malIdOf(franchise[0]!) });
    const shown = (await signals.signals())!;
    expect(franchise.map((i) => shown.blocked[i])).toEqual([0]);
    expect(shown.blocked[title]).toBe(1);
  });

  it('stay hidden through a merged or replacing import and out of the export', async () => {
    const { list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    const hidden = malIdOf(animeIndex(0, 4, 0));
    await list.edit({ kind: 'hide', malId: hidden, franchise: false });
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    await list.importFile(fanExport(), 'fan.xml', { mode: 'replace', replacing: 4 });
    expect((await list.summary())!.hidden.map((h) => h.malId)).toEqual([hidden]);
    expect((await list.exportMal()).xml).not.toContain(`<series_animedb_id>${hidden}<`);
  });
});
