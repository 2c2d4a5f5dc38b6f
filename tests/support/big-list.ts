/**
 * A MyAnimeList export of `entries` entries, as small as MAL's format allows, for the big-list
 * tests and benchmark: ids 1…entries (the low ones are real anime, most of the rest are not in
 * the catalogue), statuses and scores varied.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STATUSES = ['Completed', 'Watching', 'Plan to Watch', 'Dropped', 'On-Hold'];

export function bigMalExport(entries: number): string {
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" ?>\n<myanimelist><myinfo><user_name>big</user_name>',
    '<user_export_type>1</user_export_type></myinfo>\n',
  ];
  for (let id = 1; id <= entries; id++)
    parts.push(
      `<anime><series_animedb_id>${id}</series_animedb_id><my_score>${id % 11}</my_score>` +
        `<my_status>${STATUSES[id % STATUSES.length]}</my_status></anime>\n`,
    );
  parts.push('</myanimelist>\n');
  return parts.join('');
}

/** Writes the export to a temporary file and returns its path. */
export function bigMalExportFile(entries: number): string {
  const path = join(tmpdir(), `tsugi-big-${entries}.xml`);
  writeFileSync(path, bigMalExport(entries));
  return path;
}
