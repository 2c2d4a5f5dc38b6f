import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { displayTitle } from '$lib/catalogue/labels';
import { noReasons, type Explanation } from './explain';
import { agoText, allExplained, keepPicks } from './last-picks';
import type { Ranked } from './rank';

const pick = (index: number, standing: number): Ranked => ({
  index,
  score: 1 - standing / 10,
  blend: 1,
  standing,
});

describe('the last picks, kept for the next visit', () => {
  const { catalogue } = makeTestShard();
  const ranked = [pick(2, 1), pick(0, 2)];
  const shown = new Map<number, Explanation>([
    [
      2,
      {
        ...noReasons(),
        index: 2,
        continues: 1,
        becauseYouLiked: [3],
        regard: { 1: 'loved', 3: 'liked' },
      },
    ],
    [0, { ...noReasons(), index: 0, continues: null, fansOf: [1], regard: { 1: 'loved' } }],
  ]);
  const kept = keepPicks(
    catalogue,
    ranked,
    shown,
    (i) => i === 0,
    '2026-12-01T10:00:00.000Z',
    new Date('2026-12-07T10:00:00Z'),
  );
  const title = (i: number) => displayTitle(kept.catalogue, i);

  it('shows the same titles, in the same order, with the same standing', () => {
    expect(kept.ranked.map((r) => title(r.index))).toEqual([
      'Attack on Titan',
      'Fullmetal Alchemist: Brotherhood',
    ]);
    expect(kept.ranked.map((r) => r.standing)).toEqual([1, 2]);
  });

  it('names in each reason the titles the live page named', () => {
    const [first, second] = kept.explanations;
    expect(title(first!.index)).toBe('Attack on Titan');
    expect(title(first!.continues!)).toBe('Cowboy Bebop');
    expect(first!.becauseYouLiked.map(title)).toEqual(['Yubisaki']);
    expect(Object.entries(first!.regard).map(([i, regard]) => [title(Number(i)), regard])).toEqual([
      ['Cowboy Bebop', 'loved'],
      ['Yubisaki', 'liked'],
    ]);
    expect(second!.fansOf.map(title)).toEqual(['Cowboy Bebop']);
  });

  it('keeps only the titles it needs, once each, and which picks are planned', () => {
    expect(kept.catalogue.size).toBe(4);
    expect(kept.planned.map(title)).toEqual(['Fullmetal Alchemist: Brotherhood']);
    const one = keepPicks(catalogue, [pick(1, 1)], new Map(), () => false, '', new Date());
    expect(one.catalogue.size).toBe(1);
    expect(one.explanations).toEqual([]);
  });

  it('is kept only once every pick has its reasons', () => {
    expect(allExplained(ranked, shown)).toBe(true);
    expect(allExplained([...ranked, pick(3, 3)], shown)).toBe(false);
  });
});

describe('when the picks were shown, in words', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  it.each([
    [10_000, 'just now'],
    [60_000, '1 minute ago'],
    [45 * 60_000, '45 minutes ago'],
    [3 * 3_600_000, '3 hours ago'],
    [30 * 3_600_000, 'yesterday'],
    [5 * 86_400_000, '5 days ago'],
    [-60_000, 'just now'],
  ])('%i ms ago: %s', (ms, words) => expect(agoText(before(ms), now)).toBe(words));
});
