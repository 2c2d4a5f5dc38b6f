/**
 * The shard container: a checksummed header, a section directory, then section bodies.
 * Each section is stored raw or deflated on its own, so its size on the wire is known exactly.
 *
 * Header (32 bytes, little-endian):
 *   0  magic "TSUGISHD"      8  u32 format version   12 u32 section count
 *   16 u32 body length       20 u32 CRC-32 of the directory   24 u32 reserved (0)
 *   28 u32 CRC-32 of bytes 0..27
 * Body: the directory — per section: u8 name length, name (UTF-8), u8 encoding
 * (0 raw, 1 deflate-raw), u32 stored length, u32 raw length, u32 CRC-32 of the stored bytes —
 * then the stored bytes in order. Checksums per section let a reader use the sections that
 * are intact and say which are not (an optional section, the model, can fail on its own).
 */
import { crc32 } from './crc32';
import { inflate, InflateDataError } from './inflate';

/** Raw deflate (RFC 1951); the builder passes Node's zlib, which runs only at build time. */
export type Deflate = (bytes: Uint8Array) => Uint8Array;

export const MAGIC = 'TSUGISHD';
export const HEADER_BYTES = 32;

export type ShardErrorKind = 'not-a-shard' | 'truncated' | 'corrupt' | 'version';

/** A shard the app must not use; `kind` lets the UI explain what went wrong. */
export class ShardError extends Error {
  constructor(
    readonly kind: ShardErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ShardError';
  }
}

export interface SectionInput {
  name: string;
  bytes: Uint8Array;
  compress: boolean;
}

