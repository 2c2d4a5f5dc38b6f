/**
 * A list as a plain CSV: an `anime_id` (MAL id) or `title` column, plus optional `score`
 * (0–10, 0 or empty = unscored) and `status` columns. Header names are matched loosely
 * (case, spaces, a few common synonyms).
 */
import Papa from 'papaparse';
import { ImportError } from './import-error';
import {
  parseStatus,
  type InvalidRow,
  type ListEntry,
  type ParsedList,
} from '../library/list-entry';

const COLUMNS = {
  id: ['anime_id', 'mal_id', 'animedb_id', 'series_animedb_id', 'id'],
  title: ['title', 'name', 'anime', 'series_title'],
  score: ['score', 'my_score', 'rating'],
  status: ['status', 'my_status'],
  watched: ['watched_episodes', 'my_watched_episodes', 'episodes_watched', 'progress'],
} as const;

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

export function parseCsvList(text: string): ParsedList {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: normaliseHeader,
  });
  const headers = parsed.meta.fields ?? [];
  const column = (names: readonly string[]) => names.find((n) => headers.includes(n));
  const idColumn = column(COLUMNS.id);
  const titleColumn = column(COLUMNS.title);
  if (!idColumn && !titleColumn)
    throw new ImportError(
      'This is not a list Tsugi can read: as a CSV it needs an "anime_id" or a "title" column ' +
        `(its first line reads: ${headers.slice(0, 8).join(', ') || 'nothing'}). Use the MyAnimeList ` +
        "export (.xml or .xml.gz), Kitsu's MAL-style XML, AniList's gdpr_data.json, or such a CSV.",
    );
  const scoreColumn = column(COLUMNS.score);
  const statusColumn = column(COLUMNS.status);
  const watchedColumn = column(COLUMNS.watched);
  const entries: ListEntry[] = [];
  const invalid: InvalidRow[] = [];
  parsed.data.forEach((fields, k) => {
    const where = `line ${k + 2}`;
    const reason = (text: string) => invalid.push({ where, reason: text, fields });
    const idText = idColumn ? (fields[idColumn] ?? '').trim() : '';
    const title = titleColumn ? (fields[titleColumn] ?? '').trim() : '';
    if (idText && !/^\d+$/.test(idText)) return reason(`the anime id "${idText}" is not a number`);
    if (!idText && !title) return reason('it has neither an anime id nor a title');
    const scoreText = scoreColumn ? (fields[scoreColumn] ?? '').trim() : '';
    const score = scoreText === '' ? 0 : Number(scoreText);
    if (!Number.isInteger(score) || score < 0 || score > 10)
      return reason(`the score "${scoreText}" is not a whole number from 0 to 10`);
    const status = parseStatus(statusColumn ? (fields[statusColumn] ?? '') : '');
    if (status === null)
      return reason(`the status "${fields[statusColumn!]}" is not one Tsugi knows`);
    const watched = watchedColumn ? Number(fields[watchedColumn]) : 0;
    entries.push({
      malId: idText ? Number(idText) : null,
      title,
      status,
      score,
      watchedEpisodes: Number.isFinite(watched) && watched > 0 ? Math.floor(watched) : 0,
      startDate: '',
      finishDate: '',
      fields,
    });
  });
  if (entries.length === 0 && invalid.length === 0)
    throw new ImportError('The CSV has a header but no rows: the list is empty.');
  return { format: 'csv', user: null, entries, invalid, notes: [] };
}
