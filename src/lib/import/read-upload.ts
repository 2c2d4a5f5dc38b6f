/**
 * Turning the bytes of a dropped file into text. Gzip is recognised by its magic bytes, never
 * by the name: browsers sometimes decompress an `.xml.gz` silently and keep the name.
 */
import { inflate, InflateDataError, InflateLimitError } from '$lib/data/inflate';
import { decodeText } from './decode-text';
import { ImportError } from './import-error';

/** Larger than any real list export (MAL's for 20,000 titles is about 20 MB of XML). */
export const MAX_LIST_BYTES = 32 * 1024 * 1024;

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const empty = () =>
  new ImportError(
    'The file is empty: choose the list export itself (.xml, .xml.gz, .json or .csv).',
  );

export async function readUpload(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw empty();
  tooLarge(bytes.length);
  const plain = isGzip(bytes) ? await gunzip(bytes) : bytes;
  if (plain.length === 0) throw empty();
  return decodeText(plain);
}

/**
 * The bytes of a file the user chose, refused before reading when it is over the size limit (a
 * 2 GB file is never loaded into the page); a file that cannot be read any more says so.
 */
export async function readChosenFile(file: Blob & { name: string }): Promise<Uint8Array> {
  tooLarge(file.size);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    throw new ImportError(
      `The file ${file.name} could not be read because it was moved, changed or deleted after you chose ` +
        'it: choose it again.',
      { cause: error },
    );
  }
}

function tooLarge(size: number): void {
  if (size > MAX_LIST_BYTES)
    throw new ImportError(
      `The file is ${megabytes(size)}; Tsugi reads lists up to ${megabytes(MAX_LIST_BYTES)} ` +
        '(a MyAnimeList export of 20,000 titles is about 20 MB), so check that it is the right file.',
    );
}

/** Decompresses (natively, else with fflate), stopping once past the size limit. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    return await inflate(bytes, 'gzip', { limit: MAX_LIST_BYTES });
  } catch (error) {
    if (error instanceof InflateLimitError) tooLarge(error.size);
    if (error instanceof InflateDataError) {
      throw new ImportError(
        'The .gz file is damaged or cut short, so it cannot be decompressed: download the export again.',
        { cause: error },
      );
    }
    throw new ImportError(
      `Tsugi could not load what decompresses .gz files (${String(error)}): reload the page, or ` +
        'choose the export decompressed (.xml).',
      { cause: error },
    );
  }
}
