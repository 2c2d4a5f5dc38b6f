import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { countedTitles, tasteProfile, type TasteEntry } from './taste-profile';

const { catalogue } = makeTestShard();
// Catalogue: 0 FMA:B (5114), 1 Cowboy Bebop (1), 2 Attack on Titan (16498), 3 Yubisaki (9326).
const entries: TasteEntry[] = [
  { malId: 5114, title: 'Fullmetal', status: 'completed', score: 9 },
  { malId: 1, title: 'Cowboy Bebop', status: 'dropped', score: 4 },
  { malId: 16498, title: 'Attack on Titan', status: 'plan_to_watch', score: 0 },
  { malId: 9326, title: 'Yubisaki', status: 'watching', score: 0 },
  { malId: 999_999, title: 'Not In The Dataset', status: 'completed', score: 7 },
  { malId: null, title: 'Attack on Titan', status: 'on_hold', score: 8 },
  { malId: 5114, title: 'Fullmetal again', status: 'completed', score: 2 },
];
const counted = countedTitles(entries, [{ malId: 9326 }], catalogue);
const profile = tasteProfile(counted, catalogue);

describe('the titles Your taste counts', () => {
  it('counts seen titles once each, matched by id or title; leaves out planned, hidden and unknown', () => {
    expect(counted.items).toEqual([0, 1, 2]);
    expect(counted.scores).toEqual([9, 4, 8]);
    expect(counted).toMatchObject({ planned: 1, hidden: 1, unmatched: 1 });
  });

  it('leaves out a title hidden with Not interested even when the list names it by title', () => {
    const byTitle = countedTitles(
      [{ malId: null, title: 'Cowboy Bebop', status: 'completed', score: 8 }],
      [{ malId: 1 }],
      catalogue,
    );
    expect(byTitle).toMatchObject({ items: [], hidden: 1 });
  });

  it('counts entries without a status (a CSV of scores) as seen', () => {
    const plain = countedTitles([{ malId: 1, title: '', status: '', score: 6 }], [], catalogue);
    expect(plain.items).toEqual([1]);
  });
});

describe('a taste profile', () => {
  it('gives each genre’s share of the titles', () => {
    expect(profile.titles).toBe(3);
    // Action: all three; Drama: FMA:B and Attack on Titan; Hentai: none (Yubisaki is hidden).
    expect(profile.genres).toEqual([1, 2 / 3, 0]);
  });

  it('sets the scores beside MAL’s means of the same titles', () => {
    const { scores } = profile;
    expect(scores.scored).toBe(3);
    expect(scores.yours).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 1, 0]);
    // 9.10, 8.75 and 8.54 all round to 9.
    expect(scores.mal).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 3, 0]);
    expect(scores.yourMean).toBe(7);
    expect(scores.malMean).toBeCloseTo((9.1 + 8.75 + 8.54) / 3, 10);
    expect(scores.difference).toBeCloseTo(7 - (9.1 + 8.75 + 8.54) / 3, 10);
  });

  it('leaves titles without a MAL mean or a score of the user out of the score comparison', () => {
    const some = tasteProfile(
      countedTitles(
        [
          { malId: 9326, title: '', status: 'completed', score: 5 },
          { malId: 1, title: '', status: 'completed', score: 0 },
        ],
        [],
        catalogue,
      ),
      catalogue,
    );
    expect(some.scores).toMatchObject({ scored: 0, yourMean: 0, malMean: 0, difference: 0 });
  });

  it('measures how niche the titles are by their MAL members', () => {
    expect(profile.members).toEqual({ known: 3, median: 3_000_000, buckets: [0, 0, 0, 0, 1] });
  });

  it('ranks studios by titles, then by the user’s mean score', () => {
    expect(profile.studios).toEqual([
      { name: 'Bones', titles: 1, scored: 1, meanScore: 9 },
      { name: 'Wit Studio', titles: 1, scored: 1, meanScore: 8 },
      { name: 'Sunrise', titles: 1, scored: 1, meanScore: 4 },
    ]);
  });

  it('counts titles per premiere year, every year between the first and the last', () => {
    expect(profile.years).toHaveLength(2013 - 1998 + 1);
    expect(profile.years[0]).toEqual({ year: 1998, titles: 1 });
    expect(profile.years.filter((y) => y.titles > 0).map((y) => y.year)).toEqual([
      1998, 2009, 2013,
    ]);
  });

  it('is empty, not broken, for a list with nothing that counts', () => {
    const none = tasteProfile(countedTitles([], [], catalogue), catalogue);
    expect(none).toMatchObject({ titles: 0, genres: [0, 0, 0], studios: [], years: [] });
    expect(none.members).toEqual({ known: 0, median: 0, buckets: [0, 0, 0, 0, 0] });
  });
});
