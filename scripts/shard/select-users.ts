/**
 * Which users go into the shard: those with at least `minEntries` entries, then, if their
 * entries exceed the budget, a deterministic sample (users in the order of a hash of their
 * table and id) cut where the budget runs out. The same input always gives the same shard.
 */
export interface UserSelectionOptions {
  minEntries: number;
  maxEntries: number;
}

/** Per table (by index), each user id's entry count. */
export type UserCounts = Map<number, number>[];

export interface SelectedUser {
  table: number;
  user: number;
  entries: number;
}

export function selectUsers(counts: UserCounts, options: UserSelectionOptions): SelectedUser[] {
  const eligible: (SelectedUser & { hash: number })[] = [];
  counts.forEach((users, table) => {
    for (const [user, entries] of users) {
      if (entries >= options.minEntries)
        eligible.push({ table, user, entries, hash: userHash(table, user) });
    }
  });
  eligible.sort((a, b) => a.hash - b.hash || a.table - b.table || a.user - b.user);
  const selected: SelectedUser[] = [];
  let total = 0;
  for (const { table, user, entries } of eligible) {
    if (total + entries > options.maxEntries) break;
    total += entries;
    selected.push({ table, user, entries });
  }
  return selected.sort((a, b) => a.table - b.table || a.user - b.user);
}

/** 32-bit FNV-1a over (table, user), then a finaliser so near ids spread out. */
export function userHash(table: number, user: number): number {
  let h = 0x811c9dc5;
  for (const word of [table, user]) {
    for (let shift = 0; shift < 32; shift += 8) {
      h ^= (word >>> shift) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
