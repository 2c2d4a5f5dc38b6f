import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLS, noFilters } from './rank';
import { changedSettings } from './settings-summary';

describe('changedSettings', () => {
  it('says nothing at the defaults', () => {
    expect(changedSettings({ ...DEFAULT_CONTROLS }, noFilters())).toEqual([]);
  });

  it('names each changed control and filter in a few words', () => {
    const controls = {
      ...DEFAULT_CONTROLS,
      autoBlend: false,
      contentWeight: 0.35,
      niche: -0.4,
      newFranchisesOnly: true,
    };
    const filters = {
      ...noFilters(),
      include: ['Comedy'],
      exclude: ['Horror'],
      seasons: [4],
      yearFrom: 2010,
      episodesMax: 13,
      minMembers: 250_000,
      types: ['TV', 'Movie'],
    };
    expect(changedSettings(controls, filters)).toEqual([
      '35% content',
      'popular',
      'new franchises only',
      '+Comedy',
      '−Horror',
      'Fall',
      '2010 or later',
      'up to 13 episodes',
      '250K+ members',
      'TV/Movie',
    ]);
  });

  it('reads a closed range as from–to, and a single year as that year', () => {
    const filters = {
      ...noFilters(),
      yearFrom: 2000,
      yearTo: 2009,
      episodesMin: 12,
      episodesMax: 12,
    };
    expect(changedSettings({ ...DEFAULT_CONTROLS }, filters)).toEqual(['2000–2009', '12 episodes']);
  });
});
