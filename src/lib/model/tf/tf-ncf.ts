/**
 * NCF parameters as TF.js variables on the active backend, trained by the fused
 * `TsugiNcfSgd` kernel in large batches. Everything the step creates is disposed in the step,
 * so the tensor count stays flat across epochs. On WebGPU a lost device fails the step with a
 * `DeviceLostError` at once, instead of a read that may never come back.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NcfModel } from '../ncf-model';
import type { Examples } from '../ncf-train';
import { activeDeviceWatch, type DeviceWatch } from './device-loss';
import { GPU_THREADS, NCF_SGD, registerNcfSgd } from './ncf-sgd-kernel';

export const DEFAULT_BATCH = 1 << 18;

export class TfNcf {
  readonly dim: number;
  private readonly users: tf.Variable;
  private readonly items: tf.Variable;
  private readonly userBias: tf.Variable;
  private readonly itemBias: tf.Variable;
  private readonly globalBias: tf.Variable;

  /**
   * `device`: the watch on the backend's GPU device (null off WebGPU); a step on a lost device
   * fails with the loss.
   */
  constructor(
    model: NcfModel,
    private readonly device: DeviceWatch | null = activeDeviceWatch(),
  ) {
    device?.check();
    registerNcfSgd(tf.getBackend());
    this.dim = model.dim;
    this.users = tf.variable(tf.tensor2d(model.users, [model.userCount, model.dim]), false);
    this.items = tf.variable(tf.tensor2d(model.items, [model.itemCount, model.dim]), false);
    this.userBias = tf.variable(tf.tensor1d(model.userBias), false);
    this.itemBias = tf.variable(tf.tensor1d(model.itemBias), false);
    this.globalBias = tf.variable(tf.tensor1d([model.globalBias]), false);
  }

  /**
   * One pass over `examples` in batches; resolves to the mean log loss. The batches' losses are
   * read once at the end, so a GPU is never made to wait for a read between batches.
   */
  async train(
    examples: Examples,
    learningRate: number,
    l2: number,
    batch = DEFAULT_BATCH,
  ): Promise<number> {
    const losses: [tf.Tensor, number][] = [];
    try {
      return await this.trainBatches(examples, learningRate, l2, batch, losses);
    } catch (error) {
      throw this.device ? await this.device.explain(error) : error;
    } finally {
      // Also when a batch or a read fails (a lost GPU device): no loss tensor is left behind.
      for (const [state] of losses) state.dispose();
    }
  }

  private async trainBatches(
    examples: Examples,
    learningRate: number,
    l2: number,
    batch: number,
    losses: [tf.Tensor, number][],
  ): Promise<number> {
    for (let start = 0; start < examples.count; start += batch) {
      this.device?.check();
      const end = Math.min(examples.count, start + batch);
      const state = tf.tidy(() => {
        const slice = (a: Int32Array | Uint32Array | Uint8Array) =>
          tf.tensor1d(Int32Array.from(a.subarray(start, end)), 'int32');
        const outputs = tf.engine().runKernel(
          NCF_SGD,
          {
            users: this.users,
            items: this.items,
            userBias: this.userBias,
            itemBias: this.itemBias,
            globalBias: this.globalBias,
            exampleUsers: slice(examples.users),
            exampleItems: slice(examples.items),
            labels: tf.tensor1d(examples.labels.subarray(start, end), 'float32'),
          },
          { learningRate, l2, threads: GPU_THREADS },
        ) as tf.Tensor[];
        const [users, items, userBias, itemBias, state] = outputs as [
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
          tf.Tensor,
        ];
        this.users.assign(users);
        this.items.assign(items);
        this.userBias.assign(userBias);
        this.itemBias.assign(itemBias);
        this.globalBias.assign(tf.slice(state, 0, 1));
        return tf.slice(state, 1, 1);
      });
      losses.push([state, end - start]);
    }
    let lossSum = 0;
    for (const [state, count] of losses) lossSum += (await this.read(state))[0]! * count;
    return examples.count ? lossSum / examples.count : 0;
  }

  /** A tensor's values; on WebGPU, the device's loss if it comes first. */
  private read(tensor: tf.Tensor): Promise<Float32Array> {
    const values = tensor.data() as Promise<Float32Array>;
    return this.device ? this.device.race(values) : values;
  }

  /** A plain-array snapshot of the parameters (for fold-in, scoring and checkpoints). */
  async toModel(): Promise<NcfModel> {
    const [userCount, dim] = this.users.shape as [number, number];
    this.device?.check();
    const [users, items, userBias, itemBias, globalBias] = await Promise.all(
      [this.users, this.items, this.userBias, this.itemBias, this.globalBias].map((v) =>
        this.read(v),
      ),
    ).catch(async (error: unknown) => {
      throw this.device ? await this.device.explain(error) : error;
    });
    return {
      dim,
      userCount,
      itemCount: this.items.shape[0]!,
      users: users!,
      items: items!,
      userBias: userBias!,
      itemBias: itemBias!,
      globalBias: globalBias![0]!,
    };
  }

  dispose(): void {
    for (const v of [this.users, this.items, this.userBias, this.itemBias, this.globalBias])
      v.dispose();
  }
}
