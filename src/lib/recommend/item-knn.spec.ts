import { describe, expect, it } from 'vitest';
import { Status, type Ratings } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';
import { seededRandom } from '$lib/model/random';
import {
  buildItemKnn,
  itemKnnScores,
  likedNeighboursOf,
  type ItemKnn,
  type ItemKnnOptions,
} from './item-knn';

/** Lists as [anime, score, status] entries, anime ascending within a user. */
function ratingsOf(lists: [number, number, number][][]): Ratings {
  const entries = lists.flat();
  const rowPtr = new Uint32Array(lists.length + 1);
  lists.forEach((list, u) => (rowPtr[u + 1] = rowPtr[u]! + list.length));
  return {
    userCount: lists.length,
    entryCount: entries.length,
    tables: ['test'],
    userTable: new Uint8Array(lists.length),
    userSourceId: Uint32Array.from(lists, (_, u) => u + 1),
    rowPtr,
    anime: Uint32Array.from(entries, (e) => e[0]),
    score: Uint8Array.from(entries, (e) => e[1]),
    status: Uint8Array.from(entries, (e) => e[2]),
  };
}

const done = Status.completed;
// Likes: user 0 {0, 1, 2}, user 1 {0, 1}, user 2 {1, 2}, user 3 {0}, user 4 {0}. Anime 3 is only
// disliked (score 3) and anime 4 only dropped: neither counts. Liked by: 0 ×4, 1 ×3, 2 ×2.
const ratings = ratingsOf([
  [
    [0, 9, done],
    [1, 0, done],
    [2, 8, Status.watching],
  ],
  [
    [0, 0, done],
    [1, 7, done],
  ],
  [
    [1, 10, done],
    [2, 0, done],
    [4, 6, Status.planToWatch],
  ],
  [
    [0, 8, done],
    [3, 3, done],
  ],
  [
    [0, 0, done],
    [4, 9, Status.dropped],
  ],
]);
const everyone = [0, 1, 2, 3, 4];
const cosine: ItemKnnOptions = { k: 10, shrink: 0, alpha: 0.5, userDamping: 0, maxUserItems: 1e9 };

function row(knn: ItemKnn, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = knn.rowPtr[i]!; p < knn.rowPtr[i + 1]!; p++)
    out.push([knn.neighbour[p]!, knn.similarity[p]!]);
  return out;
}

function expectRow(knn: ItemKnn, i: number, expected: [number, number][]): void {
  const actual = row(knn, i);
  expect(actual.map(([j]) => j)).toEqual(expected.map(([j]) => j));
  actual.forEach(([, s], n) => expect(s).toBeCloseTo(expected[n]![1], 5));
}

