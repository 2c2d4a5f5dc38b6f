import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';
import { isGzip } from './read-table';

/** Reads just the header row, decompressing only the start of a gzipped file. */
export async function readHeader(path: string): Promise<string[]> {
  const gz = await isGzip(path);
  const file = createReadStream(path, { start: 0, end: 256 * 1024 - 1 });
  const input = gz ? file.pipe(createGunzip()) : file;
  let text = '';
  try {
    for await (const chunk of input) {
      text += (chunk as Buffer).toString('utf8');
      if (text.includes('\n') || text.length > 64 * 1024) break;
    }
  } catch (error) {
    if (!text)
      throw new Error(`${path}: cannot read: ${(error as Error).message}`, { cause: error });
  } finally {
    file.destroy();
  }
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (!firstLine.trim()) throw new Error(`${path}: the file is empty (no header row)`);
  return Papa.parse<string[]>(firstLine, { header: false }).data[0] ?? [];
}
