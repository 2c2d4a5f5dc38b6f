/**
 * Any bytes at all, gzipped or not, and damaged lists: the parsers read them or refuse them with
 * an ImportError whose message reads well — never another exception, never a malformed list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError } from './import-error';
import { parseListFile } from './parse-list';
import { messageProblems, utf8 } from '$fixtures/test-files';
import { malXml } from '$fixtures/test-lists';
import type { ParsedList } from '../library/list-entry';

/** Anything a parser gives back must be well formed, however odd the file. */
function expectSane(list: ParsedList): void {
  for (const e of list.entries) {
    expect(e.malId === null || (Number.isSafeInteger(e.malId) && e.malId > 0)).toBe(true);
    expect(Number.isInteger(e.score) && e.score >= 0 && e.score <= 10).toBe(true);
  }
  for (const row of list.invalid) expect(row.where && row.reason).toBeTruthy();
  for (const row of [...list.entries, ...list.invalid])
    expect(Object.values(row.fields).every((v) => typeof v === 'string')).toBe(true);
}

/** The file is read, or refused with an ImportError whose message reads well; nothing else. */
async function expectReadOrRefused(bytes: Uint8Array): Promise<void> {
  const outcome = await parseListFile(bytes).then(
    (list) => list,
    (error: unknown) => error,
  );
  if (outcome instanceof ImportError) expect(messageProblems(outcome.message)).toEqual([]);
  else if (outcome instanceof Error) throw outcome;
  else expectSane(outcome as ParsedList);
}

async function gzipBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('any bytes at all', () => {
  const starts = [
    [],
    [0xef, 0xbb, 0xbf],
    [0xff, 0xfe],
    [0xfe, 0xff],
    [0x1f, 0x8b, 0x08, 0x00],
    ...['<', '<?xml version="1.0"?>\n<myanimelist><anime>', '{"lists": [', 'anime_id,title\n'].map(
      (s) => [...utf8(s)],
    ),
  ];
  const bytes = fc
    .tuple(fc.constantFrom(...starts), fc.uint8Array({ maxLength: 200 }))
    .map(([start, rest]) => Uint8Array.from([...start, ...rest]));

  it('are read or refused with an ImportError, gzipped or not', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, fc.boolean(), async (raw, zipped) => {
        await expectReadOrRefused(zipped ? await gzipBytes(raw) : raw);
      }),
      { numRuns: 100 },
    );
  });

  it('damaged lists are read or refused with an ImportError', async () => {
    const lists = [
      malXml([
        { id: 1, title: 'Cowboy Bebop', score: 9 },
        { id: 5, title: 'Trigun' },
      ]),
      'anime_id,title,score\n1,"Cowboy, Bebop",9\n5,Trigun,\n',
      JSON.stringify({ lists: [{ series_id: 1, series_type: 0, status: 2, score: 90 }] }),
    ];
    const damage = fc.string({
      unit: fc.constantFrom('<', '>', '/', '"', '&', ',', '\n', '{', '}', '[', ']', ':', '\0', '1'),
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lists),
        fc.nat(),
        fc.nat(),
        damage,
        async (list, at, cut, insert) => {
          const k = at % list.length;
          await expectReadOrRefused(utf8(list.slice(0, k) + insert + list.slice(k + (cut % 5))));
        },
      ),
      { numRuns: 100 },
    );
  });
});
