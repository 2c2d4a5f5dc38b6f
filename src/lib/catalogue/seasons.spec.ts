import { describe, expect, it } from 'vitest';
import { parseSeasonKey, seasonKey, seasonLabel, seasonOf, shiftSeason } from './seasons';

describe('seasons', () => {
  it('places a date in its season', () => {
    expect(seasonOf(new Date(2026, 11, 2))).toEqual({ year: 2026, season: 4 });
    expect(seasonOf(new Date(2027, 0, 1))).toEqual({ year: 2027, season: 1 });
    expect(seasonOf(new Date(2026, 5, 30))).toEqual({ year: 2026, season: 2 });
  });

  it('steps across years both ways', () => {
    expect(shiftSeason({ year: 2026, season: 4 }, 1)).toEqual({ year: 2027, season: 1 });
    expect(shiftSeason({ year: 2026, season: 1 }, -1)).toEqual({ year: 2025, season: 4 });
    expect(shiftSeason({ year: 2026, season: 2 }, -6)).toEqual({ year: 2024, season: 4 });
  });

  it('names a season and reads its key back', () => {
    const fall = { year: 2026, season: 4 };
    expect(seasonLabel(fall)).toBe('Fall 2026');
    expect(seasonKey(fall)).toBe('2026-fall');
    expect(parseSeasonKey('2026-fall')).toEqual(fall);
    expect(parseSeasonKey('2026-autumn')).toBeNull();
    expect(parseSeasonKey(null)).toBeNull();
  });
});
