/**
 * A list as a plain CSV: an `anime_id` (MAL id) or `title` column, plus optional `score`
 * (0–10, 0 or empty = unscored) and `status` columns. Header names are matched loosely
 * (case, spaces, a few common synonyms). A row the header cannot account for — more values than
 * columns, a misplaced quote — is reported by its line, never read into the wrong columns.
 */
import { ImportError } from './import-error';
import { readCsv, type CsvRecord } from './csv-rows';
import { idFromText, quoted } from './row-values';
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

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Field names for each column; one without a name of its own is "column N" (never a header). */
function columnNames(header: string[]): string[] {
  const names: string[] = [];
  header.forEach((raw, k) => {
    const name = normaliseHeader(raw.replace(/^\uFEFF/, ''));
    names.push(name && !names.includes(name) ? name : `column ${k + 1}`);
  });
  return names;
}

export function parseCsvList(text: string): ParsedList {
  const { delimiter, records } = readCsv(text);
  const [header, ...rows] = records;
  const names = columnNames(header?.values ?? []);
  const column = (candidates: readonly string[]) => candidates.find((n) => names.includes(n));
  const idColumn = column(COLUMNS.id);
  const titleColumn = column(COLUMNS.title);
  if (!idColumn && !titleColumn)
    throw new ImportError(
      'This is not a list Tsugi can read: as a CSV it needs an "anime_id" or a "title" column ' +
        `(its first line reads: ${names.slice(0, 8).join(', ') || 'nothing'}), so use the MyAnimeList ` +
        "export (.xml or .xml.gz), Kitsu's MAL-style XML, AniList's gdpr_data.json, or such a CSV.",
    );
  const columns = {
    id: idColumn,
    title: titleColumn,
    score: column(COLUMNS.score),
    status: column(COLUMNS.status),
    watched: column(COLUMNS.watched),
  };
  const entries: ListEntry[] = [];
  const invalid: InvalidRow[] = [];
  const short: number[] = [];
  for (const row of rows) {
    const fields = fieldsOf(row, names);
    const problem =
      quoteProblem(row) ?? extraValues(row, names.length, DELIMITER_NAMES[delimiter] ?? delimiter);
    const entry = problem ?? entryOf(fields, columns);
    if (typeof entry === 'string')
      invalid.push({ where: `line ${row.line}`, reason: entry, fields });
    else {
      entries.push(entry);
      if (row.values.length < names.length) short.push(row.line);
    }
  }
  if (entries.length === 0 && invalid.length === 0)
    throw new ImportError(
      'The CSV has a header but no rows, so the list is empty: add a line for each anime under the header.',
    );
  const notes =
    short.length > 0
      ? [
          `${short.length} rows have fewer fields than the header (the first on line ${short[0]}); ` +
            'the missing fields were read as empty.',
        ]
      : [];
  return { format: 'csv', user: null, entries, invalid, notes };
}

/** The row's values by column name; values past the header's columns only when not blank. */
function fieldsOf(row: CsvRecord, names: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  row.values.forEach((value, k) => {
    if (k < names.length) fields[names[k]!] = value;
    else if (value.trim() !== '') fields[`column ${k + 1}`] = value;
  });
  return fields;
}

function quoteProblem(row: CsvRecord): string | null {
  if (row.quoteError === 'unclosed') return 'a quote opened in it is never closed';
  if (row.quoteError === 'stray')
    return (
      'a quoted field in it goes on after its closing quote' +
      (row.lastLine > row.line ? `, so it runs on to line ${row.lastLine}` : '') +
      ' (write a quote inside quotes as "")'
    );
  return null;
}

/** Blank values past the header's columns lose nothing; others would be dropped or misread. */
function extraValues(row: CsvRecord, columns: number, delimiter: string): string | null {
  if (row.values.slice(columns).every((v) => v.trim() === '')) return null;
  return (
    `it has ${row.values.length} fields but the header names ${columns} ` +
    `(a title with a ${delimiter} needs quotes)`
  );
}

type Columns = Record<'id' | 'title' | 'score' | 'status' | 'watched', string | undefined>;

/** An entry, or why the row is not one. */
function entryOf(fields: Record<string, string>, columns: Columns): ListEntry | string {
  const value = (name: string | undefined) => (name ? (fields[name] ?? '') : '').trim();
  const idText = value(columns.id);
  const title = value(columns.title);
  const id = idText ? idFromText(idText, 'anime id') : null;
  if (typeof id === 'string') return id;
  if (id === null && !title) return 'it has neither an anime id nor a title';
  const scoreText = value(columns.score);
  const score = scoreText === '' ? 0 : Number(scoreText);
  if (!Number.isInteger(score) || score < 0 || score > 10)
    return `the score ${quoted(scoreText)} is not a whole number from 0 to 10`;
  const status = parseStatus(value(columns.status));
  if (status === null) return `the status ${quoted(value(columns.status))} is not one Tsugi knows`;
  const watched = Number(value(columns.watched));
  return {
    malId: id,
    title,
    status,
    score,
    watchedEpisodes: Number.isFinite(watched) && watched > 0 ? Math.floor(watched) : 0,
    startDate: '',
    finishDate: '',
    fields,
  };
}
