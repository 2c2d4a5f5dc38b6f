/** The real MyAnimeList exports in ../shared/data/mal-exports, read at test time (never committed). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const EXPORTS_DIR = join(process.env.DATA_DIR ?? '../shared/data', 'mal-exports');

export interface RealExport {
  name: string;
  path: string;
  /** MAL ids on the list, and those planned (plan to watch). */
  ids: Set<number>;
  planned: Set<number>;
  entries: number;
}

/** Why a test that needs the real exports fails without them (it must never pass silently). */
export const MISSING_EXPORTS =
  `No MyAnimeList exports in ${EXPORTS_DIR}: these tests read the real data ` +
  '(../shared/data beside the clone, or DATA_DIR)';

/** The exports' file names; none when the folder is missing (tests then check `MISSING_EXPORTS`). */
export function exportNames(): string[] {
  try {
    return readdirSync(EXPORTS_DIR)
      .filter((name) => /\.xml(\.gz)?$/.test(name))
      .sort();
  } catch {
    return [];
  }
}

export function realExports(): RealExport[] {
  const names = exportNames();
  if (names.length === 0) throw new Error(MISSING_EXPORTS);
  return names.map((name) => {
    const path = join(EXPORTS_DIR, name);
    const raw = readFileSync(path);
    const xml = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const ids = new Set<number>();
    const planned = new Set<number>();
    for (const block of xml.split('<anime>').slice(1)) {
      const id = Number(/<series_animedb_id>(\d+)</.exec(block)?.[1]);
      ids.add(id);
      if (/<my_status>Plan to Watch</.test(block)) planned.add(id);
    }
    return { name, path, ids, planned, entries: ids.size };
  });
}
