import { describe, expect, it } from 'vitest';
import {
  ageRatingCode,
  decodeEntities,
  parseAired,
  parsePremiere,
  synopsisText,
  text,
} from './anime-facts';
import { splitTags } from './genres';
import { mergeFacts } from './catalogue';

describe('anime facts', () => {
  it('parses premieres and air dates into year and season', () => {
    expect(parsePremiere('Spring 2009')).toEqual({ year: 2009, season: 2 });
    expect(parsePremiere('fall 1998')).toEqual({ year: 1998, season: 4 });
    expect(parsePremiere('Not available')).toEqual({});
    expect(parseAired('2012-10-25')).toEqual({ year: 2012, season: 4 });
    expect(parseAired('Apr 3, 1998 to Apr 24, 1999')).toEqual({ year: 1998, season: 2 });
    expect(parseAired('2005')).toEqual({ year: 2005 });
    // The 2022 table's placeholder for a year announced without a date.
    expect(parseAired('2023-01-01')).toEqual({ year: 2023 });
    expect(parseAired('2023-01-08')).toEqual({ year: 2023, season: 1 });
    expect(parseAired('Unknown')).toEqual({});
  });

  it('normalises age ratings, placeholders and entities', () => {
    expect(ageRatingCode('PG-13 - Teens 13 or older')).toBe('PG-13');
    expect(ageRatingCode('Rx - Hentai')).toBe('Rx');
    expect(ageRatingCode('None')).toBeUndefined();
    expect(text(' Unknown ')).toBeUndefined();
    expect(decodeEntities('Gintama&#039;: Enchousen &amp; more')).toBe(
      "Gintama': Enchousen & more",
    );
    expect(synopsisText('A story. [Written by MAL Rewrite]')).toBe('A story.');
    expect(synopsisText('No synopsis information has been added.')).toBeUndefined();
  });

  it('splits old mixed genre lists into genres and themes with current names', () => {
    expect(
      splitTags(['action', 'Shounen', 'Dementia', 'shoujo ai', 'slice of life', 'Unknown']),
    ).toEqual({
      genres: ['Action', 'Avant Garde', 'Girls Love', 'Slice of Life'],
      themes: ['Shounen'],
    });
  });

  it('lets the fresher table win each field and flags adult titles', () => {
    const row = mergeFacts(9, [
      {
        priority: 20,
        facts: { title: 'Old', score: 7.1, members: 10, tags: ['Action', 'Mecha'], episodes: 12 },
      },
      { priority: 70, facts: { title: 'New', score: 8.2, members: 500 } },
      { priority: 50, facts: { tags: ['Drama', 'Hentai'], ageRating: 'R+' } },
    ]);
    expect(row).toMatchObject({
      title: 'New',
      score: 8.2,
      members: 500,
      episodes: 12,
      adult: true,
    });
    expect(row.genres).toEqual(['Drama', 'Hentai']);
    expect(row.themes).toEqual(['Mecha']);
  });

  it('flags the Erotica genre as adult, though MAL rates it R+, and not Ecchi', () => {
    const erotica = mergeFacts(10, [
      { priority: 50, facts: { tags: ['Fantasy', 'Erotica'], ageRating: 'R+' } },
    ]);
    const ecchi = mergeFacts(11, [
      { priority: 50, facts: { tags: ['Comedy', 'Ecchi'], ageRating: 'R+' } },
    ]);
    expect([erotica.adult, ecchi.adult]).toEqual([true, false]);
  });
});
