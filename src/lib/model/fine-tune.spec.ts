import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE, fineTune } from './fine-tune';
import { Feedback } from './interactions';
import { createModel, scoreAll } from './ncf-model';
import { createSampler } from './negative-sampler';

/** Ten other users who each like anime 0–4; the new user likes 5 and 6 and dropped 7. */
function setUp() {
  const base = createModel(10, 12, 8, 5);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 10; u++)
    for (let i = 0; i < 5; i++) {
      users.push(u);
      items.push(i);
    }
  const others = {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: new Uint8Array(users.length).fill(Feedback.positive),
  };
  const user = {
    items: Uint32Array.from([5, 6, 7]),
    feedback: Uint8Array.from([Feedback.positive, Feedback.positive, Feedback.negative]),
  };
  const sampler = createSampler(new Float32Array(12).fill(1), 0.75);
  const start = { vector: new Float32Array(8), bias: 0 };
  return { base, others, user, sampler, start };
}

describe('fine-tuning with one list', () => {
  it('adds the user as a new row and leaves the base model untouched', async () => {
    const job = setUp();
    const { base } = job;
    const before = base.items.slice();
    const tuned = await fineTune(job);
    expect(tuned.userRow).toBe(10);
    expect(tuned.model.userCount).toBe(11);
    expect(tuned.model.users.length).toBe(11 * 8);
    expect(base.items).toEqual(before);
    expect(base.userCount).toBe(10);
    expect(tuned.examples).toBeGreaterThan(0);
  });

  it('moves the user towards what they liked and away from what they dropped', async () => {
    const config = { ...DEFAULT_FINE_TUNE, epochs: 30, learningRate: 0.1, decay: 1 };
    const tuned = await fineTune({ ...setUp(), config });
    const row = tuned.model.users.slice(tuned.userRow * 8, (tuned.userRow + 1) * 8);
    const scores = scoreAll(tuned.model, row);
    expect(Math.min(scores[5]!, scores[6]!)).toBeGreaterThan(scores[7]!);
    const unseen = [8, 9, 10, 11].map((i) => scores[i]!);
    expect(Math.min(scores[5]!, scores[6]!)).toBeGreaterThan(Math.max(...unseen));
  });

  it('replays other users, so their liked anime keep a high score for them', async () => {
    const config = { ...DEFAULT_FINE_TUNE, epochs: 30, learningRate: 0.1, decay: 1 };
    const tuned = await fineTune({ ...setUp(), config });
    const other = tuned.model.users.slice(0, 8);
    const scores = scoreAll(tuned.model, other);
    expect(Math.min(...[0, 1, 2, 3, 4].map((i) => scores[i]!))).toBeGreaterThan(scores[7]!);
  });

  it('calls back after every epoch (the worker yields there)', async () => {
    const seen: number[] = [];
    await fineTune(setUp(), (e) => {
      seen.push(e);
    });
    expect(seen).toEqual([1, 2, 3]);
  });
});
