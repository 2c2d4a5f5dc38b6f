/**
 * The library as a MyAnimeList XML export that MAL's own import accepts: MAL's element order and
 * spellings, a `myinfo` block with the totals, and `update_on_import` set so that MAL applies
 * the entries. Entries imported from a MAL export keep every field they came with; Tsugi's
 * values (status, score, progress, dates) win. Entries without a MAL id cannot be exported.
 */
import type { Catalogue } from '$lib/data/shard-types';
import type { LibraryEntry } from './library';
import type { ListStatus } from './list-entry';

export const MAL_STATUS: Record<ListStatus, string> = {
  watching: 'Watching',
  completed: 'Completed',
  on_hold: 'On-Hold',
  dropped: 'Dropped',
  plan_to_watch: 'Plan to Watch',
};

const TOTALS: [string, ListStatus][] = [
  ['user_total_watching', 'watching'],
  ['user_total_completed', 'completed'],
  ['user_total_onhold', 'on_hold'],
  ['user_total_dropped', 'dropped'],
  ['user_total_plantowatch', 'plan_to_watch'],
];

const TEXT_FIELDS = new Set(['series_title', 'my_comments', 'my_tags']);
const FIELD_ORDER = [
  'series_animedb_id',
  'series_title',
  'series_type',
  'series_episodes',
  'my_id',
  'my_watched_episodes',
  'my_start_date',
  'my_finish_date',
  'my_rated',
  'my_score',
  'my_storage',
  'my_storage_value',
  'my_status',
  'my_comments',
  'my_times_watched',
  'my_rewatch_value',
  'my_priority',
  'my_tags',
  'my_rewatching',
  'my_rewatching_ep',
  'my_discuss',
  'my_sns',
  'update_on_import',
];

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** CDATA cannot contain "]]>": split it across two sections. */
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export interface MalExport {
  xml: string;
  exported: number;
  /** Entries left out: they have no MAL id. */
  skipped: number;
}

export interface ExportUser {
  id: string;
  name: string;
}

export function malExport(
  entries: LibraryEntry[],
  user: ExportUser | null,
  catalogue?: { c: Catalogue; indexOf: (malId: number) => number },
): MalExport {
  const exportable = entries.filter((e) => e.malId !== null && e.status !== '');
  const anime = exportable.map((entry) => {
    const known = catalogue ? catalogue.indexOf(entry.malId!) : -1;
    const c = catalogue?.c;
    const defaults: Record<string, string> = {
      series_title: entry.title || (c && known >= 0 ? c.title[known]! : ''),
      series_type: c && known >= 0 ? c.type.labels[c.type.codes[known]!]! : '',
      series_episodes: c && known >= 0 ? String(c.episodes[known]) : '0',
      my_id: '0',
      my_rated: '',
      my_storage: '',
      my_storage_value: '0.00',
      my_comments: '',
      my_times_watched: '0',
      my_rewatch_value: '',
      my_priority: 'LOW',
      my_tags: '',
      my_rewatching: '0',
      my_rewatching_ep: '0',
      my_discuss: '1',
      my_sns: 'default',
    };
    const fields: Record<string, string> = {
      // An entry from a MAL (or Kitsu MAL-style) export comes back with exactly its own fields.
      ...('series_animedb_id' in entry.fields ? entry.fields : defaults),
      series_animedb_id: String(entry.malId),
      my_watched_episodes: String(entry.watchedEpisodes),
      my_start_date: entry.startDate || '0000-00-00',
      my_finish_date: entry.finishDate || '0000-00-00',
      my_score: String(entry.score),
      my_status: MAL_STATUS[entry.status as ListStatus],
      update_on_import: '1',
    };
    const names = [...FIELD_ORDER, ...Object.keys(fields).filter((n) => !FIELD_ORDER.includes(n))];
    const lines = names
      .filter((name) => fields[name] !== undefined)
      .map((name) => {
        const value = fields[name]!;
        return `\t\t\t<${name}>${TEXT_FIELDS.has(name) ? cdata(value) : escape(value)}</${name}>`;
      });
    return `\t\t<anime>\n${lines.join('\n')}\n\t\t</anime>`;
  });
  const totals = TOTALS.map(
    ([tag, status]) =>
      `\t\t<${tag}>${exportable.filter((e) => e.status === status).length}</${tag}>`,
  );
  const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<!--
 Created by Tsugi (XML export in MyAnimeList's format)
 Version 1.1.0
-->
<myanimelist>
\t<myinfo>
\t\t<user_id>${escape(user?.id ?? '0')}</user_id>
\t\t<user_name>${escape(user?.name ?? '')}</user_name>
\t\t<user_export_type>1</user_export_type>
\t\t<user_total_anime>${exportable.length}</user_total_anime>
${totals.join('\n')}
\t</myinfo>
${anime.join('\n')}
</myanimelist>
`;
  return { xml, exported: exportable.length, skipped: entries.length - exportable.length };
}
