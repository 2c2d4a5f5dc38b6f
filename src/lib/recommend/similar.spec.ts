import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import type { NcfModel } from '$lib/model/ncf-model';
import { buildContentIndex } from './content';
import { itemNorms } from './explain';
import { contentSimilarity, embeddingSimilarity, fansAlsoLiked } from './similar';

describe('similar anime', () => {
  const shard = makeTestShard();

  it('ranks by embedding cosine', () => {
    const model = {
      dim: 2,
      itemCount: 3,
      items: Float32Array.from([1, 0, 2, 0.1, 0, 1]),
    } as NcfModel;
    const similarity = embeddingSimilarity(model, itemNorms(model), 0);
    expect(similarity[0]).toBeCloseTo(1);
    expect(similarity[1]).toBeGreaterThan(0.99);
    expect(similarity[2]).toBeCloseTo(0);
  });

  it('ranks by shared content: FMA:B and Attack on Titan share Action, Drama and the source', () => {
    const index = buildContentIndex(shard.catalogue);
    const similarity = contentSimilarity(index, 0);
    expect(similarity[0]).toBeCloseTo(1);
    expect(similarity[2]).toBeGreaterThan(similarity[1]!);
    expect(similarity[3]).toBe(0);
  });

  it('counts what the fans loved, from two fans up', () => {
    // Make users 0 and 2 both love anime 0 and anime 3.
    const ratings = {
      ...shard.ratings,
      rowPtr: Uint32Array.from([0, 2, 2, 4]),
      anime: Uint32Array.from([0, 3, 0, 3]),
      score: Uint8Array.from([9, 8, 10, 7]),
      status: new Uint8Array(4),
      entryCount: 4,
    };
    const result = fansAlsoLiked(ratings, Float32Array.from([2, 0, 0, 2]), 0);
    expect(result.fans).toBe(2);
    expect([...result.counts]).toEqual([0, 0, 0, 2]);
    expect(result.scores[3]).toBeCloseTo(2 / Math.sqrt(22));
    expect(result.scores[1]).toBe(-Infinity);
  });
});
