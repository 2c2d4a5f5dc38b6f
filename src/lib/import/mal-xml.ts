/**
 * MyAnimeList's XML export (today's and the 2008 format) and Kitsu's MAL-style XML, read with
 * saxes, a strict streaming parser that never expands entities. A document type that declares
 * entities is refused (the billion-laughs attack) wherever it stands in the prolog, and a bare '&'
 * outside CDATA — a real defect of some exports — is read as the character it obviously means.
 */
import { SaxesParser } from 'saxes';
import { ImportError } from './import-error';
import { idFromText } from './row-values';
import {
  parseDate,
  parseStatus,
  type InvalidRow,
  type ListEntry,
  type ListFormat,
  type ParsedList,
} from '../library/list-entry';

const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/g;

/** Escapes bare '&' outside CDATA sections; returns the text and how many it escaped. */
export function escapeBareAmpersands(xml: string): { xml: string; escaped: number } {
  let escaped = 0;
  let out = '';
  let last = 0;
  const fix = (part: string) =>
    part.replace(BARE_AMPERSAND, () => {
      escaped++;
      return '&amp;';
    });
  for (const match of xml.matchAll(CDATA)) {
    out += fix(xml.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  out += fix(xml.slice(last));
  return { xml: out, escaped };
}

/** saxes writes "12:5: unexpected close tag."; the message gives the line once, in plain words. */
function malformed(line: number, error: Error): ImportError {
  const what = error.message
    .replace(/^[^:]*?:?\d+:\d+: /, '')
    .replace(/\.+$/, '')
    .replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
  return new ImportError(
    `The XML is malformed near line ${line} (${what}), so the file may be incomplete or damaged: ` +
      'download the export again.',
    { cause: error },
  );
}

/** Every anime element as its fields, and the first field it repeats (which would be lost). */
interface RawAnime {
  fields: Record<string, string>;
  repeated: string;
}

/** `firstLine` is the line the text starts on in the file (blank lines may have been cut). */
export function parseMalXml(text: string, firstLine = 1): ParsedList {
  const { xml, escaped } = escapeBareAmpersands(text);
  const parser = new SaxesParser({ position: true });
  const myinfo: Record<string, string> = {};
  const rawAnime: RawAnime[] = [];
  let manga = 0;
  let root = '';
  let record: RawAnime | null = null;
  let field = '';
  let value = '';
  let depth = 0;

  parser.on('error', (error) => {
    throw malformed(parser.line + firstLine - 1, error);
  });
  // saxes reads the whole prolog, however long its comments, before the root element.
  parser.on('doctype', (doctype) => {
    if (/<!ENTITY/i.test(doctype))
      throw new ImportError(
        'This XML file declares entities, which list exports never do and which can be built to ' +
          'exhaust memory, so Tsugi does not read it: import the file as MyAnimeList sent it.',
      );
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 1) root = tag.name;
    else if (depth === 2) {
      if (tag.name === 'anime') record = { fields: {}, repeated: '' };
      else if (tag.name === 'myinfo') record = { fields: myinfo, repeated: '' };
      else if (tag.name === 'manga') manga++;
    } else if (depth === 3) {
      field = tag.name;
      value = '';
    }
  });
  // Text nested deeper than a field still belongs to that field.
  const addText = (t: string) => {
    if (depth >= 3) value += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    if (depth === 3 && record) {
      if (Object.hasOwn(record.fields, field)) record.repeated ||= field;
      record.fields[field] = value.trim();
    } else if (depth === 2 && tag.name === 'anime' && record) rawAnime.push(record);
    if (depth === 2) record = null;
    depth--;
  });
  parser.write(xml).close();

  if (root !== 'myanimelist')
    throw new ImportError(
      (root
        ? `This XML file is not a list export (its root element is <${root}>, not <myanimelist>)`
        : 'This file has no XML elements, so it is not a list export') +
        ': choose the .xml or .xml.gz file MyAnimeList or Kitsu sent you.',
    );
  if (myinfo.user_export_type === '2' || (manga > 0 && rawAnime.length === 0))
    throw new ImportError(
      'This is a manga list export and Tsugi recommends anime: export your anime list instead.',
    );
  if (rawAnime.length === 0)
    throw new ImportError(
      'The export has no anime in it, so the list is empty: export it again once it has anime on it.',
    );

  const format = formatOf(
    text,
    rawAnime.map((a) => a.fields),
  );
  const entries: ListEntry[] = [];
  const invalid: InvalidRow[] = [];
  rawAnime.forEach(({ fields, repeated }, k) => {
    const entry = repeated ? `it has more than one <${repeated}>` : entryOf(fields);
    if (typeof entry === 'string') invalid.push({ where: `entry ${k + 1}`, reason: entry, fields });
    else entries.push(entry);
  });
  const notes: string[] = [];
  if (manga > 0) notes.push(`${manga} manga entries set aside (Tsugi recommends anime).`);
  if (escaped > 0) notes.push(`${escaped} unescaped '&' read as plain text.`);
  const user =
    myinfo.user_id || myinfo.user_name
      ? { id: myinfo.user_id ?? '', name: myinfo.user_name ?? '' }
      : null;
  return { format, user, entries, invalid, notes };
}

function formatOf(text: string, anime: Record<string, string>[]): ListFormat {
  if (anime.every((a) => a.series_title === undefined)) return 'kitsu';
  if (/Last updated 5\/27\/2008/.test(text.slice(0, 400)) || 'my_dvd' in anime[0]!)
    return 'mal-2008';
  return 'mal';
}

/** An entry, or why it is not one. */
function entryOf(fields: Record<string, string>): ListEntry | string {
  const id = idFromText(fields.series_animedb_id ?? '', 'anime id');
  if (typeof id === 'string') return fields.series_animedb_id ? id : 'it has no anime id';
  const scoreText = fields.my_score ?? '';
  const score = scoreText === '' ? 0 : Number(scoreText);
  if (!Number.isInteger(score) || score < 0 || score > 10)
    return `the score "${scoreText}" is not a whole number from 0 to 10`;
  const status = parseStatus(fields.my_status ?? '');
  if (status === null) return `the status "${fields.my_status}" is not one MAL uses`;
  const watched = Number(fields.my_watched_episodes ?? 0);
  return {
    malId: id,
    title: fields.series_title ?? '',
    status,
    score,
    watchedEpisodes: Number.isFinite(watched) && watched > 0 ? Math.floor(watched) : 0,
    startDate: parseDate(fields.my_start_date ?? ''),
    finishDate: parseDate(fields.my_finish_date ?? ''),
    fields,
  };
}
