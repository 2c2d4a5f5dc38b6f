import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findCycles,
  folderGraph,
  importGraph,
  twoWayTies,
  type ImportGraph,
} from './import-cycles';

const graph = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('findCycles', () => {
  it('finds a cycle, listed from its first module back to it', () => {
    const cycles = findCycles(graph({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [] }));
    expect(cycles).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('finds a module that imports itself, and each of two separate cycles', () => {
    expect(findCycles(graph({ a: ['a'] }))).toEqual([['a', 'a']]);
    const two = findCycles(graph({ a: ['b'], b: ['a'], c: ['d'], d: ['c'], e: ['a', 'c'] }));
    expect(two.map((c) => c.join(' ')).sort()).toEqual(['a b a', 'c d c']);
  });

  it('finds none in an acyclic graph, shared imports included', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }))).toEqual([]);
  });
});

describe('importGraph', () => {
  const root = mkdtempSync(join(tmpdir(), 'cycles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('follows relative, $lib and $fixtures imports, type-only ones and Svelte scripts', () => {
    write('src/lib/a/one.ts', "import type { T } from '$lib/b/two';\nexport const x = 1;");
    write('src/lib/b/two.ts', "import { x } from '../a/one.js';\nexport type T = typeof x;");
    write('src/lib/b/view.svelte', '<script lang="ts">import { x } from \'$lib/a/one\';</script>');
    write('src/lib/b/three.spec.ts', "import { f } from '$fixtures/f';\nimport 'vitest';");
    write('tests/fixtures/f.ts', 'export const f = 1;');
    const found = importGraph(root, ['src']);
    expect(found.get('src/lib/a/one.ts')).toEqual(['src/lib/b/two.ts']);
    expect(found.get('src/lib/b/two.ts')).toEqual(['src/lib/a/one.ts']);
    expect(found.get('src/lib/b/view.svelte')).toEqual(['src/lib/a/one.ts']);
    expect(found.get('src/lib/b/three.spec.ts')).toEqual(['tests/fixtures/f.ts']);
    expect(findCycles(found)).toEqual([
      ['src/lib/a/one.ts', 'src/lib/b/two.ts', 'src/lib/a/one.ts'],
    ]);
    expect(twoWayTies(folderGraph(found))).toEqual([['a', 'b']]);
  });

  it('finds no cycle once the tie goes one way', () => {
    write('src/lib/b/two.ts', 'export type T = number;');
    expect(findCycles(importGraph(root, ['src']))).toEqual([]);
  });
});
