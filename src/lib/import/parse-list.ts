/** Recognising a list file by its content and handing it to the right parser. */
import { aniListToMal } from './anilist-ids';
import { parseAniListJson } from './anilist-json';
import { ImportError } from './import-error';
import { parseCsvList } from './csv-list';
import { parseMalXml } from './mal-xml';
import { readUpload } from './read-upload';
import type { ParsedList } from '../library/list-entry';

export async function parseListFile(bytes: Uint8Array): Promise<ParsedList> {
  const text = await readUpload(bytes);
  return parseListText(text, isJson(text) ? await aniListToMal() : new Map());
}

const isJson = (text: string) => /^\uFEFF?\s*[[{]/.test(text);

/** `aniListIds` maps AniList ids to MAL ids (needed for JSON only). */
export function parseListText(text: string, aniListIds = new Map<number, number>()): ParsedList {
  const body = text.replace(/^\uFEFF/, '');
  const start = body.trimStart();
  if (start.startsWith('<')) {
    // XML's declaration must come first; the blank lines cut before it still count as lines.
    const cut = body.slice(0, body.length - start.length);
    return parseMalXml(start, 1 + (cut.match(/\r\n?|\n/g)?.length ?? 0));
  }
  if (isJson(start)) return parseAniListJson(body, aniListIds);
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  if (/[,;\t]/.test(firstLine) || /\b(anime_id|title)\b/i.test(firstLine))
    return parseCsvList(body);
  throw new ImportError(
    'This is not a list Tsugi can read: use the MyAnimeList export (.xml or .xml.gz), ' +
      "Kitsu's MAL-style XML, AniList's gdpr_data.json, or a CSV with an anime_id or title column.",
  );
}
