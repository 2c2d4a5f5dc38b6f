import { describe, expect, it } from 'vitest';
import { createModel, type NcfModel } from '../ncf-model';
import { sgdStep, type Examples } from '../ncf-train';
import { seededRandom } from '../random';
import { KERNEL_RESERVED } from './kernel-memory';
import { KernelStepper } from './kernel-stepper';
import { compileKernel } from './kernels';

/** Random examples over a small model, with repeated rows (as an epoch has). */
function randomExamples(model: NcfModel, count: number, seed: number): Examples {
  const random = seededRandom(seed);
  const examples = {
    users: new Int32Array(count),
    items: new Int32Array(count),
    labels: new Float32Array(count),
    count,
  };
  for (let e = 0; e < count; e++) {
    examples.users[e] = Math.floor(random() * model.userCount);
    examples.items[e] = Math.floor(random() * model.itemCount);
    examples.labels[e] = random() < 0.2 ? 1 : 0;
  }
  return examples;
}

function largestDifference(a: NcfModel, b: NcfModel): number {
  let worst = Math.abs(a.globalBias - b.globalBias);
  for (const key of ['users', 'items', 'userBias', 'itemBias'] as const) {
    for (let k = 0; k < a[key].length; k++)
      worst = Math.max(worst, Math.abs(a[key][k]! - b[key][k]!));
  }
  return worst;
}

describe('the WASM SIMD training kernel', () => {
  it('compiles here (Node has WASM SIMD and shared memory)', async () => {
    expect(await compileKernel(false)).not.toBeNull();
    expect(await compileKernel(true)).not.toBeNull();
  });

  it('keeps its own constants below the bytes reserved for them', async () => {
    const memory = new WebAssembly.Memory({ initial: 4 });
    new Uint8Array(memory.buffer).fill(7, KERNEL_RESERVED);
    new WebAssembly.Instance((await compileKernel(false))!, { env: { memory } });
    expect(new Uint8Array(memory.buffer).subarray(KERNEL_RESERVED).every((b) => b === 7)).toBe(
      true,
    );
  });

  // 128: the model's width; 20: a width that leaves a scalar tail after the 4-lane loops.
  for (const dim of [128, 20]) {
    it(`on one thread matches the JavaScript loop to float tolerance (dim ${dim})`, async () => {
      const initial = createModel(60, 45, dim, 3);
      initial.globalBias = -0.5;
      const plain = structuredClone(initial);
      const kernel = new KernelStepper(initial, { module: await compileKernel(false), threads: 1 });
      for (let pass = 0; pass < 3; pass++) {
        const examples = randomExamples(initial, 3000, 10 + pass);
        const expected = sgdStep(plain, examples, 0.05 * 0.9 ** pass, 0.004);
        const loss = await kernel.train(examples, 0.05 * 0.9 ** pass, 0.004);
        expect(loss).toBeCloseTo(expected, 5);
      }
      const trained = await kernel.toModel();
      // The rows moved (this is not a comparison of two untouched models)...
      expect(largestDifference(trained, initial)).toBeGreaterThan(0.01);
      // ...and by what the JavaScript loop moved them, up to float32 rounding.
      expect(largestDifference(trained, plain)).toBeLessThan(1e-5);
    });
  }

  it('without WASM runs the JavaScript loop itself, exactly', async () => {
    const initial = createModel(30, 20, 16, 4);
    const plain = structuredClone(initial);
    const fallback = new KernelStepper(initial, { module: null, threads: 1 });
    const examples = randomExamples(initial, 2000, 5);
    expect(await fallback.train(examples, 0.05, 0.004)).toBe(sgdStep(plain, examples, 0.05, 0.004));
    expect(largestDifference(await fallback.toModel(), plain)).toBe(0);
  });

  it('grows its memory for a larger epoch and keeps the parameters', async () => {
    const initial = createModel(30, 20, 8, 4);
    const plain = structuredClone(initial);
    const kernel = new KernelStepper(initial, { module: await compileKernel(false), threads: 1 });
    for (const count of [100, 50_000]) {
      const examples = randomExamples(initial, count, count);
      sgdStep(plain, examples, 0.05, 0.004);
      await kernel.train(examples, 0.05, 0.004);
    }
    expect(largestDifference(await kernel.toModel(), plain)).toBeLessThan(1e-5);
  });
});
