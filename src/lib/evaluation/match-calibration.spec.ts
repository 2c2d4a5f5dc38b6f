import { describe, expect, it } from 'vitest';
import {
  hitRate,
  isotonicSteps,
  levelSummary,
  matchThresholds,
  bootstrapThresholds,
  thresholdFor,
  type ShownCard,
} from './match-calibration';

const card = (score: number, hit: boolean, position = 1): ShownCard => ({ score, hit, position });

describe('isotonicSteps', () => {
  it('pools scores whose hit rates fall as the score rises', () => {
    // 1: hit, 2: miss, 3: miss, 4: hit → [1, 2, 3] pool to 1/3, then 4 at 1.
    const steps = isotonicSteps([card(3, false), card(1, true), card(4, true), card(2, false)]);
    expect(steps).toEqual([
      { from: 1, rate: 1 / 3, cards: 3 },
      { from: 4, rate: 1, cards: 1 },
    ]);
  });

  it('is non-decreasing', () => {
    const cards = Array.from({ length: 500 }, (_, k) =>
      card((k * 37) % 101, (k * 13) % 7 < k / 120),
    );
    const rates = isotonicSteps(cards).map((s) => s.rate);
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeGreaterThan(rates[k - 1]!);
  });

  it('never splits cards of equal score', () => {
    const steps = isotonicSteps([card(1, false), card(2, true), card(2, false), card(3, true)]);
    expect(steps.map((s) => s.from)).toEqual([1, 2, 3]);
    expect(steps[1]!.cards).toBe(2);
  });

  it('weighs a score by all its cards, not by the first one read', () => {
    // Score 2: a miss read first, then three hits (3/4), above score 1's 1/2: two steps.
    const cards = [card(1, true), card(1, false), card(2, false), card(2, true)];
    cards.push(card(2, true), card(2, true));
    const steps = isotonicSteps(cards);
    expect(steps).toEqual([
      { from: 1, rate: 1 / 2, cards: 2 },
      { from: 2, rate: 3 / 4, cards: 4 },
    ]);
  });
});

describe('thresholdFor', () => {
  const steps = [
    { from: 0, rate: 0.1 },
    { from: 5, rate: 0.25 },
    { from: 9, rate: 0.5 },
  ];
  it('returns the lowest score whose step reaches the target', () => {
    expect(thresholdFor(steps, 0.2)).toBe(5);
    expect(thresholdFor(steps, 0.25)).toBe(5);
    expect(thresholdFor(steps, 0.26)).toBe(9);
  });
  it('is +∞ when no score reaches it', () => {
    expect(thresholdFor(steps, 0.6)).toBe(Infinity);
  });
});

describe('levelSummary', () => {
  const pages = [
    [card(10, true, 1), card(6, false, 2), card(2, false, 3)],
    [card(7, true, 1), card(3, true, 2), card(1, false, 3)],
  ];
  it('shares of cards, hit rates and users per level', () => {
    const levels = [
      { level: 'strong', from: 7 },
      { level: 'good', from: 3 },
      { level: 'fair', from: -Infinity },
    ];
    const summary = levelSummary(pages, levels);
    expect(summary.map((l) => l.cards)).toEqual([2, 2, 2]);
    expect(summary.map((l) => l.hitRate)).toEqual([1, 0.5, 0]);
    expect(summary.map((l) => l.usersWithOne)).toEqual([1, 1, 1]);
    expect(hitRate(pages.flat())).toBe(0.5);
  });
});

describe('matchThresholds and bootstrapThresholds', () => {
  // Scores 0–9, hits only from 6 on: average 0.4; the monotone rate is 0 below 6 and 1 from 6.
  const page = Array.from({ length: 10 }, (_, k) => card(k, k >= 6, 10 - k));
  it('puts strong where the fitted rate reaches twice the average, good at the average', () => {
    expect(matchThresholds(page)).toEqual({ average: 0.4, strong: 6, good: 6 });
    const graded = [card(1, false), card(2, false), card(3, true), card(4, false), card(5, true)];
    // Average 0.4: [3, 4] pools to 0.5 (≥ average), 5 is 1 (≥ 0.8).
    expect(matchThresholds(graded)).toMatchObject({ strong: 5, good: 3 });
  });
  it('gives the same thresholds on every resample of identical pages', () => {
    const spread = bootstrapThresholds([page, page, page], 20);
    expect(spread).toEqual({ strong: [6, 6, 6], good: [6, 6, 6] });
  });
});
