import { deflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { crc32 } from './crc32';
import { HEADER_BYTES, readContainer, ShardError, writeContainer } from './sections';
import {
  decodeShard,
  decodeStrings,
  encodeShard,
  encodeStrings,
  SHARD_VERSION,
} from './shard-codec';
import type { Shard } from './shard-types';
import { makeTestShard } from '$fixtures/test-shard';
import { decodeVarints, encodeVarints } from './varint';

/** Node's zlib stands in for the builder's deflate. */
const encode = (shard: Shard) => encodeShard(shard, (raw) => deflateRawSync(raw));

async function expectShardError(
  bytes: Uint8Array,
  kind: ShardError['kind'],
  message: RegExp,
): Promise<void> {
  let caught: unknown;
  try {
    await decodeShard(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ShardError);
  expect((caught as ShardError).kind).toBe(kind);
  expect((caught as ShardError).message).toMatch(message);
}

describe('shard codec', () => {
  it('round-trips every column of catalogue and ratings', async () => {
    const shard = makeTestShard();
    const { bytes } = encode(shard);
    expect(await decodeShard(bytes)).toEqual(shard);
  });

  it('decodes the same where the browser has no DecompressionStream (fflate inflates)', async () => {
    const shard = makeTestShard();
    const { bytes } = encode(shard);
    vi.stubGlobal('DecompressionStream', undefined);
    try {
      expect(await decodeShard(bytes)).toEqual(shard);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('round-trips a shard with no users and no anime', async () => {
    const shard = makeTestShard();
    const empty = {
      ...shard,
      catalogue: {
        ...shard.catalogue,
        size: 0,
        malId: new Uint32Array(0),
        title: [],
        titleEnglish: [],
        titleJapanese: [],
        titleSynonyms: [],
        synopsis: [],
        type: { labels: [], codes: new Uint8Array(0) },
        source: { labels: [], codes: new Uint8Array(0) },
        ageRating: { labels: [], codes: new Uint8Array(0) },
        episodes: new Uint16Array(0),
        year: new Uint16Array(0),
        season: new Uint8Array(0),
        score: new Uint16Array(0),
        members: new Uint32Array(0),
        flags: new Uint8Array(0),
        genres: { labels: [], offsets: new Uint32Array(1), values: new Uint16Array(0) },
        themes: { labels: [], offsets: new Uint32Array(1), values: new Uint16Array(0) },
        studios: { labels: [], offsets: new Uint32Array(1), values: new Uint16Array(0) },
        airedFrom: new Uint16Array(0),
        airedTo: new Uint16Array(0),
        officialSite: [],
        watch: { sites: [], offsets: new Uint32Array(1), site: new Uint8Array(0), ids: [] },
      },
      ratings: {
        userCount: 0,
        entryCount: 0,
        tables: [],
        userTable: new Uint8Array(0),
        userSourceId: new Uint32Array(0),
        rowPtr: new Uint32Array(1),
        anime: new Uint32Array(0),
        score: new Uint8Array(0),
        status: new Uint8Array(0),
      },
    };
    expect(await decodeShard(encode(empty).bytes)).toEqual(empty);
  });

  it('round-trips air dates, official sites and where to watch', async () => {
    const shard = makeTestShard();
    const { catalogue } = await decodeShard(encode(shard).bytes);
    expect([...catalogue.airedFrom]).toEqual([...shard.catalogue.airedFrom]);
    expect(catalogue.officialSite[2]).toBe('https://shingeki.tv/');
    expect(catalogue.watch.sites.map((s) => s.name)).toEqual(['Netflix', 'Crunchyroll']);
    expect([...catalogue.watch.offsets]).toEqual([0, 2, 2, 3, 3]);
    // Stored grouped by site, read back in each anime's own order.
    expect(catalogue.watch.ids).toEqual(shard.catalogue.watch.ids);
    expect([...catalogue.airedTo]).toEqual([...shard.catalogue.airedTo]);
  });

  it('refuses a watch column whose links and ids disagree', async () => {
    const shard = makeTestShard();
    shard.catalogue.watch.ids = shard.catalogue.watch.ids.slice(0, 2);
    expect(() => encode(shard)).toThrow(/watch ids/);
  });

  it('refuses entries that are not ascending', async () => {
    const shard = makeTestShard();
    shard.ratings.anime = Uint32Array.from([1, 0, 3, 0, 2, 3]);
    expect(() => encode(shard)).toThrow(/ascending/);
  });

  it('rejects a truncated shard', async () => {
    const { bytes } = encode(makeTestShard());
    await expectShardError(bytes.subarray(0, bytes.length - 10), 'truncated', /truncated/);
    await expectShardError(bytes.subarray(0, 20), 'truncated', /too short/);
  });

  it('rejects a shard with a flipped bit in its body', async () => {
    const bytes = encode(makeTestShard()).bytes.slice();
    bytes[bytes.length - 5]! ^= 0x10;
    await expectShardError(bytes, 'corrupt', /checksum/);
  });

  it('rejects a section that does not inflate even when the checksum was recomputed', async () => {
    const section = { name: 'big', bytes: new Uint8Array(5000).fill(7), compress: true };
    const { bytes } = writeContainer(1, [section], (raw) => deflateRawSync(raw));
    expect((await readContainer(bytes, 1)).sections.get('big')).toEqual(section.bytes);
    const broken = bytes.slice();
    broken[broken.length - 4]! ^= 0xff;
    const view = new DataView(broken.buffer);
    // The directory entry: name length, "big", encoding, stored and raw length, then the CRC.
    const directoryEnd = HEADER_BYTES + 1 + 3 + 1 + 12;
    view.setUint32(directoryEnd - 4, crc32(broken.subarray(directoryEnd)), true);
    view.setUint32(20, crc32(broken.subarray(HEADER_BYTES, directoryEnd)), true);
    view.setUint32(28, crc32(broken.subarray(0, 28)), true);
    await expect(readContainer(broken, 1)).rejects.toThrow(
      /Section big (does not decompress|has the wrong length)/,
    );
    vi.stubGlobal('DecompressionStream', undefined);
    try {
      expect((await readContainer(bytes, 1)).sections.get('big')).toEqual(section.bytes);
      await expect(readContainer(broken, 1)).rejects.toThrow(
        /Section big (does not decompress|has the wrong length)/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('rejects a shard with a damaged header', async () => {
    const bytes = encode(makeTestShard()).bytes.slice();
    bytes[17]! ^= 0x01;
    await expectShardError(bytes, 'corrupt', /header/);
  });

  it('rejects another format version with both versions named', async () => {
    const bytes = encode(makeTestShard()).bytes.slice();
    const view = new DataView(bytes.buffer);
    view.setUint32(8, SHARD_VERSION + 1, true);
    view.setUint32(28, crc32(bytes.subarray(0, 28)), true);
    await expectShardError(
      bytes,
      'version',
      new RegExp(`version ${SHARD_VERSION + 1}.*${SHARD_VERSION}`),
    );
  });

  it('rejects files that are not shards at all', async () => {
    await expectShardError(
      new TextEncoder().encode('<!doctype html><html></html>'),
      'not-a-shard',
      /not a Tsugi shard/,
    );
    await expectShardError(new Uint8Array(0), 'not-a-shard', /too short/);
  });

  it('rejects trailing bytes', async () => {
    const { bytes } = encode(makeTestShard());
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    await expectShardError(longer, 'corrupt', /after its end/);
  });

  it('compresses large sections and reports their sizes', async () => {
    const { bytes, sizes } = encode(makeTestShard());
    expect(sizes.find((s) => s.name === 'ratings.gaps')).toBeDefined();
    const stored = sizes.reduce((sum, s) => sum + s.storedBytes, 0);
    expect(stored).toBeLessThan(bytes.length - HEADER_BYTES);
  });
});

describe('string columns', () => {
  it('keeps empty strings and an empty list apart', async () => {
    expect(decodeStrings(encodeStrings([]))).toEqual([]);
    expect(decodeStrings(encodeStrings(['']))).toEqual(['']);
    expect(decodeStrings(encodeStrings(['a', '', 'ü 進撃']))).toEqual(['a', '', 'ü 進撃']);
  });
});

describe('varints', () => {
  it('round-trips boundary values', async () => {
    const values = [0, 1, 127, 128, 16383, 16384, 2 ** 31, 2 ** 32 - 1];
    const bytes = encodeVarints(values);
    expect(bytes.length).toBe(1 + 1 + 1 + 2 + 2 + 3 + 5 + 5);
    expect(Array.from(decodeVarints(bytes, values.length))).toEqual(values);
  });

  it('rejects short and long streams', async () => {
    const bytes = encodeVarints([300, 5]);
    expect(() => decodeVarints(bytes, 3)).toThrow(/ends early/);
    expect(() => decodeVarints(bytes, 1)).toThrow(/trailing/);
  });
});

describe('crc32', () => {
  it('matches the standard check value', async () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
