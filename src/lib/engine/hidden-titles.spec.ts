import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything } from '$lib/storage/db';
import { malXml } from '$fixtures/test-lists';
import { groupRecommend, readGroupMember } from './group-picks';
import { ListSignals } from './list-signals';
import { Personal } from './personal';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from '$fixtures/engine-setup';

async function setUp() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  const signals = new ListSignals(indices, () => false);
  const list = new ListStore(indices, () => signals.listChanged());
  return { indices, signals, list };
}

const fileOf = (indices: number[]) =>
  new TextEncoder().encode(
    malXml(indices.map((i) => ({ id: malIdOf(i), title: `Anime ${i}`, score: 9 }))),
  );

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

  it('leave More like this and the picks of a group of two files', async () => {
    const personal = new Personal(await testShard(), 'sha-test');
    const { indices, signals } = await setUp();
    const { group } = indices.franchises();
    const item = animeIndex(0, 0, 0);
    const listed = async () => {
      const lists = await personal.similar(item);
      return [...(lists.byEmbedding ?? []), ...lists.byContent, ...lists.fansAlsoLiked].map(
        (s) => s.index,
      );
    };
    const members = [
      await readGroupMember(indices, fileOf([animeIndex(0, 1, 0)]), 'a.xml'),
      await readGroupMember(indices, fileOf([animeIndex(1, 1, 0)]), 'b.xml'),
    ];
    const picked = async () =>
      (await groupRecommend(indices, signals, members, 'average', 12)).picks.map((p) => p.index);
    const similarTarget = (await listed())[0]!;
    const groupTarget = (await picked()).find((i) => group[i] !== group[similarTarget])!;
    for (const target of [similarTarget, groupTarget])
      await personal.list.edit({ kind: 'hide', malId: malIdOf(target), franchise: true });
    const hiddenGroups = new Set([group[similarTarget], group[groupTarget]]);
    const [similarAfter, pickedAfter] = [await listed(), await picked()];
    expect(similarAfter.length).toBeGreaterThan(0);
    expect(pickedAfter.length).toBeGreaterThan(0);
    expect([...similarAfter, ...pickedAfter].filter((i) => hiddenGroups.has(group[i]))).toEqual([]);
  });
});
