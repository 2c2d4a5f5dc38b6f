/**
 * A list file's bytes as text, in the encoding the file itself states: a byte order mark first,
 * then the encoding its XML declaration names, else UTF-8 (what every export writes today).
 * Decoding is strict: bytes that are not text in that encoding refuse the file rather than turn
 * into U+FFFD, so no title is garbled without a word.
 */
import { ImportError } from './import-error';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * windows-1252's 0x80–0x9F per the WHATWG Encoding Standard; every other byte is its Latin-1
 * character. The table is ours because Node 20's TextDecoder reads these bytes as Latin-1.
 */
export const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Each encoding's labels (WHATWG's, and "latin-1"); ISO-8859-1 and ASCII mean windows-1252. */
const LABELS: Record<string, readonly string[]> = {
  'utf-8': ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8'],
  'utf-16': ['utf-16', 'utf16', 'utf-16le', 'utf-16be', 'ucs-2', 'unicode', 'unicodefffe'],
  'windows-1252': [
    'windows-1252',
    'cp1252',
    'x-cp1252',
    'iso-8859-1',
    'iso8859-1',
    'iso88591',
    'iso_8859-1',
    'iso_8859-1:1987',
    'iso-ir-100',
    'latin1',
    'latin-1',
    'l1',
    'csisolatin1',
    'cp819',
    'ibm819',
    'us-ascii',
    'ascii',
    'ansi_x3.4-1968',
  ],
};

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'windows-1252',
};

const XML_DECLARATION = /^\s*<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([^"']*)\1/;

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
  prefix.every((byte, k) => bytes[k] === byte);

export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff]))
    throw new ImportError(
      'This file is in UTF-32, which Tsugi does not read: save it as UTF-8 and import it again.',
    );
  // A byte order mark, or XML's '<' written in two bytes (XML 1.0, appendix F).
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0x3c, 0])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0, 0x3c])) return 'utf-16be';
  return declaredEncoding(bytes) ?? 'utf-8';
}

/** The encoding an XML declaration names, read one byte per character as ASCII. */
function declaredEncoding(bytes: Uint8Array): TextEncoding | null {
  const label = XML_DECLARATION.exec(String.fromCharCode(...bytes.subarray(0, 512)))?.[2];
  if (label === undefined) return null;
  const key = label.trim().toLowerCase();
  // A declaration read one byte per character was not written in UTF-16, whatever it says
  // (.NET writes "utf-16" when it serialises to a string, which is then saved as UTF-8).
  if (LABELS['utf-8']!.includes(key) || LABELS['utf-16']!.includes(key)) return 'utf-8';
  if (LABELS['windows-1252']!.includes(key)) return 'windows-1252';
  throw new ImportError(
    `This file says its text is in the ${JSON.stringify(label.slice(0, 40))} encoding, which ` +
      'Tsugi does not read: save it as UTF-8, or download the export again.',
  );
}

export function decodeText(bytes: Uint8Array): string {
  const encoding = detectEncoding(bytes);
  const wide = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!wide && bytes.subarray(0, 4096).includes(0)) throw binaryFile();
  const text =
    encoding === 'windows-1252' ? decodeWindows1252(bytes) : decodeStrictly(bytes, encoding);
  if (wide && text.slice(0, 2048).includes('\0')) throw binaryFile();
  return text;
}

const binaryFile = () =>
  new ImportError(
    'This is not a list export but a binary file: choose the .xml or .xml.gz file MyAnimeList sent you.',
  );

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 8192) {
    const units = Array.from(bytes.subarray(at, at + 8192), (b) =>
      b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    text += String.fromCharCode(...units);
  }
  return text;
}

function decodeStrictly(bytes: Uint8Array, encoding: Exclude<TextEncoding, 'windows-1252'>) {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    const name = NAMES[encoding];
    throw new ImportError(
      `This file is not valid ${name} text (line ${firstBadLine(bytes, encoding)} has bytes that ` +
        `are not ${name}): download the export again, or save the file as UTF-8 and import that.`,
      { cause: error },
    );
  }
}

/**
 * The line of the first bytes the decoder rejects, found by decoding line by line: a newline
 * never occurs inside a UTF-8 sequence or a UTF-16 surrogate pair. Run only once decoding failed.
 */
function firstBadLine(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): number {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const unit = encoding === 'utf-8' ? 1 : 2;
  const isNewline = (at: number) =>
    encoding === 'utf-16be'
      ? bytes[at] === 0 && bytes[at + 1] === 0x0a
      : bytes[at] === 0x0a && (unit === 1 || bytes[at + 1] === 0);
  let line = 1;
  let start = 0;
  for (let at = 0; at + unit <= bytes.length; at += unit) {
    if (!isNewline(at)) continue;
    try {
      decoder.decode(bytes.subarray(start, at));
    } catch {
      return line;
    }
    line++;
    start = at + unit;
  }
  return line;
}
