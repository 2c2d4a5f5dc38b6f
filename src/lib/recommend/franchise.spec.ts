import { describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/data/shard-types';
import { franchiseKey, groupFranchises, unreadyContinuations } from './franchise';

describe('franchiseKey, on real MAL titles', () => {
  it.each([
    ['Shingeki no Kyojin', 'shingeki no kyojin'],
    ['Shingeki no Kyojin Season 3 Part 2', 'shingeki no kyojin'],
    ['Shingeki no Kyojin: The Final Season - Kanketsu-hen', 'shingeki no kyojin'],
    ['Shingeki no Kyojin Movie 1: Guren no Yumiya', 'shingeki no kyojin'],
    ['Boku no Hero Academia 2nd Season', 'boku no hero academia'],
    ['Boku no Hero Academia the Movie 2: Heroes:Rising', 'boku no hero academia'],
    ['Boku no Hero Academia (ONA)', 'boku no hero academia'],
    ['Kaguya-sama wa Kokurasetai? Tensai-tachi no Renai Zunousen', 'kaguya sama wa kokurasetai'],
    ['Kaguya-sama wa Kokurasetai: Ultra Romantic', 'kaguya sama wa kokurasetai'],
    ["Gintama'", 'gintama'],
    ['Gintama°', 'gintama'],
    ['Gintama. Shirogane no Tamashii-hen', 'gintama'],
    ['Mob Psycho 100', 'mob psycho 100'],
    ['Mob Psycho 100 II', 'mob psycho 100'],
    ['One Punch Man 3', 'one punch man'],
    [
      'Re:Zero kara Hajimeru Isekai Seikatsu 2nd Season Part 2',
      're zero kara hajimeru isekai seikatsu',
    ],
    [
      'Re:Zero kara Hajimeru Isekai Seikatsu - Memory Snow',
      're zero kara hajimeru isekai seikatsu',
    ],
    ['Fate/Zero 2nd Season', 'fate zero'],
    ['Dr. Stone', 'dr stone'],
    ['86', '86'],
    ['K-On!!', 'k on'],
  ])('%s → %s', (title, key) => {
    expect(franchiseKey(title)).toBe(key);
  });

  it('keeps different franchises apart', () => {
    expect(franchiseKey('Fate/stay night')).not.toBe(franchiseKey('Fate/Zero'));
    expect(franchiseKey('Kimi no Na wa.')).not.toBe(franchiseKey('Kimi no Koe'));
  });
});

function catalogueOf(rows: [string, number, number][]): Catalogue {
  return {
    size: rows.length,
    malId: Uint32Array.from(rows, (_, i) => 100 + i),
    title: rows.map(([t]) => t),
    year: Uint16Array.from(rows, ([, y]) => y),
    season: Uint8Array.from(rows, ([, , s]) => s),
  } as Catalogue;
}

describe('groupFranchises and unreadyContinuations', () => {
  const c = catalogueOf([
    ['Fate/kaleid liner Prisma☆Illya 2wei!', 2014, 3],
    ['Shingeki no Kyojin Season 2', 2017, 2],
    ['Shingeki no Kyojin', 2013, 2],
    ['Shingeki no Kyojin: The Final Season', 2021, 1],
    ['Fate/kaleid liner Prisma☆Illya', 2013, 3],
    ['Cowboy Bebop', 1998, 2],
    ['Shingeki no Kyojin: The Final Season - Kanketsu-hen', 0, 0],
  ]);
  const f = groupFranchises(c);

  it('groups by base title and orders by air date, unaired last', () => {
    expect(f.members.get(f.group[1]!)).toEqual([2, 1, 3, 6]);
    expect(f.group[0]).toBe(f.group[4]);
    expect(f.order[4]).toBe(0);
    expect(f.members.get(f.group[5]!)).toEqual([5]);
  });

  it('holds back continuations until an earlier entry is seen', () => {
    const none = unreadyContinuations(f, new Uint8Array(c.size));
    expect([...none]).toEqual([1, 1, 0, 1, 0, 0, 1]);
    const sawFirst = new Uint8Array(c.size);
    sawFirst[2] = 1;
    expect([...unreadyContinuations(f, sawFirst)]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    const sawSecond = new Uint8Array(c.size);
    sawSecond[1] = 1;
    // Season 1 stays recommendable; later entries open up once any earlier one is seen.
    expect([...unreadyContinuations(f, sawSecond)].slice(2, 4)).toEqual([0, 0]);
  });
});
