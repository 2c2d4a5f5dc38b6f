/**
 * The library as a MyAnimeList XML export that MAL's own import accepts: exactly the elements of
 * MAL's export, in its order, a `myinfo` block with the totals, and `update_on_import` set so that
 * MAL applies the entries. Tsugi's values (status, score, progress, dates) win; the other elements
 * keep what an imported file gave, when it is a value of the right kind, else MAL's default.
 * Stored entries are data from files: nothing in them becomes markup, and no bad value throws.
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

const INTEGER = /^\d{1,9}$/;
const DECIMAL = /^\d{1,9}(?:\.\d{1,4})?$/;
const FLAG = /^[01]$/;
/** Short names such as "TV Special", "PG-13", "Very High", "DVD / CD". */
const LABEL = /^(?:[\p{L}\p{N}][\p{L}\p{N} .,+/-]{0,39})?$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a file's value must match; 'any' for free text. */
type Kind = RegExp | 'any';
/** Written as CDATA, as MAL writes them. */
const CDATA_ELEMENTS = new Set(['series_title', 'my_comments', 'my_tags']);

/**
 * The elements of an <anime> in today's MAL export, in its order, with what a raw value must look
 * like and MAL's default. `null` kinds are always Tsugi's own (see `ownValues`). The 2008 format's
 * extra `my_dvd` is left out: today's MAL neither writes nor needs it.
 */
const ELEMENTS: [name: string, kind: Kind | null, fallback: string][] = [
  ['series_animedb_id', null, ''],
  ['series_title', null, ''],
  ['series_type', LABEL, ''],
  ['series_episodes', INTEGER, '0'],
  ['my_id', INTEGER, '0'],
  ['my_watched_episodes', null, ''],
  ['my_start_date', null, ''],
  ['my_finish_date', null, ''],
  ['my_rated', LABEL, ''],
  ['my_score', null, ''],
  ['my_storage', LABEL, ''],
  ['my_storage_value', DECIMAL, '0.00'],
  ['my_status', null, ''],
  ['my_comments', 'any', ''],
  ['my_times_watched', INTEGER, '0'],
  ['my_rewatch_value', LABEL, ''],
  ['my_priority', /^(?:LOW|MEDIUM|HIGH)$/, 'LOW'],
  ['my_tags', 'any', ''],
  ['my_rewatching', FLAG, '0'],
  ['my_rewatching_ep', INTEGER, '0'],
  ['my_discuss', FLAG, '1'],
  ['my_sns', LABEL, 'default'],
  ['update_on_import', null, ''],
];

export const ANIME_ELEMENTS: readonly string[] = ELEMENTS.map(([name]) => name);

/** Outside XML 1.0's Char: C0 controls but tab/LF/CR, U+FFFE, U+FFFF and lone surrogates. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlLegal = (text: string) => text.replace(NOT_XML_CHAR, '');

/** CR as a character reference: a parser turns a literal CR (or CRLF) into LF. */
const escape = (text: string) =>
  xmlLegal(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
/** CDATA cannot hold "]]>" nor keep a CR: both step out of the section and back in. */
const cdata = (text: string) =>
  `<![CDATA[${xmlLegal(text)
    .replace(/]]>/g, ']]]]><![CDATA[>')
    .replace(/\r/g, ']]>&#13;<![CDATA[')}]]>`;

/** A raw field as text: only an own string or finite number counts (papaparse leaves arrays). */
function rawText(fields: unknown, name: string): string | undefined {
  if (typeof fields !== 'object' || fields === null || !Object.hasOwn(fields, name)) return;
  const value: unknown = (fields as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
}

export interface MalExport {
  xml: string;
  exported: number;
  /** Entries left out: they have no MAL id (or no status MAL knows). */
  skipped: number;
}

export interface ExportUser {
  id: string;
  name: string;
}

export interface CatalogueLookup {
  c: Catalogue;
  indexOf: (malId: number) => number;
}

const isExportable = (e: LibraryEntry) =>
  Number.isSafeInteger(e.malId) &&
  e.malId! > 0 &&
  typeof e.status === 'string' &&
  Object.hasOwn(MAL_STATUS, e.status);

const whole = (n: unknown, max = Number.MAX_SAFE_INTEGER) =>
  Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= max ? String(n) : '0';
const date = (d: unknown) => (typeof d === 'string' && DATE.test(d) ? d : '0000-00-00');

/** The elements Tsugi decides, and the catalogue's values for those a file may lack. */
function ownValues(entry: LibraryEntry, catalogue?: CatalogueLookup): Record<string, string> {
  const at = catalogue ? catalogue.indexOf(entry.malId!) : -1;
  const c = at >= 0 ? catalogue!.c : undefined;
  const title = typeof entry.title === 'string' ? entry.title : '';
  return {
    series_animedb_id: String(entry.malId),
    series_title: title || (c?.title[at] ?? ''),
    my_watched_episodes: whole(entry.watchedEpisodes),
    my_start_date: date(entry.startDate),
    my_finish_date: date(entry.finishDate),
    my_score: whole(entry.score, 10),
    my_status: MAL_STATUS[entry.status as ListStatus],
    update_on_import: '1',
    ...(c && {
      series_type: c.type.labels[c.type.codes[at]!] ?? '',
      series_episodes: String(c.episodes[at] ?? 0),
    }),
  };
}

/** A file's value for an element, when it is one of the right kind. */
function fileValue(fields: unknown, name: string, kind: Kind): string | undefined {
  const raw = rawText(fields, name);
  if (raw === undefined || kind === 'any') return raw;
  return kind.test(raw.trim()) ? raw.trim() : undefined;
}

function animeXml(entry: LibraryEntry, catalogue?: CatalogueLookup): string {
  const own = ownValues(entry, catalogue);
  const lines = ELEMENTS.map(([name, kind, fallback]) => {
    const value =
      (kind === null ? undefined : fileValue(entry.fields, name, kind)) ?? own[name] ?? fallback;
    return `\t\t\t<${name}>${CDATA_ELEMENTS.has(name) ? cdata(value) : escape(value)}</${name}>`;
  });
  return `\t\t<anime>\n${lines.join('\n')}\n\t\t</anime>`;
}

export function malExport(
  entries: LibraryEntry[],
  user: ExportUser | null,
  catalogue?: CatalogueLookup,
): MalExport {
  const exportable = entries.filter(isExportable);
  const totals = TOTALS.map(
    ([tag, status]) =>
      `\t\t<${tag}>${exportable.filter((e) => e.status === status).length}</${tag}>`,
  );
  const text = (value: unknown, fallback: string) =>
    escape(typeof value === 'string' ? value : fallback);
  const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<!--
 Created by Tsugi (XML export in MyAnimeList's format)
 Version 1.1.0
-->
<myanimelist>
\t<myinfo>
\t\t<user_id>${text(user?.id, '0')}</user_id>
\t\t<user_name>${text(user?.name, '')}</user_name>
\t\t<user_export_type>1</user_export_type>
\t\t<user_total_anime>${exportable.length}</user_total_anime>
${totals.join('\n')}
\t</myinfo>
${exportable.map((e) => animeXml(e, catalogue)).join('\n')}
</myanimelist>
`;
  return { xml, exported: exportable.length, skipped: entries.length - exportable.length };
}
