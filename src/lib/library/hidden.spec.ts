import { describe, expect, it } from 'vitest';
import { hiddenMask } from './hidden';

describe('hiddenMask', () => {
  // Anime 0–5 with MAL ids 10–15; anime 1, 3 and 4 are one franchise (group 1).
  const lookup = { byMalId: new Map([10, 11, 12, 13, 14, 15].map((id, i) => [id, i])) };
  const franchises = { group: Int32Array.from([0, 1, 2, 1, 1, 5]) };

  it('hides a title alone, or every entry of its franchise', () => {
    expect([...hiddenMask([{ malId: 13, franchise: false }], lookup, franchises)]).toEqual([
      0, 0, 0, 1, 0, 0,
    ]);
    expect([...hiddenMask([{ malId: 13, franchise: true }], lookup, franchises)]).toEqual([
      0, 1, 0, 1, 1, 0,
    ]);
  });

  it('combines choices and skips titles the catalogue does not have', () => {
    const hidden = [
      { malId: 10, franchise: true },
      { malId: 99, franchise: true },
      { malId: 15, franchise: false },
    ];
    expect([...hiddenMask(hidden, lookup, franchises)]).toEqual([1, 0, 0, 0, 0, 1]);
  });
});
