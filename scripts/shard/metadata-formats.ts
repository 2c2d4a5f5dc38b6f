/**
 * Metadata-table formats, recognised by their header. A higher priority means fresher data:
 * when two tables disagree on a field, the fresher one wins.
 */
import {
  ageRatingCode,
  list,
  parseAired,
  parsePremiere,
  positiveNumber,
  synopsisText,
  text,
  type AnimeFacts,
} from './anime-facts';

export type MetadataRecord =
  | { kind: 'facts'; id: number; facts: AnimeFacts }
  | { kind: 'lookup'; table: LinkTable; id: number; name: string }
  | { kind: 'link'; table: LinkTable; anime: number; id: number };

export type LinkTable = 'genre' | 'studio';

export interface MetadataFormat {
  name: string;
  columns: string[];
  description: string;
  priority: number;
  /** Known tables that add nothing to the catalogue (per-score counts and the like). */
  ignored?: boolean;
  readRow?(get: (column: string) => string | undefined): MetadataRecord | null;
}

const commaList = (v: string | undefined) => list(v, ',');
const id = (v: string | undefined) => positiveNumber(v);

function facts(
  get: (c: string) => string | undefined,
  idColumn: string,
  f: AnimeFacts,
): MetadataRecord | null {
  const malId = id(get(idColumn));
  return malId && Number.isInteger(malId) ? { kind: 'facts', id: malId, facts: f } : null;
}

