/** Streams a CSV (gzipped or not, told apart by its magic bytes) through papaparse, row arrays in chunks. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import Papa from 'papaparse';

export interface StreamOptions {
  /** Called once with the header row. */
  onHeader(header: string[]): void;
  /** Called with each batch of data rows. */
  onRows(rows: string[][]): void;
  onProgress?(rowsSoFar: number, bytesRead: number, totalBytes: number): void;
}

export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** Streams the table; resolves with its data-row count and its size as (uncompressed) text. */
export async function streamCsv(
  path: string,
  options: StreamOptions,
): Promise<{ rows: number; textBytes: number }> {
  const totalBytes = (await stat(path)).size;
  const gzipped = await isGzip(path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  file.on('data', (chunk) => (bytesRead += chunk.length));
  const input = gzipped ? file.pipe(createGunzip({ chunkSize: 1 << 20 })) : file;
  let textBytes = 0;
  input.on('data', (chunk: Buffer) => (textBytes += chunk.length));
  let header: string[] | undefined;
  let rows = 0;
  let failed = false;
  return new Promise((resolve, reject) => {
    file.on('error', reject);
    input.on('error', (error: Error) => reject(new Error(`${path}: ${error.message}`)));
    Papa.parse<string[]>(input, {
      header: false,
      skipEmptyLines: true,
      chunk(results, parser) {
        try {
          let data = results.data;
          if (!header) {
            header = data[0] ?? [];
            options.onHeader(header);
            data = data.slice(1);
          }
          rows += data.length;
          options.onRows(data);
          options.onProgress?.(rows, bytesRead, totalBytes);
        } catch (error) {
          // Reject first: abort() calls complete() synchronously, which would resolve.
          failed = true;
          reject(error as Error);
          parser.abort();
          file.destroy();
        }
      },
      complete() {
        if (failed) return;
        if (!header) reject(new Error(`${path}: the file is empty (no header row)`));
        else resolve({ rows, textBytes });
      },
      error(error: Error) {
        reject(new Error(`${path}: ${error.message}`));
      },
    });
  });
}
