import { describe, expect, it } from 'vitest';
import {
  bangumiEntries,
  dayNumber,
  decideDate,
  loadBangumiData,
  seasonOf,
  watchSites,
  type BangumiData,
} from './bangumi';
import { mergeBangumi } from './bangumi-merge';
import { mergeFacts, toCatalogue, type AnimeRow } from './catalogue';

/** bangumi-data-shaped objects, trimmed to what the builder reads. */
const fixture: BangumiData = {
  version: '0.0.0-test',
  siteMeta: {
    mal: {
      title: 'MyAnimeList',
      urlTemplate: 'https://myanimelist.net/anime/{{id}}',
      type: 'info',
    },
    netflix: {
      title: 'Netflix',
      urlTemplate: 'https://www.netflix.com/title/{{id}}',
      type: 'onair',
    },
    unext: {
      title: 'U-NEXT',
      urlTemplate: 'https://video.unext.jp/title/{{id}}',
      regions: ['JP'],
      type: 'onair',
    },
    bilibili: {
      title: '哔哩哔哩',
      urlTemplate: 'https://www.bilibili.com/bangumi/media/md{{id}}/',
      regions: ['CN'],
      type: 'onair',
    },
    dmhy: {
      title: '动漫花园',
      urlTemplate: 'https://share.dmhy.org/topics/list?keyword={{id}}',
      type: 'resource',
    },
  },
  items: [
    {
      title: '葬送のフリーレン',
      titleTranslate: { en: ["Frieren: Beyond the Journey's End"], 'zh-Hans': ['葬送的芙莉莲'] },
      type: 'tv',
      lang: 'ja',
      officialSite: 'https://frieren-anime.jp/',
      begin: '2023-09-29T14:00:00.000Z',
      end: '2024-03-22T15:15:00.000Z',
      sites: [
        { site: 'mal', id: '52991' },
        { site: 'netflix', id: '81726714' },
        { site: 'unext', id: 'SID0091754' },
        { site: 'bilibili', id: '21087073' },
        { site: 'dmhy', id: '葬送' },
      ],
    },
    {
      title: '呪術廻戦 懐玉・玉折／渋谷事変',
      titleTranslate: { en: ['JUJUTSU KAISEN Season 2'] },
      type: 'tv',
      lang: 'ja',
      officialSite: 'javascript:alert(1)',
      begin: '2023-07-06T14:56:00.000Z',
      end: '',
      sites: [
        { site: 'mal', id: '51009' },
        { site: 'netflix', id: '1', url: 'https://www.netflix.com/title/81278456' },
      ],
    },
    {
      title: 'ONE PIECE',
      titleTranslate: { en: ['ONE PIECE'] },
      type: 'tv',
      lang: 'ja',
      begin: '1999-10-20T10:00:00.000Z',
      sites: [{ site: 'mal', id: '21' }],
    },
    // A second item naming MAL 21 (a later arc): the first item wins.
    {
      title: 'ONE PIECE 続編',
      type: 'tv',
      lang: 'ja',
      begin: '2026-04-05T14:15:00.000Z',
      sites: [{ site: 'mal', id: '21' }],
    },
    { title: 'No MAL id', type: 'movie', lang: 'ja', begin: '2020-01-01T00:00:00Z', sites: [] },
  ],
};

function row(malId: number, facts: Parameters<typeof mergeFacts>[1][number]['facts']): AnimeRow {
  return mergeFacts(malId, [{ priority: 50, facts }]);
}

