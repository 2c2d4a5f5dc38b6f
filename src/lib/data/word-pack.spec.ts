import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStrings } from './strings';
import { packStrings, unpackStrings } from './word-pack';

const measure = (bytes: Uint8Array) => deflateRawSync(bytes).length;
const sized = (p: { body: Uint8Array; words: Uint8Array }) => measure(p.body) + measure(p.words);

/** Prose with a small vocabulary, as synopses are. */
function prose(count: number): string[] {
  const words = ['the', 'and', 'of', 'his', 'their', 'journey', 'Kyojin', 'world', 'Titans'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % words.length;
  return Array.from({ length: count }, () =>
    Array.from({ length: 40 }, () => words[next()]).join(' '),
  );
}

describe('word-packed strings', () => {
  it('round-trips any list, NULs aside (a column cannot hold them)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary' }),
            fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'Ab', '\u0001', 'é', '進') }),
          ),
        ),
        (list) => {
          const packed = packStrings(list, measure);
          expect(unpackStrings(packed.body, packed.words)).toEqual(
            list.map((s) => s.replaceAll('\u0000', '')),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('codes frequent words and deflates smaller than the plain column', () => {
    const list = prose(300);
    const packed = packStrings(list, measure);
    expect(unpackStrings(packed.body, packed.words)).toEqual(list);
    expect(packed.words[4]).toBeGreaterThan(0);
    expect(sized(packed)).toBeLessThan(measure(encodeStrings(list)));
  });

  it('uses no codes for a column without Latin words', () => {
    const list = ['進撃の巨人', '鋼の錬金術師', '', 'ワンピース'];
    const packed = packStrings(list, measure);
    expect([packed.words[4], packed.words[5]]).toEqual([0, 0]);
    expect(unpackStrings(packed.body, packed.words)).toEqual(list);
  });

  it('rejects a body or dictionary that does not fit', () => {
    const { body, words } = packStrings(prose(50), measure);
    const code = words[6]!;
    expect(() => unpackStrings(body.subarray(0, body.length - 1), words)).toThrow(RangeError);
    expect(() => unpackStrings(Uint8Array.from([...body, code]), words)).toThrow(RangeError);
    expect(() => unpackStrings(body, words.subarray(0, 5))).toThrow(RangeError);
    const reused = words.slice();
    reused[7] = code;
    expect(() => unpackStrings(body, reused)).toThrow(RangeError);
  });

  it('gives two-byte codes to the words past the one-byte codes', () => {
    // 600 words, each three times: more than the free byte values can code alone.
    const vocabulary = Array.from({ length: 600 }, (_, i) =>
      `w${i.toString(26)}x`.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!),
    );
    const list = [...vocabulary, ...vocabulary, ...vocabulary].map(
      (w, i) => `${w} ${i % 7 ? 'and' : 'the'}`,
    );
    const packed = packStrings(list, measure, [4]);
    expect(packed.words[5]).toBe(4);
    expect(unpackStrings(packed.body, packed.words)).toEqual(list);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...vocabulary.slice(0, 400), ' ', '\u0001', 'é')),
        (parts) => {
          const strings = [...list, parts.join('')];
          const p = packStrings(strings, measure, [2]);
          expect(unpackStrings(p.body, p.words)).toEqual(strings);
        },
      ),
      { numRuns: 20 },
    );
    const escape = packed.words[6 + packed.words[4]!]!;
    expect(() => unpackStrings(Uint8Array.from([...packed.body, escape]), packed.words)).toThrow(
      /inside a code/,
    );
  });
});
