import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { averageFan, type AverageFan } from './average-fan';
import { countedTitles, tasteProfile } from './taste-profile';
import {
  bestScoredStudio,
  furthestAbove,
  nicheSentence,
  rulesSentence,
  scoreSentence,
  shareSentence,
  studioSentence,
  topShares,
  yearSentence,
} from './taste-summary';

const shard = makeTestShard();
const { catalogue } = shard;
const counted = countedTitles(
  [
    { malId: 5114, title: '', status: 'completed', score: 9 },
    { malId: 1, title: '', status: 'dropped', score: 4 },
    { malId: 16498, title: '', status: 'on_hold', score: 8 },
    { malId: 9326, title: '', status: 'plan_to_watch', score: 0 },
  ],
  [],
  catalogue,
);
const profile = tasteProfile(counted, catalogue);
const fan: AverageFan = {
  ...averageFan(shard.ratings, catalogue),
  scoreVsMal: 0.24,
  scoreUsers: 9,
};

describe('the rows of a share chart', () => {
  const labels = ['A', 'B', 'C', 'D'];
  it('lists the labels the user has most, with the average fan’s share beside', () => {
    expect(topShares([0.5, 0.4, 0, 0.4], [0.6, 0.1, 0.3, 0.2], labels, 2)).toEqual([
      { label: 'A', yours: 0.5, fan: 0.6 },
      { label: 'D', yours: 0.4, fan: 0.2 },
    ]);
  });

  it('finds the label furthest above the average fan, or none', () => {
    expect(furthestAbove([0.5, 0.4, 0, 0.4], [0.6, 0.1, 0.3, 0.2], labels)?.label).toBe('B');
    expect(furthestAbove([0.1, 0.1], [0.2, 0.3], labels)).toBeNull();
  });
});

describe('the sentences beside the charts', () => {
  it('names the most frequent genre and where the list is furthest above the average fan', () => {
    expect(shareSentence('genre', [0.5, 0.4, 0.1], [0.6, 0.1, 0.05], ['A', 'B', 'C'])).toBe(
      'Your most frequent genre is A: 50% of your titles, against 60% for the average fan. ' +
        'Furthest above the average fan: B (40% against 10%).',
    );
    expect(shareSentence('theme', [0.5, 0.1], [0.1, 0.05], ['A', 'B'])).toBe(
      'Your most frequent theme is A: 50% of your titles, against 10% for the average fan. ' +
        'It is also the theme where you are furthest above the average fan.',
    );
    expect(shareSentence('theme', [], [], [])).toBe(
      'None of your titles has a theme in the dataset.',
    );
  });

  it('says how the scores differ from MAL’s, for the user and the average fan', () => {
    // 9, 4, 8 against 9.10, 8.75, 8.54.
    expect(scoreSentence(profile.scores, fan)).toBe(
      "You score 1.8 lower than MAL on average: your mean is 7.00 and MAL's 8.80 over the same " +
        '3 titles. The average fan scores 0.2 higher than MAL.',
    );
    const same = { ...profile.scores, difference: 0.04 };
    expect(scoreSentence(same, null)).toMatch(/^You score the same as MAL on average/);
  });

  it('says how niche the list is against the average fan', () => {
    // Middle title: 3,000,000 members; the average fan's: 1,650,250.
    expect(nicheSentence(profile.members, fan)).toBe(
      'The middle title of your list has 3,000,000 members on MAL (half have more, half fewer); ' +
        "the average fan's middle title has 1,650,250. Your list is more mainstream than the average fan's.",
    );
    const niche = { ...profile.members, median: 100_000 };
    expect(nicheSentence(niche, fan)).toMatch(/more niche than the average fan's\.$/);
    const alike = { ...profile.members, median: 2_000_000 };
    expect(nicheSentence(alike, fan)).toMatch(/about as mainstream as the average fan's\.$/);
  });

  it('names the most-watched studio and the best-scored one with enough scores', () => {
    expect(studioSentence(profile.studios)).toBe(
      'Your most-watched studio is Bones: 1 title, which you score 9.0 on average.',
    );
    const rows = [
      { name: 'Madhouse', titles: 5, scored: 2, meanScore: 9.5 },
      { name: 'Sunrise', titles: 4, scored: 4, meanScore: 7.25 },
      { name: 'Bones', titles: 3, scored: 3, meanScore: 8 },
    ];
    expect(bestScoredStudio(rows)?.name).toBe('Bones');
    expect(studioSentence(rows)).toBe(
      'Your most-watched studio is Madhouse: 5 titles, which you score 9.5 on average. ' +
        'Your highest-scored studio (3 or more scored titles) is Bones, at 8.0.',
    );
  });

  it('gives the span of years, the busiest year and the median year', () => {
    expect(yearSentence(profile.years)).toBe(
      'Your titles premiered from 1998 to 2013; the busiest year is 1998 with 1 title, and half ' +
        'premiered in 2009 or later.',
    );
    const years = [
      { year: 2000, titles: 1 },
      { year: 2001, titles: 5 },
      { year: 2002, titles: 2 },
    ];
    expect(yearSentence(years)).toMatch(
      /busiest year is 2001 with 5 titles, and half premiered in 2001 or later\.$/,
    );
  });

  it('states the counting rule with what was left out', () => {
    expect(rulesSentence(counted, fan)).toBe(
      'Counted: the 3 titles on your list you have seen at least in part (watching, completed, ' +
        'on hold, dropped); left out: 1 planned. Scores: only the titles you scored. The average ' +
        "fan: the mean of 2 users' lists in the dataset, counted the same way.",
    );
  });
});
