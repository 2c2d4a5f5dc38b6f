import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trainingSet } from '$lib/model/training-set';
import { buildEase, likesOf } from '$lib/recommend/ease';
import { sparseEaseScores, sparsifyEase } from '$lib/recommend/ease-sparse';
import { Feedback } from '$lib/model/interactions';
import type { ShippedEase } from './ease-codec';
import { decodeShard, encodeShard } from './shard-codec';
import type { Shard } from './shard-types';
import { generatedShard, withShippedModel } from '$fixtures/generated-shard';

/** A generated shard with a model and EASE over its users' likes. */
async function withEase(): Promise<{ shard: Shard; shipped: ShippedEase }> {
  const shard = await withShippedModel(
    generatedShard({ franchisesPerTaste: 5, usersPerTaste: 20, seed: 4 }),
    4,
    1,
  );
  const { catalogue, ratings } = shard;
  const everyone = Array.from({ length: ratings.userCount }, (_, u) => u);
  const likes = likesOf(trainingSet(ratings, catalogue.size, everyone));
  const config = { lambda: 5, minLikes: 2, maxItems: 100 };
  const ease = sparsifyEase(buildEase(likes, catalogue.size, config), 6);
  const shipped = { info: { ...config, k: 6, users: ratings.userCount, buildMs: 1 }, ease };
  return { shard: { ...shard, model: { ...shard.model!, ease: shipped } }, shipped };
}

const encode = (shard: Shard) => encodeShard(shard, (raw) => deflateRawSync(raw)).bytes;

describe('EASE sections', () => {
  it('round-trip: the same neighbours, int8 weights within half a step, the same top picks', async () => {
    const { shard, shipped } = await withEase();
    const read = await decodeShard(encode(shard));
    expect(read.modelProblem).toBeUndefined();
    const decoded = read.model!.ease!;
    expect(decoded.info).toEqual(shipped.info);
    expect(decoded.ease.neighbours).toEqual(shipped.ease.neighbours);
    expect(decoded.ease.items).toEqual(shipped.ease.items);
    const { k, weights } = shipped.ease;
    for (let r = 0; r < shipped.ease.items.length; r++) {
      const row = weights.subarray(r * k, (r + 1) * k);
      const step = Math.max(...row.map(Math.abs)) / 127;
      for (let p = 0; p < k; p++)
        expect(Math.abs(decoded.ease.weights[r * k + p]! - row[p]!)).toBeLessThanOrEqual(
          step / 2 + 1e-7,
        );
    }
    const list = { items: [0, 3], feedback: [Feedback.positive, Feedback.positive] };
    const top = (scores: Float32Array) =>
      Array.from(scores.keys())
        .sort((a, b) => scores[b]! - scores[a]!)
        .slice(0, 3);
    expect(top(sparseEaseScores(decoded.ease, list))).toEqual(
      top(sparseEaseScores(shipped.ease, list)),
    );
  });

  it('a damaged EASE section sets the model aside and keeps the rest of the shard', async () => {
    const { shard } = await withEase();
    const bytes = encode(shard);
    // The EASE sections are the model's last ones, at the end of the file.
    bytes[bytes.length - 10]! ^= 0xff;
    const decoded = await decodeShard(bytes);
    expect(decoded.model).toBeNull();
    expect(decoded.modelProblem).toMatch(/model\.ease\./);
    expect(decoded.catalogue.size).toBe(shard.catalogue.size);
  });

  it('a shard without EASE decodes with a model and no EASE', async () => {
    const { shard } = await withEase();
    const { ease: _ease, ...model } = shard.model!;
    const decoded = await decodeShard(encode({ ...shard, model }));
    expect(decoded.model?.ease).toBeUndefined();
  });
});
