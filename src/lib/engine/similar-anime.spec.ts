import { describe, expect, it } from 'vitest';
import { ShardIndices } from './shard-indices';
import { similarLists } from './similar-anime';
import { animeIndex, testShard } from '$fixtures/engine-setup';
import type { UsableModel } from './model-source';
import { itemNorms } from '$lib/recommend/explain';

const tag = { kind: 'shipped' as const, version: 'shipped:test' };

async function setUp() {
  const shard = await testShard();
  const indices = new ShardIndices(shard, 'sha-test');
  const { model } = shard.model!;
  const usable = { model, norms: itemNorms(model) } as UsableModel;
  return { shard, indices, usable };
}

describe('more like this', () => {
  it('lists other franchises only, one entry each, and names its own franchise apart', async () => {
    const { indices, usable } = await setUp();
    const item = animeIndex(0, 0, 0);
    const lists = similarLists(indices, usable, tag, item);
    const { group } = indices.franchises();
    for (const list of [lists.byEmbedding!, lists.byContent, lists.fansAlsoLiked]) {
      expect(list.length).toBeGreaterThan(0);
      const groups = list.map(({ index }) => group[index]);
      expect(groups).not.toContain(group[item]);
      expect(new Set(groups).size).toBe(groups.length);
    }
    expect(lists.franchise).toEqual([animeIndex(0, 0, 1), animeIndex(0, 0, 2)]);
    expect(lists.model).toEqual(tag);
  });

  it('puts the same taste first, and explains each pick', async () => {
    const { indices, usable } = await setUp();
    const lists = similarLists(indices, usable, tag, animeIndex(0, 0, 0));
    const taste = (i: number) => Math.floor(i / 18);
    expect(lists.byContent.slice(0, 3).map(({ index }) => taste(index))).toEqual([0, 0, 0]);
    expect(lists.byContent[0]!.reason).toBe('Shares Action, Manga source');
    expect(lists.fansAlsoLiked[0]!.reason).toMatch(
      /^Loved by \d+ of the \d+ users here who loved it$/,
    );
  });

  it('leans on popularity: with the prior, the content list favours titles more people list', async () => {
    const { indices, shard } = await setUp();
    const members = (list: { index: number }[]) =>
      list.slice(0, 3).reduce((sum, { index }) => sum + shard.catalogue.members[index]!, 0);
    const item = animeIndex(1, 5, 0);
    const alone = similarLists(indices, null, tag, item, { content: 0, fans: 0 });
    const leaning = similarLists(indices, null, tag, item);
    expect(members(leaning.byContent)).toBeGreaterThan(members(alone.byContent));
  });

  it('says why there is no embedding list without a model', async () => {
    const { indices } = await setUp();
    const lists = similarLists(indices, null, { kind: 'none', version: '' }, animeIndex(0, 0, 0));
    expect(lists.byEmbedding).toBeNull();
    expect(lists.embeddingNote).toMatch(/could not be loaded/);
  });
});
