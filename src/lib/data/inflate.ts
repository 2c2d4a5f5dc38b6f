/**
 * Inflating gzip and raw DEFLATE: with the platform's DecompressionStream where it exists (native,
 * faster), else with fflate, loaded only then (WPE 2.38 and Safari before 16.4 lack the stream).
 * Both paths give the same bytes, stop at the same size limit, and refuse the same damage.
 */
import { crc32 } from './crc32';

export type InflateFormat = 'gzip' | 'deflate-raw';

/** The output passed the limit; inflation stopped there. `size`: the bytes inflated by then. */
export class InflateLimitError extends Error {
  constructor(readonly size: number) {
    super(`the inflated data is larger than the limit (over ${size} bytes)`);
    this.name = 'InflateLimitError';
  }
}

/** The data is damaged or cut short. */
export class InflateDataError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InflateDataError';
  }
}

export interface InflateOptions {
  /** Stop with InflateLimitError once the output passes this many bytes. */
  limit?: number;
  /** The platform's DecompressionStream; null inflates with fflate, as where it is missing. */
  native?: typeof DecompressionStream | null;
}

export async function inflate(
  bytes: Uint8Array,
  format: InflateFormat,
  { limit = Infinity, native = globalThis.DecompressionStream ?? null }: InflateOptions = {},
): Promise<Uint8Array> {
  const out = new Output(limit);
  if (native) await nativeInflate(bytes, format, native, out);
  else await fflateInflate(bytes, format, out);
  return out.joined();
}

/** The inflated chunks so far, refused past the limit. */
class Output {
  readonly chunks: Uint8Array[] = [];
  size = 0;
  constructor(private readonly limit: number) {}

  add(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.size > this.limit) throw new InflateLimitError(this.size);
    this.chunks.push(chunk);
  }

  /** One fresh buffer (a section's typed-array views need its start 4-byte aligned). */
  joined(): Uint8Array {
    const only = this.chunks.length === 1 ? this.chunks[0]! : null;
    if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

async function nativeInflate(
  bytes: Uint8Array,
  format: InflateFormat,
  native: typeof DecompressionStream,
  out: Output,
): Promise<void> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new native(format))
    .getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.add(value);
    }
  } catch (error) {
    if (error instanceof InflateLimitError) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    throw new InflateDataError(String(error), { cause: error });
  }
}

/** Compressed bytes fed to fflate at a time: at most about 16 MB of output each. */
const PIECE = 16 * 1024;

async function fflateInflate(bytes: Uint8Array, format: InflateFormat, out: Output): Promise<void> {
  const { Gunzip, Inflate } = await import('fflate');
  // Where the last gzip member starts in the output: its trailer checks what follows.
  let memberStart = 0;
  const stream = format === 'gzip' ? new Gunzip() : new Inflate();
  stream.ondata = (chunk) => out.add(chunk);
  if (stream instanceof Gunzip) stream.onmember = () => void (memberStart = out.size);
  try {
    // Fed in small pieces: fflate inflates all it is given at once, and a bomb must stop early.
    for (let at = 0; at < bytes.length; at += PIECE) stream.push(bytes.subarray(at, at + PIECE));
    stream.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof InflateLimitError) throw error;
    throw new InflateDataError(String(error), { cause: error });
  }
  if (format === 'gzip') checkTrailer(bytes, out, memberStart);
}

/**
 * fflate does not read gzip's trailer; DecompressionStream refuses a file whose CRC-32 or length
 * does not match, or that is cut inside it, and so does this.
 */
function checkTrailer(bytes: Uint8Array, out: Output, memberStart: number): void {
  if (bytes.length < 18) throw new InflateDataError('Error: unexpected end of file');
  const view = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 8);
  let crc = 0;
  let at = 0;
  for (const chunk of out.chunks) {
    const from = Math.max(0, memberStart - at);
    if (from < chunk.length) crc = crc32(chunk.subarray(from), crc);
    at += chunk.length;
  }
  const length = (out.size - memberStart) >>> 0;
  if (view.getUint32(0, true) !== crc || view.getUint32(4, true) !== length) {
    throw new InflateDataError('Error: the gzip trailer does not match (damaged or cut short)');
  }
}
