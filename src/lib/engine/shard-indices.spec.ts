import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything, loadItemKnn, saveItemKnn } from '$lib/storage/db';
import { ShardIndices } from './shard-indices';
import { animeIndex, malIdOf, testShard } from '$fixtures/engine-setup';

beforeEach(() => deleteEverything());

describe("the shard's indices", () => {
  it('build item-kNN once, store it for this shard, and read it back', async () => {
    const shard = await testShard();
    const built = await new ShardIndices(shard, 'sha-a').itemKnn();
    expect((await loadItemKnn())?.shardSha256).toBe('sha-a');
    // A stored index for this shard is used as it is (here: a marked copy).
    await saveItemKnn({ ...(await loadItemKnn())!, buildMs: -1 });
    const again = new ShardIndices(shard, 'sha-a');
    expect(await again.itemKnn()).toEqual(built);
    expect((await loadItemKnn())?.buildMs).toBe(-1);
    // Another shard builds its own.
    await new ShardIndices(shard, 'sha-b').itemKnn();
    expect((await loadItemKnn())?.shardSha256).toBe('sha-b');
    expect((await loadItemKnn())?.buildMs).toBeGreaterThanOrEqual(0);
  });

  it('find anime by MAL id and group franchises', async () => {
    const indices = new ShardIndices(await testShard(), 'sha-a');
    const first = animeIndex(0, 2, 0);
    expect(indices.lookup().byMalId.get(malIdOf(first))).toBe(first);
    const { group } = indices.franchises();
    expect(group[animeIndex(0, 2, 1)]).toBe(group[first]);
    expect(group[animeIndex(0, 3, 0)]).not.toBe(group[first]);
  });
});
