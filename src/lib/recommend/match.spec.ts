import { describe, expect, it } from 'vitest';
import { MATCH_THRESHOLDS, matchOf, type MatchLevel } from './match';

const levelOf = (score: number, thresholds?: { strong: number; good: number }): MatchLevel =>
  matchOf(score, thresholds).level;

describe('matchOf', () => {
  const { strong, good } = MATCH_THRESHOLDS;

  it('keeps the calibrated thresholds in order, with room for every level', () => {
    expect(good).toBeGreaterThan(0);
    expect(strong).toBeGreaterThan(good);
  });

  it('gives a score on a threshold the higher level', () => {
    expect(levelOf(strong)).toBe('strong');
    expect(levelOf(good)).toBe('good');
  });

  it('gives a score just below a threshold the lower level', () => {
    expect(levelOf(strong - 0.01)).toBe('good');
    expect(levelOf(good - 0.01)).toBe('fair');
  });

  it('labels the ends of the scale', () => {
    expect(levelOf(100)).toBe('strong');
    expect(levelOf(-5)).toBe('fair');
    expect(levelOf(0)).toBe('fair');
  });

  it('reads the calibrated values, not the provisional ones', () => {
    // The provisional thresholds (3 and 2) sat below every shown card's score.
    expect(levelOf(5)).toBe('fair');
    expect(levelOf(10)).toBe('good');
    expect(levelOf(15)).toBe('strong');
  });

  it('never labels a score that is not a number a match', () => {
    expect(levelOf(Number.NaN)).toBe('fair');
  });

  it('pairs each level with its words and its steps', () => {
    expect(matchOf(strong)).toEqual({ level: 'strong', label: 'Strong match', steps: 3 });
    expect(matchOf(good)).toEqual({ level: 'good', label: 'Good match', steps: 2 });
    expect(matchOf(good - 1)).toEqual({ level: 'fair', label: 'Worth a look', steps: 1 });
  });

  it('takes other thresholds when given', () => {
    const thresholds = { strong: 1, good: 0.5 };
    expect(levelOf(1, thresholds)).toBe('strong');
    expect(levelOf(0.99, thresholds)).toBe('good');
    expect(levelOf(0.5, thresholds)).toBe('good');
    expect(levelOf(0.49, thresholds)).toBe('fair');
  });
});
