/**
 * Numeric columns laid out for deflate. Byte planes: all low bytes, then all next bytes, …, so
 * the near-constant high bytes of small numbers become long runs. Signed deltas: a column that
 * moves slowly (members, sorted most first) as varints of each value's step from the one before.
 */
import { decodeVarints, encodeVarints } from './varint';

type Unsigned = Uint16Array | Uint32Array;

export function toPlanes(values: Unsigned): Uint8Array {
  const width = values.BYTES_PER_ELEMENT;
  const n = values.length;
  const out = new Uint8Array(n * width);
  for (let i = 0; i < n; i++) {
    let v = values[i]!;
    for (let p = 0; p < width; p++) {
      out[p * n + i] = v & 0xff;
      v >>>= 8;
    }
  }
  return out;
}

export function fromPlanes<T extends Unsigned>(
  bytes: Uint8Array,
  Type: { new (length: number): T; BYTES_PER_ELEMENT: number },
): T {
  const width = Type.BYTES_PER_ELEMENT;
  if (bytes.length % width)
    throw new RangeError(`${bytes.length} bytes are not ${width}-byte values`);
  const n = bytes.length / width;
  const out = new Type(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let p = width - 1; p >= 0; p--) v = v * 256 + bytes[p * n + i]!;
    out[i] = v;
  }
  return out;
}

/** Each value's step from the one before (the first from 0), zigzagged: 0, −1, 1, −2 → 0, 1, 2, 3. */
export function encodeDeltas(values: Uint32Array): Uint8Array {
  const steps = new Float64Array(values.length);
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const step = values[i]! - previous;
    steps[i] = step >= 0 ? step * 2 : -step * 2 - 1;
    previous = values[i]!;
  }
  return encodeVarints(steps);
}

export function decodeDeltas(bytes: Uint8Array, count: number): Uint32Array {
  const steps = decodeVarints(bytes, count);
  const out = new Uint32Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const z = steps[i]!;
    previous += z % 2 ? -(z + 1) / 2 : z / 2;
    if (previous < 0 || previous > 0xffffffff) throw new RangeError('a delta leaves the u32 range');
    out[i] = previous;
  }
  return out;
}
