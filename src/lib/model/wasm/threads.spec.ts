import { describe, expect, it } from 'vitest';
import { spawnNodeThread } from '../../../../scripts/kernel/node-threads';
import { Feedback } from '../interactions';
import { recallAtK, topK } from '../metrics';
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

async function trainedRecall(makeStepper: (initial: NcfModel) => Stepper): Promise<number> {
  const { set, heldOut, users } = planted();
  const config = { ...DEFAULT_TRAIN, dim: 32, epochs: 12, learningRate: 0.1, seed: 9 };
  const training = startTraining(set, users, ITEMS, config, makeStepper);
  for await (const report of training.epochs) expect(report.loss).toBeGreaterThan(0);
  const model = await training.stepper.toModel();
  training.stepper.dispose?.();
  return recall(model, set, heldOut);
}

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
    const threaded = await compileKernel(true);
    const plain = await trainedRecall(plainStepper);
    const one = await trainedRecall((m) => new KernelStepper(m, { module: single, threads: 1 }));
    const kernel = (m: NcfModel) =>
      new KernelStepper(m, { module: threaded, threads: 2, spawn: spawnNodeThread });
    const two = [await trainedRecall(kernel), await trainedRecall(kernel)];
    // The planted tastes are learnt...
    expect(plain).toBeGreaterThan(0.6);
    // ...as well by one SIMD thread building its own examples as by the loop over `epochExamples`,
    expect(Math.abs(one - plain)).toBeLessThan(0.02);
    // ...and by two Hogwild! threads, run after run (their interleaving differs every time).
    for (const recall of two) expect(Math.abs(recall - one)).toBeLessThan(0.02);
  }, 60_000);
});
