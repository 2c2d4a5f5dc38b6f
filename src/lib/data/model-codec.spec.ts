import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createModel } from '$lib/model/ncf-model';
import { DEFAULT_TRAIN } from '$lib/model/ncf-train';
import type { ShippedModel } from './model-codec';
import { dequantiseRows, quantiseRows } from './section-arrays';
import { decodeShard, encodeShard } from './shard-codec';
import type { Shard } from './shard-types';
import { makeTestShard } from '$fixtures/test-shard';

function withModel(): Shard {
  const shard = makeTestShard();
  const model = createModel(2, shard.catalogue.size, 8, 3);
  model.itemBias.set([0.5, -1, 0.25, 2]);
  model.userBias.set([0.1, -0.2]);
  model.globalBias = -0.75;
  const shipped: ShippedModel = {
    info: {
      config: DEFAULT_TRAIN,
      trainedAt: '2026-01-01T00:00:00.000Z',
      trainUsers: 2,
      epochs: 20,
      trainMs: 1,
      examplesPerSecond: 1,
      minLabels: 3,
      shippedRows: 3,
      heldOut: null,
    },
    model,
    shardUsers: Uint32Array.from([0, 2]),
    itemRows: Uint32Array.from([0, 1, 3]),
  };
  return { ...shard, model: shipped };
}

const encode = (shard: Shard) => encodeShard(shard, (raw) => deflateRawSync(raw));

describe('model sections', () => {
  it('quantises each row to int8 within half a step of its own scale', () => {
    const matrix = Float32Array.from([0.5, -0.25, 0.125, 0, 10, -3, 0.001, 7, 0, 0, 0, 0]);
    const rows = [0, 1, 2];
    const q = quantiseRows(matrix, 4, rows);
    const back = new Float32Array(12);
    dequantiseRows(q, 4, rows, back);
    for (const r of rows) {
      const scale = q.scales[r]!;
      for (let d = 0; d < 4; d++)
        expect(Math.abs(back[r * 4 + d]! - matrix[r * 4 + d]!)).toBeLessThanOrEqual(
          scale / 2 + 1e-7,
        );
    }
    expect(q.scales[2]).toBe(0);
    expect(Array.from(back.subarray(8))).toEqual([0, 0, 0, 0]);
  });

  it('round-trips through the shard: rows kept, missing rows zero, biases exact', async () => {
    const shard = withModel();
    const decoded = await decodeShard(encode(shard).bytes);
    const original = shard.model!.model;
    const model = decoded.model!.model;
    expect(decoded.modelProblem).toBeUndefined();
    expect(Array.from(decoded.model!.shardUsers)).toEqual([0, 2]);
    expect(Array.from(decoded.model!.itemRows)).toEqual([0, 1, 3]);
    expect(model.globalBias).toBe(-0.75);
    expect(Array.from(model.itemBias)).toEqual([0.5, -1, 0.25, 2]);
    expect(Array.from(model.items.subarray(2 * 8, 3 * 8))).toEqual(new Array(8).fill(0));
    for (const row of [0, 1, 3])
      for (let d = 0; d < 8; d++)
        expect(model.items[row * 8 + d]).toBeCloseTo(original.items[row * 8 + d]!, 2);
    for (let k = 0; k < 16; k++) expect(model.users[k]).toBeCloseTo(original.users[k]!, 2);
  });

  it('a damaged model section leaves the rest of the shard usable, and says why', async () => {
    const shard = withModel();
    const { bytes, sizes } = encode(shard);
    const broken = bytes.slice();
    // The model's sections come last: flip a byte inside the last one.
    broken[broken.length - 1 - Math.floor(sizes.at(-1)!.storedBytes / 2)]! ^= 0x40;
    const decoded = await decodeShard(broken);
    expect(decoded.model).toBeNull();
    expect(decoded.modelProblem).toMatch(/checksum mismatch in model\./);
    expect(decoded.catalogue).toEqual(shard.catalogue);
    expect(decoded.ratings).toEqual(shard.ratings);
  });

  it('a model that disagrees with the catalogue is refused, not used', async () => {
    const shard = withModel();
    shard.model!.model.itemCount = 5;
    shard.model!.model.itemBias = new Float32Array(5);
    const decoded = await decodeShard(encode(shard).bytes);
    expect(decoded.model).toBeNull();
    expect(decoded.modelProblem).toMatch(/inconsistent.*5 anime/);
  });

  it('damage outside the model still rejects the whole shard', async () => {
    const { bytes } = encode(withModel());
    const broken = bytes.slice();
    broken[400]! ^= 0x40;
    await expect(decodeShard(broken)).rejects.toThrow(/damaged/);
  });
});
