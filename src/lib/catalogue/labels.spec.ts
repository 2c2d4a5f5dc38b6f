import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { displayTitle } from './labels';

describe('titles on screen', () => {
  it('shows a title that no other entry has as it is', () => {
    const { catalogue } = makeTestShard();
    expect(displayTitle(catalogue, 2)).toBe('Attack on Titan');
    expect(displayTitle(catalogue, 0)).toBe('Fullmetal Alchemist: Brotherhood');
  });

  it('tells entries with the same title apart by type and premiere', () => {
    const { catalogue } = makeTestShard();
    catalogue.titleEnglish = ['Same Show', 'Same Show', 'Attack on Titan', 'Same Show'];
    expect(displayTitle(catalogue, 0)).toBe('Same Show (TV, Spring 2009)');
    expect(displayTitle(catalogue, 1)).toBe('Same Show (TV, Spring 1998)');
    expect(displayTitle(catalogue, 3)).toBe('Same Show (OVA, 2010)');
    expect(displayTitle(catalogue, 2)).toBe('Attack on Titan');
  });

  it('adds episodes, then the MAL id, while type and premiere are not enough', () => {
    const { catalogue } = makeTestShard();
    catalogue.titleEnglish = ['Twin', 'Twin', '', ''];
    catalogue.year = Uint16Array.from([2009, 2009, 2013, 2010]);
    catalogue.season = Uint8Array.from([2, 2, 2, 0]);
    expect(displayTitle(catalogue, 0)).toBe('Twin (TV, Spring 2009, 64 eps)');
    expect(displayTitle(catalogue, 1)).toBe('Twin (TV, Spring 2009, 26 eps)');
    catalogue.episodes = Uint16Array.from([12, 12, 25, 0]);
    const again = { ...catalogue };
    expect(displayTitle(again, 0)).toBe('Twin (TV, Spring 2009, 12 eps, MAL 5114)');
    expect(displayTitle(again, 1)).toBe('Twin (TV, Spring 2009, 12 eps, MAL 1)');
  });
});
