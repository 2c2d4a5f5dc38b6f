/** For tests: reading an export as a strict XML parser would, with no repairs. */
import { SaxesParser } from 'saxes';

/** Parses strictly (no repairs, unlike the importer); returns each <anime>'s element names. */
export function strictElements(xml: string): string[][] {
  const parser = new SaxesParser();
  const anime: string[][] = [];
  let depth = 0;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (depth === 2 && tag.name === 'anime') anime.push([]);
    else if (depth === 3 && anime.length > 0) anime.at(-1)!.push(tag.name);
  });
  parser.on('closetag', () => depth--);
  parser.write(xml).close();
  return anime;
}
