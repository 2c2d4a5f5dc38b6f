/** Recognising a list file by its content and handing it to the right parser. */
import { ImportError } from './import-error';
import { parseCsvList } from './csv-list';
import { parseMalXml } from './mal-xml';
import { readUpload } from './read-upload';
import type { ParsedList } from '../library/list-entry';

export async function parseListFile(bytes: Uint8Array): Promise<ParsedList> {
  return parseListText(await readUpload(bytes));
}

export function parseListText(text: string): ParsedList {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) return parseMalXml(start);
  if (start.startsWith('{') || start.startsWith('['))
    throw new ImportError('JSON lists (AniList account data) are not supported yet.');
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  if (/[,;\t]/.test(firstLine) || /\b(anime_id|title)\b/i.test(firstLine))
    return parseCsvList(start);
  throw new ImportError(
    'This is not a list Tsugi can read. Use the MyAnimeList export (.xml or .xml.gz), ' +
      "Kitsu's MAL-style XML, or a CSV with an anime_id or title column.",
  );
}
