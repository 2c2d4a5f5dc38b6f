/** The device check run before WebGPU trains: the WGSL kernel against the JavaScript loop. */
import * as tf from '@tensorflow/tfjs-core';
import { createModel } from '../ncf-model';
import { sgdStep } from '../ncf-train';
import { seededRandom } from '../random';
import { NCF_SGD, type NcfSgdAttrs } from './ncf-sgd-kernel';

/** Largest difference the device check accepts (f32 on the GPU against f64 sums in JS). */
const TOLERANCE = 1e-4;

/**
 * Runs the WGSL kernel with one thread on a small random model and compares every parameter
 * with the JavaScript loop: a GPU driver that computes wrongly is caught before it trains.
 * Returns the largest difference; throws when it is beyond tolerance.
 */
export async function verifyNcfSgdWebGpu(): Promise<number> {
  const model = createModel(40, 60, 16, 7);
  const random = seededRandom(11);
  const count = 3000;
  const examples = {
    users: Int32Array.from({ length: count }, () => Math.floor(random() * 40)),
    items: Int32Array.from({ length: count }, () => Math.floor(random() * 60)),
    labels: Float32Array.from({ length: count }, () => (random() < 0.3 ? 1 : 0)),
    count,
  };
  const inputs = {
    users: tf.tensor2d(model.users, [40, 16]),
    items: tf.tensor2d(model.items, [60, 16]),
    userBias: tf.tensor1d(model.userBias),
    itemBias: tf.tensor1d(model.itemBias),
    globalBias: tf.tensor1d([model.globalBias]),
    exampleUsers: tf.tensor1d(examples.users, 'int32'),
    exampleItems: tf.tensor1d(examples.items, 'int32'),
    labels: tf.tensor1d(examples.labels),
  };
  const attrs: NcfSgdAttrs = { learningRate: 0.05, l2: 0.004, threads: 1 };
  const outputs = tf.engine().runKernel(NCF_SGD, inputs, attrs) as tf.Tensor[];
  const gpu = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
  for (const t of [...outputs, ...Object.values(inputs)]) t.dispose();
  const loss = sgdStep(model, examples, attrs.learningRate, attrs.l2);
  const expected = [
    model.users,
    model.items,
    model.userBias,
    model.itemBias,
    [model.globalBias, loss],
  ];
  let worst = 0;
  expected.forEach((values, k) => {
    for (let n = 0; n < values.length; n++)
      worst = Math.max(worst, Math.abs(values[n]! - gpu[k]![n]!));
  });
  // Written so that NaN fails too.
  if (!(worst <= TOLERANCE))
    throw new Error(
      `its training kernel computed wrongly on this device (off by ${worst.toExponential(1)})`,
    );
  return worst;
}
