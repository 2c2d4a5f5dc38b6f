import { describe, expect, it } from 'vitest';
import { seededRandom } from '$lib/model/random';
import {
  buildEase,
  easeScores,
  easeWeights,
  gramMatrix,
  invertSpd,
  selectItems,
  type Likes,
} from './ease';
import { topK } from '$lib/evaluation/metrics';

/** Random binary likes: `users` × `items`, each liked with probability `density`. */
function randomLikes(users: number, items: number, density: number, seed: number): Likes {
  const random = seededRandom(seed);
  const u: number[] = [];
  const i: number[] = [];
  for (let user = 0; user < users; user++) {
    for (let item = 0; item < items; item++) {
      if (random() < density) {
        u.push(user);
        i.push(item);
      }
    }
  }
  return { users: u, items: i };
}

function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++)
      for (let j = 0; j < n; j++) out[i * n + j]! += a[i * n + k]! * b[k * n + j]!;
  return out;
}

describe('EASE', () => {
  const n = 12;
  const likes = randomLikes(40, n, 0.3, 7);
  const identity = new Int32Array(n).map((_, i) => i);

  it('inverts G + λI: the product with the inverse is the identity', () => {
    const g = gramMatrix(likes, identity, n);
    for (let i = 0; i < n; i++) g[i * n + i]! += 3;
    const product = multiply(g, invertSpd(g, n), n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) expect(product[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 10);
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it('counts co-likes in G once per user', () => {
    const g = gramMatrix(
      { users: [0, 0, 0, 1, 1], items: [0, 1, 1, 1, 2] },
      Int32Array.from([0, 1, 2]),
      3,
    );
    expect(Array.from(g)).toEqual([1, 1, 0, 1, 2, 1, 0, 1, 1]);
  });

  it('gives B a zero diagonal and B_ij = −P_ij / P_jj off it', () => {
    const g = gramMatrix(likes, identity, n);
    const b = easeWeights(g, n, 5);
    const regularised = g.slice();
    for (let i = 0; i < n; i++) regularised[i * n + i]! += 5;
    const p = invertSpd(regularised, n);
    for (let i = 0; i < n; i++) {
      expect(b[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        if (i !== j) expect(b[i * n + j]).toBeCloseTo(-p[i * n + j]! / p[j * n + j]!, 12);
      }
    }
    // B = I − P·diag(1/P_jj), so (G + λI)B = G + λI − diag(1/P_jj): G again off the diagonal.
    const gb = multiply(regularised, b, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (i !== j) expect(gb[i * n + j]).toBeCloseTo(g[i * n + j]!, 8);
    }
  });

  it('ranks an anime co-liked with the user’s above one never co-liked', () => {
    // Items 0–2 are liked together by ten users, 3–6 by twelve others, 7 by two (too few).
    const users: number[] = [];
    const items: number[] = [];
    const add = (user: number, list: number[]) =>
      list.forEach((item) => {
        users.push(user);
        items.push(item);
      });
    for (let u = 0; u < 10; u++) add(u, [0, 1, 2]);
    for (let u = 10; u < 22; u++) add(u, [3, 4, 5, 6]);
    add(22, [7]);
    add(23, [7, 7]);
    const model = buildEase({ users, items }, 8, { lambda: 1, minLikes: 3, maxItems: 100 });
    expect(Array.from(model.items)).toEqual([3, 4, 5, 6, 0, 1, 2]);
    const scores = easeScores(model, [0, 1]);
    expect(scores[2]).toBeGreaterThan(0);
    for (const other of [3, 4, 5, 6]) expect(scores[2]).toBeGreaterThan(scores[other]!);
    expect(scores[7]).toBe(-Infinity);
    const excluded = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(topK(scores, 1, excluded)[0]).toBe(2);
  });

  it('keeps anime with enough likes, most-liked first, at most maxItems', () => {
    const counts = [4, 9, 5, 1, 9, 6];
    const chosen = selectItems(counts, { lambda: 1, minLikes: 5, maxItems: 3 });
    expect(Array.from(chosen)).toEqual([1, 4, 5]);
  });
});
