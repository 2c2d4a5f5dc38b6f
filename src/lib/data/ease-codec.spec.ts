import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createModel } from '$lib/model/ncf-model';
import { DEFAULT_TRAIN } from '$lib/model/ncf-train';
import { buildEase } from '$lib/recommend/ease';
import { sparseEaseScores, sparsifyEase } from '$lib/recommend/ease-sparse';
import { Feedback } from '$lib/model/interactions';
import type { ShippedEase } from './ease-codec';
import { decodeShard, encodeShard } from './shard-codec';
import type { Shard } from './shard-types';
import { generatedShard } from './generated-shard';

/** A generated shard with a model and EASE over its users' likes. */
function withEase(): { shard: Shard; shipped: ShippedEase } {
  const shard = generatedShard({ franchisesPerTaste: 5, usersPerTaste: 20, seed: 4 });
  const { catalogue, ratings } = shard;
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < ratings.userCount; u++)
    for (let e = ratings.rowPtr[u]!; e < ratings.rowPtr[u + 1]!; e++)
      if (ratings.score[e]! >= 7) {
        users.push(u);
        items.push(ratings.anime[e]!);
      }
  const config = { lambda: 5, minLikes: 2, maxItems: 100 };
  const ease = sparsifyEase(buildEase({ users, items }, catalogue.size, config), 6);
  const shipped = { info: { ...config, k: 6, users: ratings.userCount, buildMs: 1 }, ease };
  const model = createModel(ratings.userCount, catalogue.size, 4, 3);
  const rows = Uint32Array.from({ length: catalogue.size }, (_, i) => i);
  const info = {
    config: DEFAULT_TRAIN,
    trainedAt: '2026-01-01T00:00:00.000Z',
    trainUsers: ratings.userCount,
    epochs: 1,
    trainMs: 1,
    examplesPerSecond: 1,
    minLabels: 0,
    shippedRows: catalogue.size,
    heldOut: null,
  };
  const everyone = Uint32Array.from({ length: ratings.userCount }, (_, u) => u);
  return {
    shard: {
      ...shard,
      model: { info, model, shardUsers: everyone, itemRows: rows, ease: shipped },
    },
    shipped,
  };
}

const encode = (shard: Shard) => encodeShard(shard, (raw) => deflateRawSync(raw)).bytes;

describe('EASE sections', () => {
  it('round-trip: the same neighbours, int8 weights within half a step, the same top picks', async () => {
    const { shard, shipped } = withEase();
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
    const { shard } = withEase();
    const bytes = encode(shard);
    // The EASE sections are the model's last ones, at the end of the file.
    bytes[bytes.length - 10]! ^= 0xff;
    const decoded = await decodeShard(bytes);
    expect(decoded.model).toBeNull();
    expect(decoded.modelProblem).toMatch(/model\.ease\./);
    expect(decoded.catalogue.size).toBe(shard.catalogue.size);
  });

  it('a shard without EASE decodes with a model and no EASE', async () => {
    const { shard } = withEase();
    const { ease: _ease, ...model } = shard.model!;
    const decoded = await decodeShard(encode({ ...shard, model }));
    expect(decoded.model?.ease).toBeUndefined();
  });
});
