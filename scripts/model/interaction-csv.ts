/**
 * The evaluation CLI's own CSV format: `user_id,anime_id,score,status` with score 0–10
 * (0 = unscored) and status one of watching, completed, on_hold, dropped, plan_to_watch or
 * empty. Every bad row is an error that names the file and the line.
 */
import { LIST_STATUSES, statusCode, type ListStatus } from '../../src/lib/library/list-entry';
import { streamCsv } from '../shard/read-table';

export const COLUMNS = ['user_id', 'anime_id', 'score', 'status'] as const;

/** Exactly these spellings (the list importer is more lenient; this format is documented). */
const isStatus = (text: string): text is ListStatus | '' =>
  text === '' || (LIST_STATUSES as readonly string[]).includes(text);

export interface InteractionRow {
  user: string;
  anime: number;
  score: number;
  status: number;
}

export function parseInteraction(row: string[], where: string): InteractionRow {
  if (row.length !== COLUMNS.length) {
    throw new Error(
      `${where}: expected ${COLUMNS.length} fields (${COLUMNS.join(',')}), found ${row.length}`,
    );
  }
  const [user, anime, score, status] = row.map((f) => f.trim()) as [string, string, string, string];
  if (!user) throw new Error(`${where}: user_id is empty`);
  if (!/^\d+$/.test(anime) || Number(anime) < 1) {
    throw new Error(`${where}: anime_id must be a positive whole number, not "${anime}"`);
  }
  const value = score === '' ? 0 : Number(score);
  if (!Number.isInteger(value) || value < 0 || value > 10) {
    throw new Error(`${where}: score must be a whole number from 0 to 10, not "${score}"`);
  }
  const name = status.toLowerCase();
  if (!isStatus(name)) {
    throw new Error(
      `${where}: status must be one of ${LIST_STATUSES.join(', ')} or empty, not "${status}"`,
    );
  }
  return { user, anime: Number(anime), score: value, status: statusCode(name) };
}

/** Reads a whole interactions file, checking its header and every row. */
export async function readInteractions(path: string): Promise<InteractionRow[]> {
  const rows: InteractionRow[] = [];
  let line = 1;
  await streamCsv(path, {
    onHeader(header) {
      const names = header.map((h) => h.trim().toLowerCase());
      if (names.join(',') !== COLUMNS.join(',')) {
        throw new Error(
          `${path}:1: the header must be "${COLUMNS.join(',')}", not "${header.join(',')}"`,
        );
      }
    },
    onRows(batch) {
      for (const row of batch) rows.push(parseInteraction(row, `${path}:${++line}`));
    },
  });
  return rows;
}
