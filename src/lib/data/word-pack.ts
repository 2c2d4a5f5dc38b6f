/**
 * A string column with its frequent words replaced by one- or two-byte codes before deflate.
 * Deflate finds a repeated word only within 32 KiB and pays a length and a distance for it; a
 * code is one symbol its Huffman table prices by frequency, so English synopses shrink by a
 * fifth. The codes are byte values the column's UTF-8 never uses (control characters, bytes that
 * are never valid in UTF-8, lead bytes of scripts the column lacks): a code byte stands for one
 * word, an escape byte and the byte after it for one of 256 words.
 *
 * Dictionary layout: u32 length of the column as NUL-terminated UTF-8, u8 code count, u8 escape
 * count, the code bytes, the escape bytes, then the words, NUL-terminated: one per code, then 256
 * per escape in order (the last escape may have fewer).
 */
import { decodeStrings, encodeStrings } from './strings';

export interface PackedStrings {
  body: Uint8Array;
  words: Uint8Array;
}

/** Deflate, to compare the choices by their size on the wire. */
export type Measure = (bytes: Uint8Array) => number;

/** Words: ASCII letters with the space before them, if any (" the", " Kyojin"). */
const SPACE = 0x20;
const MIN_COUNT = 3;
const ESCAPE_CHOICES = [0, 1, 2, 4, 8, 16, 32, 48, 64, 80];

interface Plan {
  codes: number[];
  escapes: number[];
  /** Word → its code bytes. */
  table: Map<string, number[]>;
  words: string[];
}

/** Every word's place in the UTF-8 bytes: start, end, and the word itself. */
interface Words {
  starts: number[];
  ends: number[];
  text: string[];
}

/** Packs `list`, choosing the number of escapes (0 to 80) that deflates smallest overall. */
export function packStrings(
  list: string[],
  measure: Measure,
  escapeChoices: readonly number[] = ESCAPE_CHOICES,
): PackedStrings {
  const plain = encodeStrings(list);
  const used = new Uint8Array(256);
  for (const b of plain) used[b] = 1;
  const free: number[] = [];
  for (let b = 1; b < 256; b++) if (!used[b]) free.push(b);
  const found = findWords(plain);
  const ranked = rankWords(found.text);
  let best: { packed: PackedStrings; size: number } | null = null;
  for (const escapes of escapeChoices) {
    if (escapes > free.length) break;
    const plan = makePlan(ranked, free, escapes);
    const packed = { body: applyPlan(plain, found, plan), words: dictionary(plain.length, plan) };
    const size = measure(packed.body) + measure(packed.words);
    if (!best || size < best.size) best = { packed, size };
    if (plan.words.length < plan.codes.length + escapes * 256) break;
  }
  return best!.packed;
}

const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** Runs of ASCII letters, each with the space before it; UTF-8 never puts these bytes inside a character. */
function findWords(plain: Uint8Array): Words {
  const found: Words = { starts: [], ends: [], text: [] };
  for (let i = 0; i < plain.length; i++) {
    const spaced = plain[i] === SPACE && isLetter(plain[i + 1] ?? 0);
    if (!spaced && !isLetter(plain[i]!)) continue;
    let end = i + 1;
    while (end < plain.length && isLetter(plain[end]!)) end++;
    found.starts.push(i);
    found.ends.push(end);
    found.text.push(String.fromCharCode(...plain.subarray(i, end)));
    i = end - 1;
  }
  return found;
}

/** Word counts, most bytes saved first (ties alphabetical, so a build is reproducible). */
function rankWords(words: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts]
    .filter(([w, n]) => w.length >= 2 && n >= MIN_COUNT)
    .sort(([a, n], [b, m]) => m * (b.length - 1) - n * (a.length - 1) || (a < b ? -1 : 1));
}

