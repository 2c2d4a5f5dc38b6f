import { describe, expect, it } from 'vitest';
import { oversized } from './module-size';

const lines = (n: number) => Array.from({ length: n }, (_, k) => `line ${k}`).join('\n') + '\n';

describe('oversized', () => {
  it('names the modules over the limit, longest first, and counts a final newline once', () => {
    const files = [
      { path: 'a.ts', text: lines(300) },
      { path: 'b.ts', text: lines(301) },
      { path: 'c.svelte', text: lines(420) },
    ];
    expect(oversized(files)).toEqual(['c.svelte: 420 lines', 'b.ts: 301 lines']);
  });

  it('passes modules at the limit, with or without a final newline', () => {
    expect(oversized([{ path: 'a.ts', text: lines(300).trimEnd() }])).toEqual([]);
    expect(oversized([{ path: 'a.ts', text: lines(3) }], 2)).toEqual(['a.ts: 3 lines']);
  });
});
