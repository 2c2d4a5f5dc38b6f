import { describe, expect, it } from 'vitest';
import { createModel, type NcfModel } from '$lib/model/ncf-model';
import type { Examples } from '$lib/model/ncf-train';
import { seededRandom } from '$lib/model/random';
import { DeviceLostError } from '$lib/model/tf/device-loss';
import { plainStepper, type Stepper } from '$lib/model/train-loop';
import { fineTuneBackend, withPlainFallback } from './backend';

describe('where the fine-tune steps', () => {
  it('uses WebGPU when a hardware adapter is there and nothing holds another backend', () => {
    expect(fineTuneBackend(null, false, null)).toEqual({ name: 'webgpu' });
    expect(fineTuneBackend('wasm', false, null)).toEqual({ name: 'webgpu' });
  });

  it('keeps WebGPU while a training run uses it', () => {
    expect(fineTuneBackend('webgpu', true, null)).toEqual({ name: 'webgpu' });
  });

  it('runs the plain loop without a hardware adapter, and says why', () => {
    const obstacle = 'the only WebGPU adapter is a software fallback, slower than WASM on this CPU';
    expect(fineTuneBackend(null, false, obstacle)).toEqual({
      name: 'javascript',
      reason: obstacle,
    });
  });

  it('leaves a training run on another backend alone', () => {
    expect(fineTuneBackend('wasm', true, null)).toEqual({
      name: 'javascript',
      reason: 'training from scratch holds the wasm backend',
    });
  });
});

describe('a lost WebGPU device and the fine-tune', () => {
  const lost = 'the WebGPU device was lost (reason: destroyed) earlier in this session';

  it('keeps off WebGPU once its device is lost, even while TF.js still has it active', () => {
    expect(fineTuneBackend('webgpu', false, lost, lost)).toEqual({
      name: 'javascript',
      reason: lost,
    });
    expect(fineTuneBackend('wasm', false, lost, lost)).toEqual({
      name: 'javascript',
      reason: lost,
    });
  });

  const examples = (seed: number): Examples => {
    const random = seededRandom(seed);
    const count = 200;
    return {
      users: Int32Array.from({ length: count }, () => Math.floor(random() * 6)),
      items: Int32Array.from({ length: count }, () => Math.floor(random() * 9)),
      labels: Float32Array.from({ length: count }, () => (random() < 0.4 ? 1 : 0)),
      count,
    };
  };
  const batches = [examples(1), examples(2), examples(3)];

  /** A "GPU" stepper that steps exactly like the loop and fails at step `failAt` (1-based). */
  function failingGpu(failAt: number, error: unknown, disposed: { count: number }) {
    return (initial: NcfModel): Stepper => {
      const inner = plainStepper(structuredClone(initial));
      let steps = 0;
      return {
        train: (e, rate, l2) =>
          ++steps === failAt ? Promise.reject(error) : inner.train(e, rate, l2),
        toModel: () => inner.toModel(),
        dispose: () => void disposed.count++,
      };
    };
  }

  async function run(stepper: Stepper): Promise<{ losses: number[]; model: NcfModel }> {
    const losses: number[] = [];
    for (const batch of batches) losses.push(await stepper.train(batch, 0.05, 0.001));
    return { losses, model: await stepper.toModel() };
  }

  it('goes on with the plain loop from the last completed step when the device is lost', async () => {
    const reference = await run(plainStepper(createModel(6, 9, 4, 3)));
    const disposed = { count: 0 };
    const heard: [number, unknown][] = [];
    const loss = new DeviceLostError('destroyed', 'Device was destroyed.');
    const stepper = withPlainFallback(
      createModel(6, 9, 4, 3),
      failingGpu(2, loss, disposed),
      (completed, error) => heard.push([completed, error]),
    );
    const result = await run(stepper);
    expect(heard).toEqual([[1, loss]]);
    expect(disposed.count).toBe(1);
    // The failed step is taken again on the loop, from the parameters after step 1.
    expect(result).toEqual(reference);
  });

  it('stays on the GPU stepper while it works, and falls back when it cannot even start', async () => {
    const reference = await run(plainStepper(createModel(6, 9, 4, 3)));
    const heard: number[] = [];
    const healthy = withPlainFallback(
      createModel(6, 9, 4, 3),
      failingGpu(99, null, { count: 0 }),
      (completed) => heard.push(completed),
    );
    expect(await run(healthy)).toEqual(reference);
    const unborn = withPlainFallback(
      createModel(6, 9, 4, 3),
      () => {
        throw new DeviceLostError('unknown', '');
      },
      (completed) => heard.push(completed),
    );
    expect(await run(unborn)).toEqual(reference);
    expect(heard).toEqual([0]);
  });
});
