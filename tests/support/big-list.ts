/**
 * A MyAnimeList export of `entries` entries, as small as MAL's format allows, for the big-list
 * tests and benchmark: the first 400 have ids 1…400 (many are real anime), the rest ids from
 * 1,000,400 up, which no anime has; statuses and scores varied. So every size has the same
 * titles to recommend from, and a bigger list only adds bulk.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REAL = 400;
const STATUSES = ['Completed', 'Watching', 'Plan to Watch', 'Dropped', 'On-Hold'];

export function bigMalExport(entries: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist><myinfo><user_name>big</user_name>',
    '<user_export_type>1</user_export_type></myinfo>\n',
  ];
  for (let k = 0; k < entries; k++) {
    const id = k < REAL ? k + 1 : 1_000_000 + k;
    parts.push(
      `<anime><series_animedb_id>${id}</series_animedb_id><my_score>${id % 11}</my_score>` +
        `<my_status>${STATUSES[id % STATUSES.length]}</my_status></anime>\n`,
    );
  }
  parts.push('</myanimelist>\n');
  return parts.join('');
}

/** Writes the export to a temporary file and returns its path. */
export function bigMalExportFile(entries: number): string {
  const path = join(tmpdir(), `tsugi-big-${entries}.xml`);
  writeFileSync(path, bigMalExport(entries));
  return path;
}
