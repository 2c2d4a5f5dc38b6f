import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything } from '$lib/storage/db';
import type { GroupMember } from './api';
import { groupRecommend, readGroupMember } from './group-picks';
import { ListSignals } from './list-signals';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from '$fixtures/engine-setup';
import { malXml } from '$fixtures/test-lists';

async function setUp() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  const signals = new ListSignals(indices, () => false);
  const list = new ListStore(indices, () => signals.listChanged());
  return { indices, signals, list };
}

/** A friend who loves taste 1's first two franchises. */
const friendFile = () =>
  new TextEncoder().encode(
    malXml(
      [animeIndex(1, 1, 0), animeIndex(1, 2, 0)].map((i) => ({
        id: malIdOf(i),
        title: `Anime ${i}`,
        score: 9,
      })),
    ),
  );

beforeEach(() => deleteEverything());

describe('Together', () => {
  it('reads a friend from a file without storing it', async () => {
    const { indices, list } = await setUp();
    const friend = await readGroupMember(indices, friendFile(), 'friend.xml');
    expect(friend).toMatchObject({ name: 'tester', source: 'file' });
    expect(friend.entries).toHaveLength(2);
    expect(await list.summary()).toBeNull();
  });

  it('picks what no member has seen, one per franchise, each with reasons and spread fits', async () => {
    const { indices, signals, list } = await setUp();
    await list.importFile(fanExport(), 'me.xml', { mode: 'merge' });
    const friend = await readGroupMember(indices, friendFile(), 'friend.xml');
    const members: GroupMember[] = [{ name: 'Me', source: 'library', entries: [] }, friend];
    const result = await groupRecommend(indices, signals, members, 'average', 8);
    const seen = new Set([0, 1, 2].map((f) => animeIndex(0, f, 0)));
    for (const f of [1, 2]) seen.add(animeIndex(1, f, 0));
    seen.add(animeIndex(1, 0, 0));
    const { group } = indices.franchises();
    // Twelve franchises: three seen by "Me", two by the friend, one dropped by "Me"; the
    // sequels of "Me"'s shows wait for the friend to start them.
    expect(result.picks).toHaveLength(6);
    expect(result.picks.filter((p) => seen.has(p.index))).toEqual([]);
    expect(new Set(result.picks.map((p) => group[p.index])).size).toBe(6);
    // Nothing of the franchise "Me" dropped.
    expect(result.picks.filter((p) => group[p.index] === group[animeIndex(1, 0, 0)])).toEqual([]);
    for (const pick of result.picks) expect(pick.reasons.length).toBeGreaterThan(0);
    const fits = result.picks.flatMap((p) => p.fits);
    expect(Math.min(...fits)).toBeLessThan(0.5);
    expect(result.model.kind).toBe('shipped');
  });

  it('needs a stored list for the member who is "Me"', async () => {
    const { indices, signals } = await setUp();
    const friend = await readGroupMember(indices, friendFile(), 'friend.xml');
    const members: GroupMember[] = [{ name: 'Me', source: 'library', entries: [] }, friend];
    await expect(groupRecommend(indices, signals, members, 'average', 8)).rejects.toThrow(
      /Me: there is no stored list yet/,
    );
  });
});
