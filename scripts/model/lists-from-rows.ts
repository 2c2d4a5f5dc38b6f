/** CSV interaction rows as the recommenders read lists: per user, and as a ratings table. */
import type { Ratings } from '../../src/lib/data/shard-types';
import type { InteractionRow } from './interaction-csv';

/** One user's entries: catalogue index, score, status code; each anime once (the first row). */
export type UserList = { item: number; score: number; status: number }[];

/** Rows grouped by user in first-seen order, keeping only anime the catalogue knows. */
export function listsByUser(rows: InteractionRow[], indexOf: Map<number, number>) {
  const users = new Map<string, UserList>();
  const seen = new Map<string, Set<number>>();
  let unknown = 0;
  for (const row of rows) {
    const item = indexOf.get(row.anime);
    if (item === undefined) {
      unknown++;
      continue;
    }
    const listed = seen.get(row.user) ?? new Set<number>();
    if (listed.has(item)) continue;
    listed.add(item);
    seen.set(row.user, listed);
    const list = users.get(row.user) ?? [];
    list.push({ item, score: row.score, status: row.status });
    users.set(row.user, list);
  }
  return { users, unknown };
}

/** The lists as a ratings table (user u = the u-th list), entries ascending by anime. */
export function ratingsFromLists(lists: UserList[]): Ratings {
  const rowPtr = new Uint32Array(lists.length + 1);
  const entries = lists.reduce((n, list) => n + list.length, 0);
  const anime = new Uint32Array(entries);
  const score = new Uint8Array(entries);
  const status = new Uint8Array(entries);
  let e = 0;
  lists.forEach((list, u) => {
    for (const entry of list.slice().sort((a, b) => a.item - b.item)) {
      anime[e] = entry.item;
      score[e] = entry.score;
      status[e] = entry.status;
      e++;
    }
    rowPtr[u + 1] = e;
  });
  return {
    userCount: lists.length,
    entryCount: entries,
    tables: ['TRAIN'],
    userTable: new Uint8Array(lists.length),
    userSourceId: Uint32Array.from(lists, (_, u) => u),
    rowPtr,
    anime,
    score,
    status,
  };
}
