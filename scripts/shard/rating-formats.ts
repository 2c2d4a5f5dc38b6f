/**
 * Rating-table formats, recognised by their header. Each table's user ids are its own namespace.
 * Every format is read into the same entry: anime (MAL id), score (1–10, 0 = none), status
 * (MAL's codes, 0 = the table does not say).
 */
import { Status } from '../../src/lib/data/shard-types';

export interface RatingEntry {
  user: number;
  anime: number;
  score: number;
  status: number;
}

export interface RatingFormat {
  name: string;
  /** Lower-case column names the header must contain. */
  columns: string[];
  description: string;
  /** Picks between formats that share a header (for example by file name). */
  matchesFile?: (fileName: string) => boolean;
  /** Fills `out` from a row; false for a row that cannot be used. */
  makeReader(columnIndex: (name: string) => number): (row: string[], out: RatingEntry) => boolean;
}

const STATUS_CODES = new Set<number>(Object.values(Status));

function readIds(row: string[], user: number, anime: number, out: RatingEntry): boolean {
  out.user = toInt(row[user]);
  out.anime = toInt(row[anime]);
  return out.user >= 0 && out.anime > 0;
}

/** Parses a non-negative decimal integer quickly; -1 for anything else ("-1" included). */
export function toInt(text: string | undefined): number {
  if (text === undefined || text.length === 0 || text.length > 10) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** A score column: 1–10 kept, 0 = unscored, "-1" = watched but unrated (2017). */
function readScore(text: string | undefined): number {
  if (text === '-1') return 0;
  const score = toInt(text);
  if (score > 10 || score < 0) {
    // Some tables write scores as decimals ("8.0").
    const parsed = Number(text);
    return Number.isInteger(parsed) && parsed >= 0 && parsed <= 10 ? parsed : -1;
  }
  return score;
}

export const RATING_FORMATS: RatingFormat[] = [
  {
    name: 'animelist',
    columns: ['user_id', 'anime_id', 'score', 'watching_status', 'watched_episodes'],
    description:
      'MAL user lists with status (Kaggle 2020 animelist.csv, the 2023 lists): score 0 = unscored',
    makeReader(col) {
      const [u, a, s, w] = [col('user_id'), col('anime_id'), col('score'), col('watching_status')];
      return (row, out) => {
        if (!readIds(row, u, a, out)) return false;
        out.score = readScore(row[s]);
        const status = toInt(row[w]);
        out.status = STATUS_CODES.has(status) ? status : Status.unknown;
        return out.score >= 0;
      };
    },
  },
  {
    name: 'rating_complete',
    columns: ['user_id', 'anime_id', 'rating'],
    description: 'Kaggle 2020 rating_complete.csv: scores 1–10 of completed anime',
    matchesFile: (file) => /rating_complete/i.test(file),
    makeReader(col) {
      const [u, a, r] = [col('user_id'), col('anime_id'), col('rating')];
      return (row, out) => {
        if (!readIds(row, u, a, out)) return false;
        out.score = readScore(row[r]);
        out.status = Status.completed;
        return out.score >= 0;
      };
    },
  },
  {
    name: 'rating',
    columns: ['user_id', 'anime_id', 'rating'],
    description: 'Kaggle 2017 rating.csv: scores 1–10, -1 = watched but unrated',
    makeReader(col) {
      const [u, a, r] = [col('user_id'), col('anime_id'), col('rating')];
      return (row, out) => {
        if (!readIds(row, u, a, out)) return false;
        out.score = readScore(row[r]);
        // -1 means watched without a score: that is a completed entry with no score.
        out.status = row[r] === '-1' ? Status.completed : Status.unknown;
        return out.score >= 0;
      };
    },
  },
  {
    name: 'users-score',
    columns: ['user_id', 'anime_id', 'rating', 'username'],
    description: 'Kaggle 2023 users-score-2023.csv: scores 1–10',
    makeReader(col) {
      const [u, a, r] = [col('user_id'), col('anime_id'), col('rating')];
      return (row, out) => {
        if (!readIds(row, u, a, out)) return false;
        out.score = readScore(row[r]);
        out.status = Status.unknown;
        return out.score >= 0;
      };
    },
  },
  {
    name: 'user-scores',
    columns: ['user_id', 'anime_id', 'score'],
    description: 'user_id,anime_id,score tables (the 2024 score table): scores 1–10, 0 = unscored',
    makeReader(col) {
      const [u, a, s] = [col('user_id'), col('anime_id'), col('score')];
      return (row, out) => {
        if (!readIds(row, u, a, out)) return false;
        out.score = readScore(row[s]);
        out.status = Status.unknown;
        return out.score >= 0;
      };
    },
  },
];