export const METADATA_FORMATS: MetadataFormat[] = [
  {
    name: 'animaflow-ranking',
    columns: ['id', 'title', 'mean', 'rank', 'popularity', 'num_list_users'],
    description: 'MAL ranking (2026): title, mean score, list users',
    priority: 70,
    readRow: (get) =>
      facts(get, 'id', {
        title: text(get('title')),
        score: positiveNumber(get('mean')),
        members: positiveNumber(get('num_list_users')),
      }),
  },
  {
    name: 'anime-dataset-2023',
    columns: ['anime_id', 'name', 'score', 'genres'],
    description: 'Kaggle 2023 anime-dataset-2023.csv (or a column subset of it)',
    priority: 60,
    readRow: (get) =>
      facts(get, 'anime_id', {
        title: text(get('name')),
        titleEnglish: text(get('english name')),
        titleJapanese: text(get('other name')),
        score: positiveNumber(get('score')),
        tags: commaList(get('genres')),
        synopsis: synopsisText(get('synopsis')),
        type: text(get('type')),
        episodes: positiveNumber(get('episodes')),
        ...parseAired(get('aired')),
        ...parsePremiere(get('premiered')),
        studios: commaList(get('studios')),
        source: text(get('source')),
        ageRating: ageRatingCode(get('rating')),
        members: positiveNumber(get('members')),
      }),
  },
  {
    name: 'mal-2022-anime',
    columns: ['id', 'title', 'english_title', 'type', 'source', 'start_air', 'season_premier'],
    description:
      'MAL 2022 relational anime.csv: titles, type, source, air dates, theme, age rating',
    priority: 50,
    readRow: (get) =>
      facts(get, 'id', {
        title: text(get('title')),
        titleEnglish: text(get('english_title')),
        type: text(get('type')),
        source: text(get('source')),
        ...parseAired(get('start_air')),
        ...parsePremiere(get('season_premier')),
        tags: list(get('theme'), ','),
        ageRating: ageRatingCode(get('rating')),
      }),
  },
  {
    name: 'mal-2022-general-stats',
    columns: ['anime_id', 'score', 'rating_count', 'ranked', 'popularity', 'members', 'favorites'],
    description: 'MAL 2022 relational anime_general_stats.csv: score, members',
    priority: 50,
    readRow: (get) =>
      facts(get, 'anime_id', {
        score: positiveNumber(get('score')),
        members: positiveNumber(get('members')),
      }),
  },
  {
    name: 'mal-2022-genre',
    columns: ['id', 'name'],
    description: 'MAL 2022 relational genre.csv (id, name)',
    priority: 50,
    readRow: (get) => lookup('genre', get),
  },
  {
    name: 'mal-2022-studio',
    columns: ['id', 'name', 'rank', 'favorites'],
    description: 'MAL 2022 relational studio.csv',
    priority: 50,
    readRow: (get) => lookup('studio', get),
  },
  {
    name: 'mal-2022-anime-genre',
    columns: ['anime_id', 'genre_id'],
    description: 'MAL 2022 relational anime_genre.csv',
    priority: 50,
    readRow: (get) => link('genre', get('anime_id'), get('genre_id')),
  },
  {
    name: 'mal-2022-studio-anime',
    columns: ['anime_id', 'studio_id'],
    description: 'MAL 2022 relational studio_anime.csv',
    priority: 50,
    readRow: (get) => link('studio', get('anime_id'), get('studio_id')),
  },
  {
    name: 'anime-synopsis',
    columns: ['code', 'synopsis', 'show_titles', 'genres', 'studios', 'premiered'],
    description: 'MAL 2021 synopsis table (code = MAL id)',
    priority: 40,
    readRow: (get) => {
      const titles = list(get('show_titles'), ';;') ?? [];
      return facts(get, 'code', {
        title: titles[0],
        synonyms: titles.slice(1),
        synopsis: synopsisText(get('synopsis')),
        score: positiveNumber(get('score')),
        members: positiveNumber(get('members')),
        type: text(get('type')),
        ageRating: ageRatingCode(get('rating')),
        ...parsePremiere(get('premiered')),
        studios: commaList(get('studios')),
        tags: list(get('genres'), ';'),
      });
    },
  },
  {
    name: 'anime-2020',
    columns: ['mal_id', 'name', 'score', 'genres', 'type', 'episodes', 'members'],
    description: 'Kaggle 2020 anime.csv (full or trimmed)',
    priority: 30,
    readRow: (get) =>
      facts(get, 'mal_id', {
        title: text(get('name')),
        titleEnglish: text(get('english name')),
        titleJapanese: text(get('japanese name')),
        score: positiveNumber(get('score')),
        tags: commaList(get('genres')),
        type: text(get('type')),
        episodes: positiveNumber(get('episodes')),
        members: positiveNumber(get('members')),
        ...parseAired(get('aired')),
        ...parsePremiere(get('premiered')),
        studios: commaList(get('studios')),
        source: text(get('source')),
        ageRating: ageRatingCode(get('rating')),
      }),
  },
  {
    name: 'anime-with-synopsis-2020',
    columns: ['mal_id', 'name', 'score', 'genres', 'sypnopsis'],
    description: 'Kaggle 2020 anime_with_synopsis.csv',
    priority: 30,
    readRow: (get) =>
      facts(get, 'mal_id', { title: text(get('name')), synopsis: synopsisText(get('sypnopsis')) }),
  },
  {
    name: 'anime-2017',
    columns: ['anime_id', 'name', 'genre', 'type', 'episodes', 'rating', 'members'],
    description: 'Kaggle 2017 anime.csv',
    priority: 20,
    readRow: (get) =>
      facts(get, 'anime_id', {
        title: text(get('name')),
        tags: commaList(get('genre')),
        type: text(get('type')),
        episodes: positiveNumber(get('episodes')),
        score: positiveNumber(get('rating')),
        members: positiveNumber(get('members')),
      }),
  },
  ...[
    ['watching-status', ['status', 'description']],
    ['score-counts', ['anime_id', '10', '9', '8', '1']],
    ['watch-counts', ['anime_id', 'watching', 'completed', 'dropped', 'plan_to_watch']],
    ['users-details-2023', ['mal id', 'username', 'gender']],
  ].map(([name, columns]) => ({
    name: name as string,
    columns: columns as string[],
    description: 'known table with nothing for the catalogue (skipped)',
    priority: 0,
    ignored: true,
  })),
];

function lookup(table: LinkTable, get: (c: string) => string | undefined): MetadataRecord | null {
  const key = id(get('id'));
  const name = text(get('name'));
  return key && name ? { kind: 'lookup', table, id: key, name } : null;
}

function link(
  table: LinkTable,
  anime: string | undefined,
  other: string | undefined,
): MetadataRecord | null {
  const a = id(anime);
  const o = id(other);
  return a && o ? { kind: 'link', table, anime: a, id: o } : null;
}
