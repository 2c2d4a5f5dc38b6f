import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel, type NcfModel } from '../ncf-model';
import { sgdStep, type Examples } from '../ncf-train';
import { TfNcf } from './tf-ncf';

beforeAll(() => {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
});

const clone = (m: NcfModel): NcfModel => ({
  ...m,
  users: m.users.slice(),
  items: m.items.slice(),
  userBias: m.userBias.slice(),
  itemBias: m.itemBias.slice(),
});

function examplesOf(rows: [number, number, number][]): Examples {
  return {
    users: Int32Array.from(rows.map((r) => r[0])),
    items: Int32Array.from(rows.map((r) => r[1])),
    labels: Float32Array.from(rows.map((r) => r[2])),
    count: rows.length,
  };
}

describe.each(['cpu', 'wasm'])('the fused NCF kernel on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('matches the plain typed-array step exactly, across batch boundaries', async () => {
    const start = createModel(6, 9, 8, 11);
    start.itemBias.fill(0.05);
    const examples = examplesOf([
      [0, 1, 1],
      [1, 2, 0],
      [0, 3, 1],
      [5, 8, 0],
      [2, 1, 1],
      [3, 0, 0],
      [4, 4, 1],
    ]);
    const expected = clone(start);
    const expectedLoss = sgdStep(expected, examples, 0.1, 0.01);
    const net = new TfNcf(clone(start));
    const loss = await net.train(examples, 0.1, 0.01, 3);
    const actual = await net.toModel();
    net.dispose();
    expect(actual.users).toEqual(expected.users);
    expect(actual.items).toEqual(expected.items);
    expect(actual.itemBias).toEqual(expected.itemBias);
    expect(actual.globalBias).toBeCloseTo(expected.globalBias, 6);
    // The kernel reports each batch's mean; weighted by batch size they give the same mean.
    expect(loss).toBeCloseTo(expectedLoss, 5);
  });

  it('stays exact when its outputs grow the backend memory (a 25 MB model)', async () => {
    const start = createModel(10, 200_000, 32, 2);
    const examples = examplesOf([
      [1, 199_999, 1],
      [2, 5, 0],
      [1, 100_000, 1],
    ]);
    const expected = clone(start);
    sgdStep(expected, examples, 0.1, 0.01);
    const net = new TfNcf(clone(start));
    await net.train(examples, 0.1, 0.01);
    const actual = await net.toModel();
    net.dispose();
    expect(actual.items.subarray(199_999 * 32)).toEqual(expected.items.subarray(199_999 * 32));
    expect(actual.users).toEqual(expected.users);
  });

  it('applies the gradient that TF.js autodiff computes for the same loss', async () => {
    const start = createModel(4, 5, 6, 3);
    const [lr, l2] = [0.2, 0.05];
    for (const [u, i, label] of [
      [1, 2, 1],
      [3, 4, 0],
      [0, 0, 1],
    ] as [number, number, number][]) {
      const net = new TfNcf(clone(start));
      await net.train(examplesOf([[u, i, label]]), lr, l2);
      const after = await net.toModel();
      net.dispose();
      const [gradUser, gradItem, gradBias] = tf.tidy(() => {
        const p = tf.tensor1d(start.users.slice(u * 6, u * 6 + 6));
        const q = tf.tensor1d(start.items.slice(i * 6, i * 6 + 6));
        const b = tf.scalar(start.itemBias[i]!);
        const loss = (pv: tf.Tensor, qv: tf.Tensor, bv: tf.Tensor) => {
          const logit = tf.add(
            tf.add(tf.sum(tf.mul(pv, qv)), bv),
            start.globalBias + start.userBias[u]!,
          );
          const bce = tf.losses.sigmoidCrossEntropy(tf.scalar(label), logit);
          const penalty = tf.mul(
            l2 / 2,
            tf.add(tf.add(tf.sum(tf.square(pv)), tf.sum(tf.square(qv))), tf.square(bv)),
          );
          return tf.add(bce, penalty) as tf.Scalar;
        };
        return tf
          .grads(loss)([p, q, b])
          .map((g) => g.dataSync());
      });
      gradUser!.forEach((g, d) =>
        expect(after.users[u * 6 + d]).toBeCloseTo(start.users[u * 6 + d]! - lr * g, 5),
      );
      gradItem!.forEach((g, d) =>
        expect(after.items[i * 6 + d]).toBeCloseTo(start.items[i * 6 + d]! - lr * g, 5),
      );
      expect(after.itemBias[i]).toBeCloseTo(start.itemBias[i]! - lr * gradBias![0]!, 5);
    }
  });

  it('keeps the tensor count flat across epochs', async () => {
    const net = new TfNcf(createModel(20, 30, 8, 1));
    const examples = examplesOf(
      Array.from({ length: 500 }, (_, k) => [k % 20, (k * 7) % 30, k % 2]),
    );
    await net.train(examples, 0.05, 0.001, 128);
    const before = tf.memory().numTensors;
    for (let epoch = 0; epoch < 5; epoch++) await net.train(examples, 0.05, 0.001, 128);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before - 5);
  });
});
