import { describe, expect, it } from 'vitest';
import { MATCH_STANDING, matchOf, type MatchLevel } from './match';

const levelOf = (standing: number, limits?: { strong: number; good: number }): MatchLevel =>
  matchOf(standing, limits).level;

describe('matchOf', () => {
  const { strong, good } = MATCH_STANDING;

  it('keeps the calibrated limits in order, with room for every level on a page of 48', () => {
    expect(strong).toBeGreaterThanOrEqual(1);
    expect(good).toBeGreaterThan(strong);
    expect(good).toBeLessThan(48);
  });

  it('gives a standing on a limit the higher level, and the next one the lower', () => {
    expect(levelOf(strong)).toBe('strong');
    expect(levelOf(strong + 1)).toBe('good');
    expect(levelOf(good)).toBe('good');
    expect(levelOf(good + 1)).toBe('fair');
  });

  it('labels the ends of the scale', () => {
    expect(levelOf(1)).toBe('strong');
    expect(levelOf(48)).toBe('fair');
    expect(levelOf(Infinity)).toBe('fair');
  });

  it('reads the limits it is given', () => {
    expect(levelOf(3, { strong: 2, good: 5 })).toBe('good');
    expect(levelOf(6, { strong: 2, good: 5 })).toBe('fair');
  });

  it('never labels a standing that is not a number a match', () => {
    expect(levelOf(Number.NaN)).toBe('fair');
  });

  it('pairs each level with its words and its steps', () => {
    expect(matchOf(1)).toEqual({ level: 'strong', label: 'Strong match', steps: 3 });
    expect(matchOf(good)).toEqual({ level: 'good', label: 'Good match', steps: 2 });
    expect(matchOf(good + 1)).toEqual({ level: 'fair', label: 'Worth a look', steps: 1 });
  });
});
