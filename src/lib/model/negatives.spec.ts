import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLD_IN, foldIn } from './fold-in';
import { Feedback } from './interactions';
import { createModel } from './ncf-model';
import { epochExamples, ownItems, ownsItem, type Interactions } from './ncf-train';
import { createSampler } from './negative-sampler';
import { seededRandom } from './random';

/** Two users over 8 anime; user 0 has liked 0–3 (the popular ones), user 1 has liked 4. */
function lists(): Interactions {
  const users = [0, 0, 0, 0, 1];
  const items = [3, 0, 2, 1, 4];
  return {
    users: Uint32Array.from(users),
    items: Uint32Array.from(items),
    feedback: new Uint8Array(users.length).fill(Feedback.positive),
  };
}

describe('sampled negatives', () => {
  it('indexes each user’s own anime', () => {
    const own = ownItems(lists());
    expect([0, 1, 2, 3, 4, 5].map((i) => ownsItem(own, 0, i))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([3, 4].map((i) => ownsItem(own, 1, i))).toEqual([false, true]);
  });

  it('are never one of the user’s own anime in training', () => {
    // Half the sampling mass is on anime 0–3, which user 0 has liked.
    const sampler = createSampler([1, 1, 1, 1, 1, 1, 1, 1], 1);
    const data = lists();
    const examples = epochExamples(data, 20, sampler, seededRandom(4));
    let negatives = 0;
    for (let e = 0; e < examples.count; e++) {
      if (examples.labels[e] !== 0) continue;
      negatives++;
      const user = examples.users[e]!;
      const item = examples.items[e]!;
      const mine = Array.from(data.items).filter((_, k) => data.users[k] === user);
      expect(mine).not.toContain(item);
    }
    expect(negatives).toBe(5 * 20);
  });

  it('are never one of the user’s own anime in the fold-in', () => {
    const model = createModel(1, 8, 4, 2);
    const random = seededRandom(9);
    model.items = model.items.map(() => random() * 2 - 1);
    // Most of the sampling mass is on the anime the user liked.
    const sampler = createSampler([20, 20, 20, 20, 1, 1, 1, 1], 1);
    const liked = Uint32Array.from([0, 1, 2, 3]);
    const user = foldIn(
      model,
      liked,
      new Uint8Array(4).fill(Feedback.positive),
      sampler,
      DEFAULT_FOLD_IN,
    );
    // Trained only as positives, each liked anime scores above every unliked one.
    const score = (i: number) => {
      let x = model.itemBias[i]!;
      for (let d = 0; d < 4; d++) x += user.vector[d]! * model.items[i * 4 + d]!;
      return x;
    };
    const likedScores = [0, 1, 2, 3].map(score);
    const others = [4, 5, 6, 7].map(score);
    expect(Math.min(...likedScores)).toBeGreaterThan(Math.max(...others));
  });

  it('the fold-in returns the mean of its iterates from `averageFrom` on', () => {
    const model = createModel(1, 8, 4, 2);
    const sampler = createSampler([5, 5, 5, 5, 1, 1, 1, 1], 1);
    const args = [
      model,
      Uint32Array.from([0, 5, 6]),
      Uint8Array.from([Feedback.positive, Feedback.positive, Feedback.negative]),
      sampler,
    ] as const;
    const config = { ...DEFAULT_FOLD_IN, epochs: 9, averageFrom: 0.5 };
    const averaged = foldIn(...args, config);
    // The rate and the random draws of epoch e do not depend on the run's length, so a run of
    // e + 1 epochs that keeps its last iterate ends where the long run was after epoch e.
    const iterate = (epoch: number) =>
      foldIn(...args, { ...config, epochs: epoch + 1, averageFrom: 1 });
    const kept = [4, 5, 6, 7, 8].map(iterate);
    for (let d = 0; d < 4; d++) {
      const mean = kept.reduce((sum, u) => sum + u.vector[d]!, 0) / kept.length;
      expect(averaged.vector[d]).toBeCloseTo(mean, 6);
    }
    expect(averaged.bias).toBeCloseTo(kept.reduce((sum, u) => sum + u.bias, 0) / kept.length, 6);
    // The iterates still move over those epochs, so the mean is not any one of them.
    expect(Math.abs(kept[4]!.vector[0]! - kept[0]!.vector[0]!)).toBeGreaterThan(1e-4);
    expect(Array.from(foldIn(...args, { ...config, averageFrom: 1 }).vector)).toEqual(
      Array.from(kept[4]!.vector),
    );
  });
});
