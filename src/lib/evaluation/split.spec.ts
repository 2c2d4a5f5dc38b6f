import { describe, expect, it } from 'vitest';
import type { Ratings } from '$lib/data/shard-types';
import { splitUsers } from './split';

function ratingsOf(lists: number[][]): Ratings {
  const rowPtr = new Uint32Array(lists.length + 1);
  lists.forEach((l, u) => (rowPtr[u + 1] = rowPtr[u]! + l.length));
  const anime = Uint32Array.from(lists.flat());
  return {
    userCount: lists.length,
    entryCount: anime.length,
    tables: ['t'],
    userTable: new Uint8Array(lists.length),
    userSourceId: new Uint32Array(lists.length),
    rowPtr,
    anime,
    score: new Uint8Array(anime.length).fill(8),
    status: new Uint8Array(anime.length).fill(2),
  };
}

describe('splitUsers', () => {
  const lists = Array.from({ length: 1000 }, (_, u) =>
    Array.from({ length: 50 }, (_, i) => (u + i * 7) % 400).sort((a, b) => a - b),
  );
  const ratings = ratingsOf(lists.map((l) => [...new Set(l)]));

  it('puts about a fifth of users in test and splits their lists about 80/20', () => {
    const split = splitUsers(ratings);
    expect(split.testUsers.length).toBeGreaterThan(150);
    expect(split.testUsers.length).toBeLessThan(250);
    expect(split.trainUsers.length + split.testUsers.length).toBe(1000);
    const input = split.testUsers.reduce((s, t) => s + t.input.length, 0);
    const heldOut = split.testUsers.reduce((s, t) => s + t.heldOut.length, 0);
    expect(input / (input + heldOut)).toBeGreaterThan(0.75);
    expect(input / (input + heldOut)).toBeLessThan(0.85);
    for (const t of split.testUsers) {
      const all = [...t.input, ...t.heldOut].sort((a, b) => a - b);
      const expected = Array.from(
        { length: ratings.rowPtr[t.user + 1]! - ratings.rowPtr[t.user]! },
        (_, k) => ratings.rowPtr[t.user]! + k,
      );
      expect(all).toEqual(expected);
    }
  });

  it('is deterministic and depends on the seed', () => {
    const a = splitUsers(ratings);
    expect(splitUsers(ratings)).toEqual(a);
    const b = splitUsers(ratings, { testFraction: 0.2, inputFraction: 0.8, seed: 99 });
    expect(b.testUsers.map((t) => t.user)).not.toEqual(a.testUsers.map((t) => t.user));
  });
});