describe('item-kNN similarities', () => {
  it('are cosines of the liked-by sets, most similar first, without the anime itself', () => {
    const knn = buildItemKnn(ratings, 5, everyone, cosine);
    // co(0, 1) = 2, co(1, 2) = 2, co(0, 2) = 1.
    expectRow(knn, 0, [
      [1, 2 / Math.sqrt(12)],
      [2, 1 / Math.sqrt(8)],
    ]);
    expectRow(knn, 1, [
      [2, 2 / Math.sqrt(6)],
      [0, 2 / Math.sqrt(12)],
    ]);
    expectRow(knn, 2, [
      [1, 2 / Math.sqrt(6)],
      [0, 1 / Math.sqrt(8)],
    ]);
    // Disliked, dropped and planned entries are not likes.
    expect(row(knn, 3)).toEqual([]);
    expect(row(knn, 4)).toEqual([]);
  });

  it('keeps the k best, shrinks, and leans towards popular neighbours as alpha grows', () => {
    const top1 = buildItemKnn(ratings, 5, everyone, { ...cosine, k: 1 });
    expect(Array.from(top1.neighbour)).toEqual([1, 2, 1]);
    expect(Array.from(top1.rowPtr)).toEqual([0, 1, 2, 3, 3, 3]);
    const shrunk = buildItemKnn(ratings, 5, everyone, { ...cosine, shrink: 1 });
    expectRow(shrunk, 0, [
      [1, 2 / (Math.sqrt(12) + 1)],
      [2, 1 / (Math.sqrt(8) + 1)],
    ]);
    // alpha 1: co(i, j) / n(i), whatever the neighbour's popularity.
    const asymmetric = buildItemKnn(ratings, 5, everyone, { ...cosine, alpha: 1 });
    expectRow(asymmetric, 2, [
      [1, 1],
      [0, 0.5],
    ]);
  });

  it('learns only from the given users, and leaves out users with too many likes', () => {
    const firstTwo = buildItemKnn(ratings, 5, [0, 1], cosine);
    expectRow(firstTwo, 0, [
      [1, 1],
      [2, 1 / Math.sqrt(2)],
    ]);
    // Without user 0 (three likes), anime 0 and 2 were never liked together.
    const capped = buildItemKnn(ratings, 5, everyone, { ...cosine, maxUserItems: 2 });
    expectRow(capped, 0, [[1, 1 / Math.sqrt(6)]]);
    expectRow(capped, 2, [[1, 1 / Math.sqrt(2)]]);
  });

  it('weighs each user by 1 / (their likes)^userDamping', () => {
    const damped = buildItemKnn(ratings, 5, everyone, { ...cosine, userDamping: 1 });
    // co(0, 1) = 1/3 + 1/2; n(0) = 1/3 + 1/2 + 1 + 1; n(1) = 1/3 + 1/2 + 1/2.
    expect(row(damped, 0)[0]![1]).toBeCloseTo(5 / 6 / Math.sqrt((17 / 6) * (4 / 3)), 5);
  });

  it('matches a brute-force top k on random lists', () => {
    const random = seededRandom(7);
    const items = 40;
    const lists = Array.from({ length: 60 }, () => {
      const list: [number, number, number][] = [];
      for (let i = 0; i < items; i++)
        if (random() < 0.2) list.push([i, Math.floor(random() * 11), done]);
      return list;
    });
    const data = ratingsOf(lists);
    const options = { k: 4, shrink: 2, alpha: 0.6, userDamping: 0, maxUserItems: 1e9 };
    const knn = buildItemKnn(
      data,
      items,
      lists.map((_, u) => u),
      options,
    );
    const liked = lists.map(
      (list) => new Set(list.filter((e) => e[1] === 0 || e[1] >= 7).map((e) => e[0])),
    );
    const n = (i: number) => liked.filter((s) => s.has(i)).length;
    for (let i = 0; i < items; i++) {
      const expected = Array.from({ length: items }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j): [number, number] => {
          const co = liked.filter((s) => s.has(i) && s.has(j)).length;
          return [j, co / (n(i) ** 0.6 * n(j) ** 0.4 + 2)];
        })
        .filter(([, s]) => s > 0)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 4);
      expectRow(knn, i, expected);
    }
  });
});

describe('item-kNN scores', () => {
  const knn = buildItemKnn(ratings, 5, everyone, cosine);
  const list = {
    items: [0, 2, 3],
    scores: [9, 0, 2],
    feedback: [Feedback.positive, Feedback.positive, Feedback.negative],
  };

  it('sum the similarities to the liked anime, ignoring the rest', () => {
    const scores = itemKnnScores(knn, list);
    expect(scores[1]).toBeCloseTo(2 / Math.sqrt(12) + 2 / Math.sqrt(6), 5);
    expect(scores[0]).toBeCloseTo(1 / Math.sqrt(8), 5);
    expect(scores[2]).toBeCloseTo(1 / Math.sqrt(8), 5);
    expect(Array.from(scores.subarray(3))).toEqual([0, 0]);
  });

  it('read only the first neighbours of each liked anime when asked', () => {
    const first = itemKnnScores(knn, list, 1);
    for (const i of [0, 2]) {
      const best = knn.neighbour[knn.rowPtr[i]!]!;
      expect(first[best]).toBeGreaterThan(0);
    }
    expect(first.filter((s) => s > 0).length).toBeLessThanOrEqual(2);
    expect(Array.from(itemKnnScores(knn, list, 99))).toEqual(Array.from(itemKnnScores(knn, list)));
  });

  it('name the liked anime an anime is a neighbour of, most similar first', () => {
    expect(likedNeighboursOf(knn, [0, 2], 1)).toEqual([2, 0]);
    expect(likedNeighboursOf(knn, [0, 2], 4)).toEqual([]);
    // Anime 1 is the first neighbour of both, anime 0 only the second of 2.
    expect(likedNeighboursOf(knn, [2], 0)).toEqual([2]);
    expect(likedNeighboursOf(knn, [2], 0, 2, 1)).toEqual([]);
  });
});
