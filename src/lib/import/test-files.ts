/**
 * List text as the bytes other tools write (UTF-16 either way round, windows-1252), and the rule
 * every refusal message follows. For tests; the windows-1252 table is written out here again so
 * that the tests do not check the decoder against its own table.
 */

import { ImportError } from './import-error';
import { parseListFile, parseListText } from './parse-list';

/** windows-1252's 0x80–0x9F, per the WHATWG Encoding Standard (the rest is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** UTF-16 code units in the given byte order, after a byte order mark unless `bom` is false. */
export function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  const [low, high] = order === 'le' ? [0, 1] : [1, 0];
  for (let k = 0; k < units.length; k++) {
    out[2 * k + low] = units.charCodeAt(k) & 0xff;
    out[2 * k + high] = units.charCodeAt(k) >> 8;
  }
  return out;
}

const cp1252Byte = (char: string): number | null => {
  const code = char.codePointAt(0)!;
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  const high = CP1252_HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : null;
};

/** Whether windows-1252 can write every character of the text. */
export const inWindows1252 = (text: string) => [...text].every((c) => cp1252Byte(c) !== null);

export function windows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => {
    const byte = cp1252Byte(c);
    if (byte === null) throw new Error(`windows-1252 cannot write ${JSON.stringify(c)}`);
    return byte;
  });
}

/**
 * What is wrong with a refusal message, if anything: it must be one plain sentence (what is wrong,
 * then what to do) that ends in a single period, with no exception names and no raw parser
 * positions ("12:5: ").
 */
export function messageProblems(message: string): string[] {
  const problems: string[] = [];
  if (!/^[A-Z]/.test(message)) problems.push('does not start with a capital letter');
  if (!/[^.]\.$/.test(message)) problems.push('does not end with a single period');
  if (/\.\./.test(message)) problems.push('has ".."');
  if (/Error:|[A-Z][a-z]+Error\b/.test(message)) problems.push('names an exception');
  if (/\d+:\d+: /.test(message)) problems.push('has a raw parser position');
  if (/near line (\d+)\b.*\bline \1\b/.test(message)) problems.push('gives the position twice');
  const sentences = message.match(/[.!?](?=\s+[A-Z]|$)/g)?.length ?? 0;
  if (sentences > 1) problems.push(`has ${sentences} sentences`);
  return problems;
}

/** The ImportError that reading `input` (bytes, or text as read) throws; anything else fails. */
export async function refusal(input: Uint8Array | string): Promise<ImportError> {
  const run =
    typeof input === 'string' ? async () => parseListText(input) : () => parseListFile(input);
  const outcome = await run().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof ImportError))
    throw new Error(`Expected the file to be refused, got ${String(outcome)}`);
  return outcome;
}
