/** A small, hand-made shard for unit tests (no real data is committed). */
import { FLAG_ADULT, Status, type Shard } from './shard-types';

export function makeTestShard(): Shard {
  return {
    info: { builtAt: '2026-01-01T00:00:00.000Z', inputs: ['test.csv'] },
    catalogue: {
      size: 4,
      malId: Uint32Array.from([5114, 1, 16498, 9326]),
      title: ['Fullmetal Alchemist: Brotherhood', 'Cowboy Bebop', 'Shingeki no Kyojin', 'Yubisaki'],
      titleEnglish: ['', 'Cowboy Bebop', 'Attack on Titan', ''],
      titleJapanese: ['鋼の錬金術師', '', '進撃の巨人', ''],
      titleSynonyms: ['FMA; FMAB', '', '', ''],
      synopsis: ['Two brothers.\nAlchemy.', '', 'Titans — walls.', ''],
      type: { labels: ['TV', 'OVA'], codes: Uint8Array.from([0, 0, 0, 1]) },
      source: { labels: ['', 'Manga', 'Original'], codes: Uint8Array.from([1, 2, 1, 0]) },
      ageRating: { labels: ['', 'R - 17+', 'Rx - Hentai'], codes: Uint8Array.from([1, 1, 1, 2]) },
      episodes: Uint16Array.from([64, 26, 25, 0]),
      year: Uint16Array.from([2009, 1998, 2013, 2010]),
      season: Uint8Array.from([2, 2, 2, 0]),
      score: Uint16Array.from([910, 875, 854, 0]),
      members: Uint32Array.from([3_000_000, 1_800_000, 3_900_000, 1_000]),
      flags: Uint8Array.from([0, 0, 0, FLAG_ADULT]),
      genres: {
        labels: ['Action', 'Drama', 'Hentai'],
        offsets: Uint32Array.from([0, 2, 3, 5, 6]),
        values: Uint16Array.from([0, 1, 0, 0, 1, 2]),
      },
      themes: { labels: [], offsets: new Uint32Array(5), values: new Uint16Array(0) },
      studios: {
        labels: ['Bones', 'Sunrise', 'Wit Studio'],
        offsets: Uint32Array.from([0, 1, 2, 3, 3]),
        values: Uint16Array.from([0, 1, 2]),
      },
      airedFrom: Uint16Array.from([39906, 35886, 41369, 0]),
      airedTo: Uint16Array.from([40361, 36272, 41544, 0]),
      officialSite: ['https://www.hagaren.jp/', '', 'https://shingeki.tv/', ''],
      watch: {
        sites: [
          {
            key: 'netflix',
            name: 'Netflix',
            regions: [],
            urlTemplate: 'https://www.netflix.com/title/{{id}}',
          },
          {
            key: 'crunchyroll',
            name: 'Crunchyroll',
            regions: [],
            urlTemplate: 'https://www.crunchyroll.com/series/{{id}}/',
          },
        ],
        offsets: Uint32Array.from([0, 2, 2, 3, 3]),
        site: Uint8Array.from([0, 1, 1]),
        ids: [
          '70204970',
          'GRGG9798R',
          'https://www.crunchyroll.com/series/GR751KNZY/attack-on-titan',
        ],
      },
    },
    ratings: {
      userCount: 3,
      entryCount: 6,
      tables: ['a.csv', 'b.csv'],
      userTable: Uint8Array.from([0, 0, 1]),
      userSourceId: Uint32Array.from([7, 8, 7]),
      rowPtr: Uint32Array.from([0, 3, 3, 6]),
      anime: Uint32Array.from([0, 1, 3, 0, 2, 3]),
      score: Uint8Array.from([10, 0, 3, 9, 8, 1]),
      status: Uint8Array.from([
        Status.completed,
        Status.watching,
        Status.dropped,
        Status.unknown,
        Status.planToWatch,
        Status.onHold,
      ]),
    },
  };
}
