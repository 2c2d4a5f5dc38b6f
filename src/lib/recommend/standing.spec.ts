import { describe, expect, it } from 'vitest';
import { Standings } from './standing';

describe('Standings', () => {
  it('counts the franchises whose best pick scores higher, its own franchise aside', () => {
    const standings = new Standings(11);
    // Franchise 7 has two picks (5 and 2); franchises 8 and 9 one each.
    for (const [group, score] of [
      [7, 5],
      [7, 2],
      [8, 4],
      [9, 1],
    ] as const)
      standings.add(group, score);
    expect(standings.of(7, 5)).toBe(1);
    expect(standings.of(8, 4)).toBe(2);
    // Franchise 7's weaker pick stands where its franchise does not push it down.
    expect(standings.of(7, 2)).toBe(2);
    expect(standings.of(9, 1)).toBe(3);
    // A tie is not ahead.
    standings.add(10, 4);
    expect(standings.of(8, 4)).toBe(2);
  });
});
