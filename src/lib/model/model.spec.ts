import { describe, expect, it } from 'vitest';
import { foldIn } from './fold-in';
import { Feedback } from './interactions';
import { scoreAll } from './ncf-model';
import { DEFAULT_TRAIN } from './ncf-train';
import { createSampler, sampleNegative } from './negative-sampler';
import { seededRandom } from './random';
import { startTraining } from './train-loop';
import type { TrainingSet } from './training-set';

/** 40 users in two taste groups over 20 anime: group A likes 0–9, group B likes 10–19. */
function twoGroups(): TrainingSet {
  const users: number[] = [];
  const items: number[] = [];
  const random = seededRandom(3);
  for (let u = 0; u < 40; u++) {
    const offset = u < 20 ? 0 : 10;
    for (let i = 0; i < 10; i++) {
      if (random() < 0.7) {
        users.push(u);
        items.push(offset + i);
      }
    }
  }
  const positiveCounts = new Float32Array(20);
  items.forEach((i) => positiveCounts[i]!++);
  return {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: new Uint8Array(users.length).fill(Feedback.positive),
    positiveCounts,
  };
}

const config = { ...DEFAULT_TRAIN, dim: 8, epochs: 30, learningRate: 0.1, seed: 5 };

async function reports<T>(epochs: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const report of epochs) out.push(report);
  return out;
}

describe('NCF training', () => {
  it('lowers the loss and is reproducible from its seed', async () => {
    const run = async () => {
      const training = startTraining(twoGroups(), 40, 20, config);
      const losses = (await reports(training.epochs)).map((r) => r.loss);
      return { losses, model: await training.stepper.toModel() };
    };
    const first = await run();
    expect(first.losses.at(-1)!).toBeLessThan(first.losses[0]! * 0.8);
    const second = await run();
    expect(second.losses).toEqual(first.losses);
    expect(second.model.items).toEqual(first.model.items);
  });

  it('resumes from a checkpoint exactly where an uninterrupted run would be', async () => {
    const whole = startTraining(twoGroups(), 40, 20, config);
    const wholeLosses = (await reports(whole.epochs)).map((r) => r.loss);
    const first = startTraining(twoGroups(), 40, 20, { ...config, epochs: 12 });
    await reports(first.epochs);
    const saved = structuredClone(await first.stepper.toModel());
    const rest = startTraining(twoGroups(), 40, 20, config, undefined, { model: saved, epoch: 12 });
    const restReports = await reports(rest.epochs);
    expect(restReports[0]!.epoch).toBe(13);
    expect(restReports.map((r) => r.loss)).toEqual(wholeLosses.slice(12));
    expect((await rest.stepper.toModel()).items).toEqual((await whole.stepper.toModel()).items);
  });

  it('folds in a new user so that their group ranks first', async () => {
    const training = startTraining(twoGroups(), 40, 20, config);
    for await (const report of training.epochs) expect(report.examples).toBeGreaterThan(0);
    const liked = Uint32Array.from([11, 13, 15]);
    const model = await training.stepper.toModel();
    const user = foldIn(model, liked, new Uint8Array(3).fill(Feedback.positive), training.sampler);
    const scores = scoreAll(model, user.vector);
    const unseenB = [10, 12, 14, 16, 17, 18, 19].map((i) => scores[i]!);
    const groupA = Array.from(scores.subarray(0, 10));
    expect(Math.min(...unseenB)).toBeGreaterThan(Math.max(...groupA));
  });
});

describe('negative sampler', () => {
  it('samples in proportion to count^power and never an anime nobody liked', () => {
    const sampler = createSampler([0, 1, 4, 0, 9], 0.5, 10_000);
    const random = seededRandom(1);
    const seen = [0, 0, 0, 0, 0];
    for (let n = 0; n < 60_000; n++) seen[sampleNegative(sampler, random)]!++;
    expect(seen[0]).toBe(0);
    expect(seen[3]).toBe(0);
    expect(seen[2]! / seen[1]!).toBeCloseTo(2, 0);
    expect(seen[4]! / seen[1]!).toBeCloseTo(3, 0);
  });
});
