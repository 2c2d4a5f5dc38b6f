/**
 * A .gz list reads the same where the browser has DecompressionStream and where it has not
 * (WPE 2.38, Safari before 16.4: fflate inflates instead), refusals and the size limit included.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportError } from './import-error';
import { MAX_LIST_BYTES, readUpload } from './read-upload';
import { gzip, malXml } from '$fixtures/test-lists';

const SAMPLE = [{ id: 1, title: 'Cowboy Bebop', score: 9, status: 'Completed', watched: 26 }];

async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    return `read: ${await readUpload(bytes)}`;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return `refused: ${(error as Error).message}`;
  }
}

/** What `readUpload` makes of each input, natively and without DecompressionStream. */
async function bothWays(bytes: Uint8Array): Promise<[string, string]> {
  const native = await outcome(bytes);
  vi.stubGlobal('DecompressionStream', undefined);
  try {
    return [native, await outcome(bytes)];
  } finally {
    vi.unstubAllGlobals();
  }
}

describe('a .gz list with and without DecompressionStream', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('reads the same text', async () => {
    const xml = malXml(SAMPLE);
    const [native, fallback] = await bothWays(await gzip(xml));
    expect(native).toBe(`read: ${xml}`);
    expect(fallback).toBe(native);
  });

  it('refuses a damaged or cut file with the same sentence', async () => {
    const zipped = await gzip(malXml(SAMPLE));
    for (const bytes of [zipped.subarray(0, zipped.length - 20), zipped.subarray(0, 30)]) {
      const [native, fallback] = await bothWays(bytes);
      expect(native).toMatch(/^refused: The \.gz file is damaged or cut short/);
      expect(fallback).toBe(native);
    }
  });

  it('stops a gzip bomb at the size limit', async () => {
    const bomb = await gzip(' '.repeat(MAX_LIST_BYTES + 1024));
    const [native, fallback] = await bothWays(bomb);
    for (const said of [native, fallback]) {
      expect(said).toMatch(/^refused: The file is 3\d\.\d MB; Tsugi reads lists up to 32\.0 MB/);
    }
  });

  it('says so, and not "damaged", when the fallback cannot load', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    vi.doMock('fflate', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    try {
      const said = await outcome(await gzip(malXml(SAMPLE)));
      expect(said).toMatch(/^refused: Tsugi could not load what decompresses \.gz files/);
    } finally {
      vi.doUnmock('fflate');
    }
  });
});
