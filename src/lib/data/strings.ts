/** String columns: UTF-8, each string NUL-terminated, so one decode and one split read a column. */
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
const SEP = '\u0000';

export function encodeStrings(list: string[]): Uint8Array {
  return utf8.encode(list.map((s) => s.replaceAll(SEP, '') + SEP).join(''));
}

export function decodeStrings(bytes: Uint8Array): string[] {
  const parts = utf8Decoder.decode(bytes).split(SEP);
  if (parts.pop() !== '') throw new RangeError('string column is not NUL-terminated');
  return parts;
}
