import { describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/data/shard-types';
import { Status } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';
import { franchiseKey, franchiseRules, groupFranchises, likedPredecessor } from './franchise';
import { Opinion, opinions } from '$lib/library/opinions';

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

const TYPES = ['TV', 'Movie', 'ONA', 'OVA', 'Special'];

function catalogueOf(rows: [string, number, number, string?][]): Catalogue {
  return {
    size: rows.length,
    type: { labels: TYPES, codes: Uint8Array.from(rows, ([, , , t]) => TYPES.indexOf(t ?? 'TV')) },
    malId: Uint32Array.from(rows, (_, i) => 100 + i),
    title: rows.map(([t]) => t),
    year: Uint16Array.from(rows, ([, y]) => y),
    season: Uint8Array.from(rows, ([, , s]) => s),
  } as Catalogue;
}

describe('groupFranchises and franchiseRules', () => {
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

  const L = Opinion.liked;
  const D = Opinion.disliked;
  const N = Opinion.neutral;
  const opinion = (set: Record<number, number>) => {
    const out = new Uint8Array(c.size);
    for (const [i, o] of Object.entries(set)) out[Number(i)] = o;
    return out;
  };

  it('holds back continuations until an earlier entry is liked', () => {
    expect([...franchiseRules(f, opinion({})).blocked]).toEqual([1, 1, 0, 1, 0, 0, 1]);
    expect([...franchiseRules(f, opinion({ 2: L })).blocked]).toEqual([1, 0, 0, 0, 0, 0, 0]);
    // Seen but only a 6 or on hold: not enough to recommend what follows.
    expect([...franchiseRules(f, opinion({ 2: N })).blocked]).toEqual([1, 1, 0, 1, 0, 0, 1]);
    // Season 1 stays recommendable; later entries open up once an earlier one is liked.
    expect([...franchiseRules(f, opinion({ 1: L })).blocked].slice(2, 4)).toEqual([0, 0]);
  });

  it('never recommends what follows an entry the user dropped or scored low', () => {
    // Liked season 1, dropped season 2: the final season and its sequel stay out.
    const rules = franchiseRules(f, opinion({ 2: L, 1: D }));
    expect([rules.blocked[3], rules.blocked[6]]).toEqual([1, 1]);
    expect(rules.dislikedFranchise[3]).toBe(0);
    // Liked again after the drop: what follows the liked entry opens up.
    expect(franchiseRules(f, opinion({ 2: L, 1: D, 3: L })).blocked[6]).toBe(0);
  });

  it('marks a franchise whose every seen entry is disliked, and only that one', () => {
    const rules = franchiseRules(f, opinion({ 2: D, 1: D, 0: L }));
    expect([2, 1, 3, 6].map((i) => rules.dislikedFranchise[i])).toEqual([1, 1, 1, 1]);
    expect([0, 4, 5].map((i) => rules.dislikedFranchise[i])).toEqual([0, 0, 0]);
    expect(franchiseRules(f, opinion({ 2: D, 1: N })).dislikedFranchise[3]).toBe(0);
  });

  it('names only a liked entry as the one a continuation follows', () => {
    expect(likedPredecessor(f, opinion({ 2: L, 1: D }), 3)).toBe(2);
    expect(likedPredecessor(f, opinion({ 2: N, 1: D }), 3)).toBeNull();
  });

  it('names the series a pick follows, not a liked special or recap film after it', () => {
    const sg = catalogueOf([
      ['Steins;Gate', 2011, 2],
      ['Steins;Gate: Oukoubakko no Poriomania', 2012, 1, 'Special'],
      ['Steins;Gate Movie: Fuka Ryouiki no Deja vu', 2013, 2, 'Movie'],
      ['Steins;Gate 0', 2018, 2],
      ['Steins;Gate 0: Kesshou Takei no Valentine', 2018, 3, 'Special'],
    ]);
    const groups = groupFranchises(sg);
    const liked = (indices: number[]) => {
      const out = new Uint8Array(sg.size);
      for (const i of indices) out[i] = L;
      return out;
    };
    // The film follows the series, though the special after it is liked too.
    expect(likedPredecessor(groups, liked([0, 1]), 2)).toBe(0);
    // Steins;Gate 0 follows the film when only the film and the special are liked.
    expect(likedPredecessor(groups, liked([1, 2]), 3)).toBe(2);
    // A special is named only when nothing else before the pick is liked.
    expect(likedPredecessor(groups, liked([1]), 2)).toBe(1);
    expect(likedPredecessor(groups, liked([0, 2, 3, 4]), 4)).toBe(3);
  });

  it('reads a list: planned is unseen, 7+ liked, dropped or 1–5 disliked, a 6 neutral', () => {
    const o = opinions(
      [0, 1, 2, 3, 4],
      [
        Feedback.positive,
        Feedback.negative,
        Feedback.neutral,
        Feedback.positive,
        Feedback.negative,
      ],
      [Status.completed, Status.dropped, Status.completed, Status.planToWatch, 0],
      6,
    );
    expect([...o]).toEqual([L, D, N, 0, D, 0]);
  });
});
