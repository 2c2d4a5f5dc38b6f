/** Typed arrays in and out of shard sections, and int8 rows with one scale each. */

export type Writer = (name: string, bytes: Uint8Array) => void;

/** Rows quantised to int8, with one scale per row. */
export interface QuantisedRows {
  values: Int8Array;
  scales: Float32Array;
}

export function quantiseRows(
  matrix: Float32Array,
  dim: number,
  rows: ArrayLike<number>,
): QuantisedRows {
  const values = new Int8Array(rows.length * dim);
  const scales = new Float32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r]! * dim;
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(matrix[base + d]!));
    const scale = max / 127;
    scales[r] = scale;
    if (scale === 0) continue;
    for (let d = 0; d < dim; d++) values[r * dim + d] = Math.round(matrix[base + d]! / scale);
  }
  return { values, scales };
}

/** Writes quantised rows back into `into` at `rows` (other rows are left as they are). */
export function dequantiseRows(
  q: QuantisedRows,
  dim: number,
  rows: ArrayLike<number>,
  into: Float32Array,
): void {
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r]! * dim;
    const scale = q.scales[r]!;
    for (let d = 0; d < dim; d++) into[base + d] = q.values[r * dim + d]! * scale;
  }
}

type ArrayType<T> = {
  new (buffer: ArrayBuffer, offset: number, length: number): T;
  BYTES_PER_ELEMENT: number;
};

export function view<T extends { length: number }>(
  bytes: Uint8Array,
  Type: ArrayType<T>,
  expected: number,
  what: string,
): T {
  if (bytes.length !== expected * Type.BYTES_PER_ELEMENT)
    throw new RangeError(`${what}: ${bytes.length} bytes for ${expected} values`);
  return new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset, expected);
}

export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export function expectLength(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new RangeError(`${what}: ${actual} values for ${expected} rows`);
}
