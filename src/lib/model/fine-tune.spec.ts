import { describe, expect, it } from 'vitest';
import { DEFAULT_FINE_TUNE, fineTune, fineTuneNow } from './fine-tune';
import { Feedback } from './interactions';
import { createModel, scoreAll, type NcfModel } from './ncf-model';
import { createSampler } from './negative-sampler';
import { plainStepper, type Stepper } from './train-loop';

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
    await fineTune(setUp(), { onEpoch: (e) => void seen.push(e) });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('runs every epoch on the stepper it is given and returns what that stepper trained', async () => {
    const rates: number[] = [];
    let disposed = false;
    let stepped: NcfModel | null = null;
    const makeStepper = (initial: NcfModel): Stepper => {
      const plain = plainStepper(initial);
      stepped = initial;
      return {
        train: (examples, rate, l2) => (rates.push(rate), plain.train(examples, rate, l2)),
        toModel: () => plain.toModel(),
        dispose: () => void (disposed = true),
      };
    };
    const job = setUp();
    const tuned = await fineTune(job, { makeStepper });
    const { learningRate, decay } = DEFAULT_FINE_TUNE;
    expect(rates).toEqual([learningRate, learningRate * decay, learningRate * decay ** 2]);
    expect(disposed).toBe(true);
    // The anime the stepper trained are the ones returned, and they moved from the base's.
    expect(tuned.model.items).toEqual(stepped!.items);
    expect(tuned.model.items).not.toEqual(job.base.items);
    // The synchronous harness path takes the same steps on the plain loop.
    expect(fineTuneNow(setUp()).model.items).toEqual(tuned.model.items);
  });
});