export interface SectionSize {
  name: string;
  rawBytes: number;
  storedBytes: number;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function writeContainer(
  version: number,
  sections: SectionInput[],
  deflate: Deflate,
): { bytes: Uint8Array; sizes: SectionSize[] } {
  const stored = sections.map((s) => (s.compress ? deflate(s.bytes) : s.bytes));
  const names = sections.map((s) => utf8.encode(s.name));
  const directoryBytes = names.reduce((sum, n) => sum + 1 + n.length + 1 + 12, 0);
  const bodyLength = directoryBytes + stored.reduce((sum, s) => sum + s.length, 0);
  const out = new Uint8Array(HEADER_BYTES + bodyLength);
  const view = new DataView(out.buffer);
  out.set(utf8.encode(MAGIC), 0);
  view.setUint32(8, version, true);
  view.setUint32(12, sections.length, true);
  view.setUint32(16, bodyLength, true);
  let at = HEADER_BYTES;
  sections.forEach((section, i) => {
    const name = names[i]!;
    if (name.length > 255) throw new RangeError(`section name too long: ${section.name}`);
    out[at++] = name.length;
    out.set(name, at);
    at += name.length;
    out[at++] = section.compress ? 1 : 0;
    view.setUint32(at, stored[i]!.length, true);
    view.setUint32(at + 4, section.bytes.length, true);
    view.setUint32(at + 8, crc32(stored[i]!), true);
    at += 12;
  });
  view.setUint32(20, crc32(out.subarray(HEADER_BYTES, HEADER_BYTES + directoryBytes)), true);
  for (const s of stored) {
    out.set(s, at);
    at += s.length;
  }
  view.setUint32(28, crc32(out.subarray(0, 28)), true);
  const sizes = sections.map((s, i) => ({
    name: s.name,
    rawBytes: s.bytes.length,
    storedBytes: stored[i]!.length,
  }));
  return { bytes: out, sizes };
}

interface DirectoryEntry {
  name: string;
  compressed: boolean;
  stored: number;
  raw: number;
  crc: number;
  /** Offset of the stored bytes in the file. */
  at: number;
}

/** Checks magic, version, length and the header and directory checksums; returns the directory. */
function readDirectory(bytes: Uint8Array, expectedVersion: number): DirectoryEntry[] {
  if (bytes.length >= MAGIC.length && !hasMagic(bytes)) {
    throw new ShardError('not-a-shard', 'This file is not a Tsugi shard.');
  }
  if (bytes.length < HEADER_BYTES) {
    throw new ShardError(
      bytes.length >= MAGIC.length ? 'truncated' : 'not-a-shard',
      `The dataset file is ${bytes.length} bytes long, too short to be a shard.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(28, true) !== crc32(bytes.subarray(0, 28))) {
    throw new ShardError('corrupt', 'The dataset header is damaged (checksum mismatch).');
  }
  const version = view.getUint32(8, true);
  if (version !== expectedVersion) {
    throw new ShardError(
      'version',
      `The dataset is format version ${version}; this app reads version ${expectedVersion}.`,
    );
  }
  const bodyLength = view.getUint32(16, true);
  const actual = bytes.length - HEADER_BYTES;
  if (actual < bodyLength) {
    throw new ShardError(
      'truncated',
      `The dataset file is truncated: ${actual} of ${bodyLength} body bytes arrived.`,
    );
  }
  if (actual > bodyLength) {
    throw new ShardError('corrupt', 'The dataset file has unexpected bytes after its end.');
  }
  const count = view.getUint32(12, true);
  const entries: DirectoryEntry[] = [];
  let at = HEADER_BYTES;
  for (let i = 0; i < count && at < bytes.length; i++) {
    const nameLength = bytes[at++]!;
    const name = utf8Decoder.decode(bytes.subarray(at, at + nameLength));
    at += nameLength;
    const compressed = bytes[at++] === 1;
    if (at + 12 > bytes.length) break;
    entries.push({
      name,
      compressed,
      stored: view.getUint32(at, true),
      raw: view.getUint32(at + 4, true),
      crc: view.getUint32(at + 8, true),
      at: 0,
    });
    at += 12;
  }
  if (
    entries.length !== count ||
    view.getUint32(20, true) !== crc32(bytes.subarray(HEADER_BYTES, at))
  ) {
    throw new ShardError('corrupt', 'The dataset file is damaged (directory checksum mismatch).');
  }
  for (const entry of entries) {
    entry.at = at;
    at += entry.stored;
    if (at > bytes.length) {
      throw new ShardError('corrupt', `Section ${entry.name} runs past the end of the file.`);
    }
  }
  return entries;
}

/** Checks every checksum; cheap enough to run before caching. */
export function validateContainer(bytes: Uint8Array, expectedVersion: number): void {
  for (const entry of readDirectory(bytes, expectedVersion)) {
    if (crc32(bytes.subarray(entry.at, entry.at + entry.stored)) !== entry.crc) {
      throw new ShardError(
        'corrupt',
        `The dataset file is damaged (checksum mismatch in ${entry.name}).`,
      );
    }
  }
}

export interface Sections {
  /** Raw bytes of every intact section, by name. */
  sections: Map<string, Uint8Array>;
  /** Optional sections that failed their checksum or inflation, with what went wrong. */
  damaged: Map<string, string>;
}

/**
 * Validates, then returns each section's raw bytes by name. Inflation uses the platform's
 * DecompressionStream where there is one, else fflate (inflate.ts), all sections at once. A
 * damaged section for which `optional(name)` holds is reported in `damaged`; any other damage
 * throws.
 */
export async function readContainer(
  bytes: Uint8Array,
  expectedVersion: number,
  optional: (name: string) => boolean = () => false,
): Promise<Sections> {
  const entries = readDirectory(bytes, expectedVersion);
  const damaged = new Map<string, string>();
  const raws = entries.map(async (entry): Promise<Uint8Array | null> => {
    const stored = bytes.subarray(entry.at, entry.at + entry.stored);
    try {
      if (crc32(stored) !== entry.crc) {
        throw new ShardError(
          'corrupt',
          `The dataset file is damaged (checksum mismatch in ${entry.name}).`,
        );
      }
      // A fresh copy keeps every section 4-byte aligned for typed-array views.
      const raw = entry.compressed ? await inflateRaw(stored, entry.name) : stored.slice();
      if (raw.length !== entry.raw) {
        throw new ShardError('corrupt', `Section ${entry.name} has the wrong length.`);
      }
      return raw;
    } catch (error) {
      if (!optional(entry.name)) throw error;
      damaged.set(entry.name, error instanceof Error ? error.message : String(error));
      return null;
    }
  });
  const sections = new Map<string, Uint8Array>();
  for (const [i, raw] of (await Promise.all(raws)).entries()) {
    if (raw) sections.set(entries[i]!.name, raw);
  }
  return { sections, damaged };
}

async function inflateRaw(stored: Uint8Array, name: string): Promise<Uint8Array> {
  try {
    return await inflate(stored, 'deflate-raw');
  } catch (error) {
    if (!(error instanceof InflateDataError)) throw error;
    throw new ShardError('corrupt', `Section ${name} does not decompress: ${error.message}`);
  }
}

function hasMagic(bytes: Uint8Array): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}