describe('bangumi-data', () => {
  it('dates air days in Japan time and names seasons as broadcasters count them', () => {
    // 14:00 UTC on 29 September is 23:00 in Tokyo, the same day.
    expect(dayNumber('2023-09-29T14:00:00.000Z')).toBe(dayNumber('2023-09-29T00:00:00.000Z'));
    expect(dayNumber('2023-09-29T16:00:00.000Z')).toBe(dayNumber('2023-09-30T00:00:00.000Z'));
    expect(dayNumber('')).toBeUndefined();
    expect(seasonOf(dayNumber('2023-09-29T14:00:00Z')!)).toEqual({ year: 2023, season: 4 });
    expect(seasonOf(dayNumber('2023-07-06T14:56:00Z')!)).toEqual({ year: 2023, season: 3 });
    expect(seasonOf(dayNumber('2023-12-28T14:00:00Z')!)).toEqual({ year: 2024, season: 1 });
  });

  it('fills what the tables lack and keeps a season they name', () => {
    const frieren = dayNumber('2023-09-29T14:00:00Z');
    expect(decideDate({ year: 0, season: 0 }, frieren)).toMatchObject({ year: 2023, season: 4 });
    expect(decideDate({ year: 2023, season: 0 }, frieren)).toMatchObject({
      season: 4,
      decision: 'refined',
    });
    expect(decideDate({ year: 2022, season: 0 }, frieren)).toMatchObject({
      year: 2023,
      decision: 'corrected',
    });
    // MAL's Spring 1998 for Cowboy Bebop stands against a later broadcast in October.
    const bebop = dayNumber('1998-10-23T09:00:00Z');
    expect(decideDate({ year: 1998, season: 2 }, bebop)).toEqual({
      year: 1998,
      season: 2,
      decision: 'differs',
    });
    expect(decideDate({ year: 2023, season: 3 }, frieren)).toMatchObject({ decision: 'kept' });
    expect(decideDate({ year: 2001, season: 1 }, undefined)).toMatchObject({ decision: 'kept' });
  });

  it('keeps streaming sites only, leaving out torrent indexes and China-only sites', () => {
    expect(watchSites(fixture.siteMeta).map((s) => s.key)).toEqual(['netflix', 'unext']);
  });

  it('merges by MAL id: Japanese titles, missing English titles and types, dates, sites', () => {
    const sites = watchSites(fixture.siteMeta);
    const entries = bangumiEntries(fixture, sites);
    expect([...entries.keys()]).toEqual([52991, 51009, 21]);
    const rows = [
      row(52991, { title: 'Sousou no Frieren', members: 10 }),
      row(51009, {
        title: 'Jujutsu Kaisen 2nd Season',
        titleEnglish: 'Jujutsu Kaisen Season 2',
        type: 'TV',
        year: 2023,
      }),
      row(21, { title: 'One Piece', type: 'TV', year: 1999, season: 4 }),
      row(5114, { title: 'Fullmetal Alchemist: Brotherhood', year: 2009, season: 2 }),
    ];
    const counts = mergeBangumi(rows, entries);
    const [frieren, jjk, onePiece, fma] = rows;
    expect(frieren).toMatchObject({
      titleJapanese: '葬送のフリーレン',
      titleEnglish: "Frieren: Beyond the Journey's End",
      type: 'TV',
      year: 2023,
      season: 4,
      officialSite: 'https://frieren-anime.jp/',
    });
    // The last episode aired at 00:15 on 23 March in Tokyo (15:15 UTC on the 22nd).
    expect(frieren!.airedTo - frieren!.airedFrom).toBe(176);
    expect(frieren!.watch).toEqual([
      { site: 0, id: '81726714' },
      { site: 1, id: 'SID0091754' },
    ]);
    // The table's English title and type stand; the placeholder year gains its season.
    expect(jjk).toMatchObject({
      titleEnglish: 'Jujutsu Kaisen Season 2',
      year: 2023,
      season: 3,
      officialSite: '',
      airedTo: 0,
    });
    expect(jjk!.watch).toEqual([{ site: 0, id: 'https://www.netflix.com/title/81278456' }]);
    // "ONE PIECE" is the romaji title in capitals: not taken as an English title.
    expect(onePiece).toMatchObject({ titleJapanese: 'ONE PIECE', titleEnglish: '', year: 1999 });
    expect(fma).toMatchObject({ titleJapanese: '', airedFrom: 0, watch: [] });
    expect(counts).toMatchObject({
      matched: 3,
      airDates: 3,
      titleJapanese: 3,
      titleEnglish: 1,
      type: 1,
      officialSite: 1,
      watch: 2,
      links: 3,
    });
    const catalogue = toCatalogue(rows, sites);
    expect([...catalogue.watch.offsets]).toEqual([0, 2, 3, 3, 3]);
    expect(catalogue.officialSite[0]).toBe('https://frieren-anime.jp/');
  });

  it('keeps one link per page when two sites or forms of an id lead to the same URL', () => {
    const siteMeta = {
      ...fixture.siteMeta,
      netflix_hk: { ...fixture.siteMeta.netflix!, regions: ['HK'] },
    };
    const sites = watchSites(siteMeta);
    const item = {
      title: 'x',
      sites: [
        { site: 'mal', id: '1' },
        { site: 'netflix', id: '81726714' },
        { site: 'netflix_hk', id: '81726714' },
        { site: 'netflix', id: '1', url: 'https://www.netflix.com/title/81726714' },
        { site: 'netflix_hk', id: '70000000' },
      ],
    };
    const entry = bangumiEntries({ ...fixture, siteMeta, items: [item] }, sites).get(1)!;
    const netflix = sites.findIndex((s) => s.key === 'netflix');
    const hk = sites.findIndex((s) => s.key === 'netflix_hk');
    expect(entry.links).toEqual([
      { site: netflix, id: '81726714' },
      { site: hk, id: '70000000' },
    ]);
  });

  it('gives Frieren a type, dates and links, and MAL 21 its Japanese title (installed package)', () => {
    const data = loadBangumiData();
    expect(data.version).toMatch(/^\d+\.\d+\.\d+/);
    const entries = bangumiEntries(data, watchSites(data.siteMeta));
    expect(entries.size).toBeGreaterThan(7000);
    const frieren = entries.get(52991)!;
    expect(frieren).toMatchObject({ titleJapanese: '葬送のフリーレン', type: 'TV' });
    expect(seasonOf(frieren.airedFrom!)).toEqual({ year: 2023, season: 4 });
    expect(frieren.airedTo).toBeGreaterThan(frieren.airedFrom!);
    expect(frieren.links.length).toBeGreaterThan(3);
    // bangumi-data writes One Piece's Japanese title in Latin letters, as the show does; the
    // katakana ワンピース appears in the titles of its specials.
    expect(entries.get(21)!.titleJapanese).toBe('ONE PIECE');
    const katakana = [...entries.values()].filter((e) => e.titleJapanese?.includes('ワンピース'));
    expect(katakana.length).toBeGreaterThan(3);
  });
});
