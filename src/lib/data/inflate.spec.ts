import { deflateRawSync, gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { inflate, InflateDataError, InflateLimitError, type InflateOptions } from './inflate';

const text = new TextEncoder().encode('Tsugi reads the list. '.repeat(5000));
const gz = new Uint8Array(gzipSync(text));
const cut = (bytes: Uint8Array, n: number) => bytes.subarray(0, bytes.length - n);
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = bytes.slice();
  copy[at < 0 ? copy.length + at : at]! ^= 0x55;
  return copy;
};

/** The same cases run with the platform's stream and with fflate, as where it is missing. */
const paths: [string, InflateOptions][] = [
  ['DecompressionStream', { native: globalThis.DecompressionStream }],
  ['fflate (no DecompressionStream)', { native: null }],
];

describe.each(paths)('inflating with %s', (_, options) => {
  it('gives back the bytes of gzip and of raw DEFLATE', async () => {
    expect(await inflate(gz, 'gzip', options)).toEqual(text);
    const raw = new Uint8Array(deflateRawSync(text));
    expect(await inflate(raw, 'deflate-raw', options)).toEqual(text);
    expect(await inflate(new Uint8Array(gzipSync(new Uint8Array(0))), 'gzip', options)).toEqual(
      new Uint8Array(0),
    );
  });

  it('reads concatenated gzip members as one', async () => {
    const two = new Uint8Array([...gz, ...gzipSync(text)]);
    expect(await inflate(two, 'gzip', options)).toEqual(new Uint8Array([...text, ...text]));
  });

  it.each([
    ['cut inside the data', cut(gz, 20)],
    ['cut inside the trailer', cut(gz, 4)],
    ['without its trailer', cut(gz, 8)],
    ['with a wrong CRC-32', flipped(gz, -6)],
    ['with a wrong length', flipped(gz, -2)],
    ['with damaged data', flipped(gz, 15)],
    ['with bytes after the end', new Uint8Array([...gz, 1, 2, 3])],
    ['not gzip past its magic', new Uint8Array([0x1f, 0x8b, 1, 2, 3])],
    ['only its first 30 bytes', gz.subarray(0, 30)],
  ])('refuses gzip %s', async (_, bytes) => {
    await expect(inflate(bytes, 'gzip', options)).rejects.toBeInstanceOf(InflateDataError);
  });

  it('refuses damaged raw DEFLATE', async () => {
    const raw = new Uint8Array(deflateRawSync(text));
    await expect(inflate(cut(raw, 10), 'deflate-raw', options)).rejects.toBeInstanceOf(
      InflateDataError,
    );
  });

  it('stops a bomb soon after the limit', async () => {
    const limit = 8 * 1024 * 1024;
    const bomb = new Uint8Array(gzipSync(new Uint8Array(limit * 8)));
    const error = await inflate(bomb, 'gzip', { ...options, limit }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InflateLimitError);
    expect((error as InflateLimitError).size).toBeGreaterThan(limit);
    expect((error as InflateLimitError).size).toBeLessThan(limit * 4);
    // Exactly at the limit is still fine.
    const exact = new Uint8Array(gzipSync(new Uint8Array(limit)));
    expect((await inflate(exact, 'gzip', { ...options, limit })).length).toBe(limit);
  });
});

describe('without DecompressionStream in the global scope', () => {
  it('inflates with fflate', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    try {
      expect(globalThis.DecompressionStream).toBeUndefined();
      expect(await inflate(gz, 'gzip')).toEqual(text);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(globalThis.DecompressionStream).toBeDefined();
  });
});
