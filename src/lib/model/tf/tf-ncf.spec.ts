import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createModel, type NcfModel } from '../ncf-model';
import type { Examples } from '../ncf-train';
import { DeviceLostError, watchDevice, type LosableDevice } from './device-loss';
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

/**
 * An independent reference for the kernel: sequential SGD where each example's gradient comes
 * from TF.js autodiff of log loss + l2/2 (|p_u|² + |q_i|² + b_i²) over the user row, the anime
 * row and all three biases (the global bias steps at 1% of the rate). Returns the mean log loss.
 */
function autodiffSgd(model: NcfModel, examples: Examples, lr: number, l2: number): number {
  const { dim } = model;
  let lossSum = 0;
  for (let e = 0; e < examples.count; e++) {
    const [u, i, label] = [examples.users[e]!, examples.items[e]!, examples.labels[e]!];
    const [grads, loss] = tf.tidy(() => {
      const loss = (p: tf.Tensor, q: tf.Tensor, bu: tf.Tensor, bi: tf.Tensor, bg: tf.Tensor) => {
        const logit = tf.addN([tf.sum(tf.mul(p, q)), bu, bi, bg]);
        const bce = tf.losses.sigmoidCrossEntropy(tf.scalar(label), logit);
        const squares = tf.addN([tf.sum(tf.square(p)), tf.sum(tf.square(q)), tf.square(bi)]);
        return tf.add(bce, tf.mul(l2 / 2, squares)) as tf.Scalar;
      };
      const args = [
        tf.tensor1d(model.users.slice(u * dim, (u + 1) * dim)),
        tf.tensor1d(model.items.slice(i * dim, (i + 1) * dim)),
        tf.scalar(model.userBias[u]!),
        tf.scalar(model.itemBias[i]!),
        tf.scalar(model.globalBias),
      ];
      const bce = tf.losses.sigmoidCrossEntropy(
        tf.scalar(label),
        tf.addN([tf.sum(tf.mul(args[0]!, args[1]!)), args[2]!, args[3]!, args[4]!]),
      );
      return [
        tf
          .grads(loss)(args)
          .map((g) => g.dataSync()),
        bce.dataSync()[0]!,
      ] as const;
    });
    const [gp, gq, gbu, gbi, gbg] = grads;
    for (let d = 0; d < dim; d++) {
      model.users[u * dim + d] = model.users[u * dim + d]! - lr * gp![d]!;
      model.items[i * dim + d] = model.items[i * dim + d]! - lr * gq![d]!;
    }
    model.userBias[u] = model.userBias[u]! - lr * gbu![0]!;
    model.itemBias[i] = model.itemBias[i]! - lr * gbi![0]!;
    model.globalBias -= 0.01 * lr * gbg![0]!;
    lossSum += loss;
  }
  return lossSum / examples.count;
}

/** Every value within `tolerance` of the reference (one assertion, the worst difference). */
function expectClose(actual: Float32Array, expected: Float32Array, tolerance = 5e-6) {
  expect(actual.length).toBe(expected.length);
  const worst = actual.reduce((max, v, k) => Math.max(max, Math.abs(v - expected[k]!)), 0);
  expect(worst).toBeLessThan(tolerance);
}

describe.each(['cpu', 'wasm'])('the fused NCF kernel on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it('matches sequential SGD on TF.js autodiff gradients, across batch boundaries', async () => {
    const start = createModel(6, 9, 8, 11);
    start.itemBias.fill(0.05);
    start.userBias.fill(-0.1);
    start.globalBias = 0.2;
    // User 0 and anime 1 come back, so each step must see the one before it.
    const examples = examplesOf([
      [0, 1, 1],
      [1, 2, 0],
      [0, 3, 1],
      [5, 8, 0],
      [2, 1, 1],
      [0, 1, 0],
      [4, 4, 1],
    ]);
    const expected = clone(start);
    const expectedLoss = autodiffSgd(expected, examples, 0.5, 0.05);
    const net = new TfNcf(clone(start));
    const loss = await net.train(examples, 0.5, 0.05, 3);
    const actual = await net.toModel();
    net.dispose();
    expect(actual.users).not.toEqual(start.users);
    expectClose(actual.users, expected.users);
    expectClose(actual.items, expected.items);
    expectClose(actual.userBias, expected.userBias);
    expectClose(actual.itemBias, expected.itemBias);
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
    autodiffSgd(expected, examples, 0.1, 0.01);
    const net = new TfNcf(clone(start));
    await net.train(examples, 0.1, 0.01);
    const actual = await net.toModel();
    net.dispose();
    for (const row of [5, 100_000, 199_999]) {
      const at = (m: NcfModel) => m.items.subarray(row * 32, (row + 1) * 32);
      expect(at(actual)).not.toEqual(at(start));
      expectClose(at(actual), at(expected));
    }
    expectClose(actual.users, expected.users);
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

describe('the fused NCF kernel when its device is lost', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function device() {
    let lose!: (info: { reason: string; message: string }) => void;
    const gpu: LosableDevice = { lost: new Promise((resolve) => (lose = resolve)) };
    return { watch: watchDevice(gpu), lose };
  }
  const examples = examplesOf(Array.from({ length: 64 }, (_, k) => [k % 4, k % 5, k % 2]));

  it('fails a step whose read never comes back, with the loss, and leaves no tensor behind', async () => {
    const { watch, lose } = device();
    const net = new TfNcf(createModel(4, 5, 3, 1), watch);
    const before = tf.memory().numTensors;
    // A read on a lost device may never settle.
    vi.spyOn(tf.Tensor.prototype, 'data').mockReturnValue(new Promise(() => {}));
    const step = net.train(examples, 0.05, 0.001, 16);
    lose({ reason: 'destroyed', message: '' });
    await expect(step).rejects.toThrow(DeviceLostError);
    await expect(net.toModel()).rejects.toThrow('WebGPU device lost (reason: destroyed)');
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('runs no batch, and takes no new model, on a device already lost', async () => {
    const { watch, lose } = device();
    const net = new TfNcf(createModel(4, 5, 3, 1), watch);
    lose({ reason: 'unknown', message: 'GPU reset' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const kernel = vi.spyOn(tf.engine(), 'runKernel');
    await expect(net.train(examples, 0.05, 0.001)).rejects.toThrow(
      'WebGPU device lost (reason: unknown)',
    );
    expect(kernel).not.toHaveBeenCalled();
    net.dispose();
    expect(() => new TfNcf(createModel(4, 5, 3, 1), watch)).toThrow(DeviceLostError);
  });
});
