import { describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../../scripts/kernel/node-threads';
import { Feedback } from '../interactions';
import { recallAtK, topK } from '$lib/evaluation/metrics';
import { scoreAll, type NcfModel } from '../ncf-model';
import { DEFAULT_TRAIN } from '../ncf-train';
import { createSampler } from '../negative-sampler';
import { seededRandom } from '../random';
import { plainStepper, startTraining, type Stepper } from '../train-loop';
import type { TrainingSet } from '../training-set';
import { layOutData, type ChunkBounds } from './kernel-data';
import { dataViews, exampleViews, planLayout } from './kernel-memory';
import { kernelRunner } from './kernel-runner';
import { KernelStepper } from './kernel-stepper';
import { compileKernel } from './kernels';

const GROUPS = 8;
const PER_GROUP = 40;
const ITEMS = 400;

/** 480 users in 8 taste groups, each liking about half of its group's 40 anime; 20% held out. */
function planted(): { set: TrainingSet; heldOut: Set<number>[]; users: number } {
  const random = seededRandom(21);
  const users: number[] = [];
  const items: number[] = [];
  const feedback: number[] = [];
  const heldOut: Set<number>[] = [];
  for (let u = 0; u < 480; u++) {
    const group = u % GROUPS;
    const held = new Set<number>();
    for (let i = 0; i < PER_GROUP; i++) {
      if (random() >= 0.5) continue;
      const item = group * PER_GROUP + i;
      if (random() < 0.2) {
        held.add(item);
        continue;
      }
      users.push(u);
      items.push(item);
      feedback.push(Feedback.positive);
    }
    // A few anime outside the group, some disliked.
    for (let k = 0; k < 4; k++) {
      users.push(u);
      items.push(Math.floor(random() * ITEMS));
      feedback.push(k % 2 ? Feedback.negative : Feedback.positive);
    }
    heldOut.push(held);
  }
  const positiveCounts = new Float32Array(ITEMS);
  items.forEach((item, k) => feedback[k] === Feedback.positive && positiveCounts[item]!++);
  const set = {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: Uint8Array.from(feedback),
    positiveCounts,
  };
  return { set, heldOut, users: 480 };
}

function recall(model: NcfModel, set: TrainingSet, heldOut: Set<number>[]): number {
  let sum = 0;
  for (let u = 0; u < heldOut.length; u++) {
    const seen = new Uint8Array(ITEMS);
    set.users.forEach((user, k) => user === u && (seen[set.items[k]!] = 1));
    const user = model.users.subarray(u * model.dim, (u + 1) * model.dim);
    sum += recallAtK(topK(scoreAll(model, user), 20, seen), heldOut[u]!, 20);
  }
  return sum / heldOut.length;
}

interface Trained {
  recall: number;
  /** The global bias after each epoch. */
  globalBiases: number[];
  /** The smallest share of the run's examples that a thread trained on. */
  leastShare: number;
}

/** 12 epochs; `settled`: 30 epochs with the rate decaying to 1/130 of itself, run to rest. */
async function train(
  makeStepper: (initial: NcfModel) => Stepper,
  settled = false,
): Promise<Trained> {
  const { set, heldOut, users } = planted();
  const schedule = settled ? { epochs: 30, decay: 0.85 } : { epochs: 12 };
  const config = { ...DEFAULT_TRAIN, dim: 32, ...schedule, learningRate: 0.1, seed: 9 };
  const training = startTraining(set, users, ITEMS, config, makeStepper);
  const globalBiases: number[] = [];
  // Examples per thread: a helper thread slowed by the machine may take no block of an epoch.
  let shares: number[] = [];
  for await (const report of training.epochs) {
    expect(report.loss).toBeGreaterThan(0);
    globalBiases.push((await training.stepper.toModel()).globalBias);
    const epoch = (training.stepper as Partial<KernelStepper>).shares ?? [report.examples];
    shares = epoch.map((n, t) => n + (shares[t] ?? 0));
  }
  const model = await training.stepper.toModel();
  training.stepper.dispose?.();
  const total = shares.reduce((a, b) => a + b);
  return {
    recall: recall(model, set, heldOut),
    globalBiases,
    leastShare: Math.min(...shares) / total,
  };
}

/**
 * `threads` Hogwild! threads on blocks of 512 examples: a planted epoch (78k examples) is one
 * 64k block and a bit, which would leave the helpers next to nothing.
 */
const threadedKernel = (module: WebAssembly.Module | null, threads: number) => (m: NcfModel) =>
  new KernelStepper(m, { module, threads, spawn: spawnNodeThread, block: 512 });

describe('threads that build their own examples', () => {
  it('write every labelled pair once, each positive followed by negatives the user has not labelled', () => {
    const { set } = planted();
    const sampler = createSampler(set.positiveCounts, 0.75);
    const data = layOutData(set, sampler, 8, 5, 0);
    const layout = planLayout({ dim: 4, userCount: 480, itemCount: ITEMS }, data.capacity, {
      samplerSize: data.samplerSize,
      observations: data.n,
    });
    const memory = new WebAssembly.Memory({ initial: Math.ceil(layout.bytes / 65536) });
    data.write(memory.buffer, layout);
    expect(dataViews(memory.buffer, layout).userStart[480]).toBe(set.users.length);
    // The chunks hold about the same number of examples each.
    const examplesOf = (c: ChunkBounds) =>
      set.users.reduce(
        (sum, u, k) =>
          u >= c.firstUser && u < c.endUser
            ? sum + (set.feedback[k] === Feedback.positive ? 9 : 1)
            : sum,
        0,
      );
    const sizes = data.chunks.map(examplesOf);
    expect(sizes.reduce((a, b) => a + b)).toBe(data.capacity);
    expect(Math.min(...sizes) / Math.max(...sizes)).toBeGreaterThan(0.95);
    const examples = exampleViews(memory.buffer, layout, data.capacity);
    examples.users.fill(-1);
    data.place(memory.buffer, layout, 3);
    const runner = kernelRunner(null, memory);
    runner.generate({ layout, chunks: data.chunks, negatives: 8, seed: 4, dataVersion: 1 });
    const own = new Set(Array.from(set.users, (u, k) => `${u}:${set.items[k]}`));
    const pairs = new Set<string>();
    let owned = 0;
    for (let e = 0; e < data.capacity;) {
      const key = `${examples.users[e]}:${examples.items[e]}`;
      expect(own.has(key)).toBe(true);
      pairs.add(key);
      const positive = examples.labels[e++] === 1;
      for (let k = 0; positive && k < 8; k++, e++) {
        if (examples.users[e] !== examples.users[e - 1 - k] || examples.labels[e] !== 0) {
          throw new Error(`example ${e} is not a negative of the positive before it`);
        }
        if (own.has(`${examples.users[e]}:${examples.items[e]}`)) owned++;
      }
    }
    expect(pairs.size).toBe(own.size);
    // Redraws end after 10 tries, so an owned anime is rare, not impossible.
    expect(owned).toBeLessThan(data.capacity * 0.001);
  });

  it('reach the Recall@20 of one thread and of the JavaScript loop (fixed seed, 2 threads)', async () => {
    const single = await compileKernel(false);
    const plain = await train(plainStepper, true);
    const one = await train((m) => new KernelStepper(m, { module: single, threads: 1 }), true);
    const kernel = threadedKernel(await compileKernel(true), 2);
    const two = [await train(kernel, true), await train(kernel, true), await train(kernel, true)];
    // The planted tastes are learnt...
    expect(plain.recall).toBeGreaterThan(0.6);
    // ...as well by one SIMD thread building its own examples as by the loop over `epochExamples`
    // (other negatives: as close as another seed),
    expect(Math.abs(one.recall - plain.recall)).toBeLessThan(0.02);
    // ...and by two Hogwild! threads that both trained, run after run (their interleaving differs
    // every time): within the 0.005. Run to rest, they land within about 0.001 of one
    // thread; with the helper skipping every other block of its share they missed by up to 0.012.
    for (const run of two) {
      expect(run.leastShare).toBeGreaterThan(0.05);
      expect(Math.abs(run.recall - one.recall)).toBeLessThan(0.005);
    }
  }, 120_000);

  it('move the global bias as one thread does, however many there are', async () => {
    const one = await train((m) => new KernelStepper(m, { module: null, threads: 1 }));
    for (const threads of [2, 3]) {
      const run = await train(threadedKernel(await compileKernel(true), threads));
      expect(run.leastShare).toBeGreaterThan(0.05);
      // Each thread's own copy, added up at the end, moved it `threads` times as far: by a whole
      // unit after the first epoch here, and further every epoch with 3 threads.
      run.globalBiases.forEach((bias, epoch) =>
        expect(Math.abs(bias - one.globalBiases[epoch]!)).toBeLessThan(0.05),
      );
    }
  }, 120_000);
});
