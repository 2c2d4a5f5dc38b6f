/**
 * The one results-table printer of the evaluation commands: a terminal table (`console.table`),
 * or with `--markdown` a Markdown table under a line naming the command, time and commit that
 * wrote it, so a figure pasted into docs/ carries its own source.
 */
import type { RankingResult } from './evaluate';

export type Cell = string | number;
/** A row as `console.table` takes it; Markdown writes a list as its items joined by commas. */
export type TableRow = Record<string, unknown>;

/** Where and when a table was written: the command line, the time, the git commit. */
export interface RunStamp {
  command: string;
  at: Date;
  commit: string;
  /** The work tree had uncommitted changes. */
  dirty: boolean;
}

/** The sink of the printer: `console`, or a capture in tests. */
export interface TableOutput {
  log(line: string): void;
  table(rows: TableRow[]): void;
}

/** A ranking result with the explicit variant's RMSE where it has one. */
export type ResultRow = RankingResult & { rmse?: number };

/** The results columns, in the order the tables show them. */
export const RESULT_COLUMNS = {
  recall: ['Recall@20', (r: ResultRow) => r.recall.toFixed(4)],
  ndcg: ['NDCG@20', (r: ResultRow) => r.ndcg.toFixed(4)],
  discovery: ['new-franchise R@20', (r: ResultRow) => fixed(r.discovery, 4)],
  dropped: ['dropped-franchise picks', (r: ResultRow) => fixed(r.droppedPicks, 3)],
  rmse: ['RMSE', (r: ResultRow) => fixed(r.rmse, 4)],
  users: ['test users', (r: ResultRow) => r.users],
  ms: ['ms/user', (r: ResultRow) => r.msPerUser.toFixed(1)],
} as const satisfies Record<string, readonly [string, (r: ResultRow) => Cell]>;

export type ResultColumn = keyof typeof RESULT_COLUMNS;

/** Recall, NDCG and the two franchise measures: what most tables show. */
export const RANKING_COLUMNS: ResultColumn[] = ['recall', 'ndcg', 'discovery', 'dropped'];

const fixed = (x: number | undefined, digits: number) =>
  x === undefined ? '–' : x.toFixed(digits);

/** Ranking results as table rows: the ranker's name under `label`, then `columns`. */
export function resultRows(
  results: ResultRow[],
  columns: ResultColumn[] = RANKING_COLUMNS,
  label = 'ranker',
): TableRow[] {
  return results.map((r) => {
    const row: TableRow = { [label]: r.name };
    for (const c of columns) row[RESULT_COLUMNS[c][0]] = RESULT_COLUMNS[c][1](r);
    return row;
  });
}

/** "Written by `npm run …` on 2025-01-02 03:04 UTC at commit abc1234 (+ uncommitted changes)." */
export function stampLine(stamp: RunStamp): string {
  const at = stamp.at.toISOString().slice(0, 16).replace('T', ' ');
  const dirty = stamp.dirty ? ' + uncommitted changes' : '';
  return `Written by \`${stamp.command}\` on ${at} UTC at commit ${stamp.commit}${dirty}.`;
}

const text = (cell: unknown): string =>
  cell === undefined || cell === null
    ? ''
    : Array.isArray(cell)
      ? cell.map(text).join(', ')
      : String(cell);
const escapeCell = (cell: string) => cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
/** A number, or the dash of a missing one: aligned right. */
const numeric = (cell: string) => /^(-?[\d.,]+%?|–)$/.test(cell);

/** Rows as a GitHub Markdown table; the columns are the keys of all rows, first seen first. */
export function markdownTable(rows: TableRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cells = rows.map((row) => columns.map((c) => text(row[c])));
  const right = columns.map((_, k) => cells.length > 0 && cells.every((r) => numeric(r[k]!)));
  const line = (values: string[]) => `| ${values.join(' | ')} |`;
  return [
    line(columns.map(escapeCell)),
    line(right.map((r) => (r ? '---:' : '---'))),
    ...cells.map((r) => line(r.map(escapeCell))),
  ].join('\n');
}

/** Prints a results table: plain without a stamp, Markdown under its stamp line with one. */
export function printTable(
  rows: TableRow[],
  stamp: RunStamp | null,
  out: TableOutput = console,
): void {
  if (!stamp) {
    out.table(rows);
    return;
  }
  out.log(`\n${stampLine(stamp)}\n\n${markdownTable(rows)}\n`);
}