function makePlan(ranked: [string, number][], free: number[], escapeCount: number): Plan {
  const escapes = free.slice(0, escapeCount);
  const codes = free.slice(escapeCount);
  const single = ranked.slice(0, codes.length).map(([w]) => w);
  const double = ranked
    .slice(codes.length)
    .filter(([w]) => w.length >= 3)
    .sort(([a, n], [b, m]) => m * (b.length - 2) - n * (a.length - 2) || (a < b ? -1 : 1))
    .slice(0, escapeCount * 256)
    .map(([w]) => w);
  const table = new Map<string, number[]>();
  single.forEach((w, i) => table.set(w, [codes[i]!]));
  double.forEach((w, i) => table.set(w, [escapes[i >> 8]!, i & 255]));
  return { codes: codes.slice(0, single.length), escapes, table, words: [...single, ...double] };
}

function applyPlan(plain: Uint8Array, found: Words, plan: Plan): Uint8Array {
  const out = new Uint8Array(plain.length);
  let at = 0;
  let last = 0;
  for (let k = 0; k < found.text.length; k++) {
    const code = plan.table.get(found.text[k]!);
    if (!code) continue;
    out.set(plain.subarray(last, found.starts[k]), at);
    at += found.starts[k]! - last;
    for (const b of code) out[at++] = b;
    last = found.ends[k]!;
  }
  out.set(plain.subarray(last), at);
  return out.slice(0, at + plain.length - last);
}

function dictionary(plainLength: number, plan: Plan): Uint8Array {
  const words = encodeStrings(plan.words);
  const out = new Uint8Array(6 + plan.codes.length + plan.escapes.length + words.length);
  new DataView(out.buffer).setUint32(0, plainLength, true);
  out[4] = plan.codes.length;
  out[5] = plan.escapes.length;
  out.set(plan.codes, 6);
  out.set(plan.escapes, 6 + plan.codes.length);
  out.set(words, 6 + plan.codes.length + plan.escapes.length);
  return out;
}

/** Throws RangeError for a dictionary or body that does not fit together. */
export function unpackStrings(body: Uint8Array, words: Uint8Array): string[] {
  if (words.length < 6) throw new RangeError('word dictionary is too short');
  const plainLength = new DataView(words.buffer, words.byteOffset, 4).getUint32(0, true);
  const codeCount = words[4]!;
  const escapeCount = words[5]!;
  const start = 6 + codeCount + escapeCount;
  if (words.length < start || (words.length > start && words[words.length - 1] !== 0))
    throw new RangeError('word dictionary is damaged');
  // Each word's bytes, found in place: words[wordStart[w] .. wordStart[w + 1] - 1) (before its NUL).
  let count = 0;
  for (let i = start; i < words.length; i++) if (words[i] === 0) count++;
  const wordStart = new Uint32Array(count + 1);
  wordStart[0] = start;
  for (let i = start, w = 1; i < words.length; i++) if (words[i] === 0) wordStart[w++] = i + 1;
  if (count > codeCount + escapeCount * 256 || count < codeCount)
    throw new RangeError('word dictionary has the wrong number of words');
  /** Per byte: 0 literal, 1 code, 2 escape; and the code's word or the escape's first word. */
  const kind = new Uint8Array(256);
  const first = new Uint32Array(256);
  for (let i = 0; i < codeCount + escapeCount; i++) {
    const b = words[6 + i]!;
    if (b === 0 || kind[b]) throw new RangeError('word dictionary reuses a code byte');
    kind[b] = i < codeCount ? 1 : 2;
    first[b] = i < codeCount ? i : codeCount + (i - codeCount) * 256;
  }
  // Writes past the end are dropped by the typed array; the length check below catches them.
  const out = new Uint8Array(plainLength);
  let at = 0;
  for (let k = 0; k < body.length; k++) {
    const b = body[k]!;
    const type = kind[b]!;
    if (type === 0) {
      out[at++] = b;
      continue;
    }
    let w = first[b]!;
    if (type === 2) {
      if (++k >= body.length) throw new RangeError('packed strings end inside a code');
      w += body[k]!;
    }
    if (w >= count) throw new RangeError('packed strings name an unknown word');
    for (let i = wordStart[w]!, end = wordStart[w + 1]! - 1; i < end; i++) out[at++] = words[i]!;
  }
  if (at !== plainLength) throw new RangeError('packed strings have the wrong length');
  return decodeStrings(out);
}
