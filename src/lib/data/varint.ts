/** Unsigned LEB128: small numbers (the common case for sorted-id gaps) take one byte. */
export function encodeVarints(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length * 5);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (v < 0 || !Number.isInteger(v) || v > 0xffffffff) {
      throw new RangeError(`varint out of range at ${i}: ${v}`);
    }
    while (v >= 0x80) {
      out[at++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    out[at++] = v;
  }
  return out.slice(0, at);
}

/** Decodes exactly `count` varints; throws if the bytes run out or are left over. */
export function decodeVarints(bytes: Uint8Array, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new RangeError('varint stream ends early');
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 128;
      if (scale > 2 ** 35) throw new RangeError('varint too long');
    }
    out[i] = value;
  }
  if (at !== bytes.length) throw new RangeError('varint stream has trailing bytes');
  return out;
}
