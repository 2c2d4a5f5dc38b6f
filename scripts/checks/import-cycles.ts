/**
 * Fails on any module-level import cycle in src/ and scripts/ (type-only imports included: a
 * cycle of types still ties two modules to each other's changes). Two-way ties between folders
 * of src/lib/ are printed as information: the shard codecs still tie `data` to `model` and
 * `recommend`, whose types they encode. Run by `npm run check`; `npx tsx scripts/checks/import-cycles.ts`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** Module path → the modules it imports (paths relative to the scanned root, `/`-separated). */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|js|svelte)$/;
const ALIASES: [string, string][] = [
  ['$lib/', 'src/lib/'],
  ['$lib', 'src/lib'],
  ['$fixtures/', 'tests/fixtures/'],
];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every specifier a module imports, re-exports or loads lazily, `import type` included. */
export function importSpecifiers(source: string, svelte: boolean): string[] {
  const scripts = svelte
    ? [...source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)
    : [source];
  return scripts.flatMap((text) =>
    ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName),
  );
}

/** The file a specifier names, or null when it is a package or a SvelteKit module. */
function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  const bare = specifier.replace(/\?.*$/, '');
  const alias = ALIASES.find(([prefix]) => bare === prefix || bare.startsWith(prefix));
  let base: string;
  if (alias) base = join(root, alias[1] + bare.slice(alias[0].length));
  else if (bare.startsWith('.')) base = resolve(dirname(from), bare);
  else return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.svelte.ts`,
    `${base}.js`,
    base.replace(/\.js$/, '.ts'),
    join(base, 'index.ts'),
    join(base, 'index.js'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

/** The import graph of every source file under `dirs`, and of what they reach in the repository. */
export function importGraph(root: string, dirs: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const todo = dirs.flatMap((d) => sourceFiles(join(root, d)));
  const key = (path: string) => relative(root, path).split('\\').join('/');
  while (todo.length) {
    const file = todo.pop()!;
    if (graph.has(key(file))) continue;
    const source = readFileSync(file, 'utf8');
    const targets = importSpecifiers(source, file.endsWith('.svelte'))
      .map((s) => resolveSpecifier(root, file, s))
      .filter((t): t is string => t !== null && SOURCE.test(t) && !t.includes('node_modules'));
    graph.set(key(file), [...new Set(targets.map(key))]);
    todo.push(...targets);
  }
  return graph;
}

/**
 * One cycle per strongly connected component of more than one module (or a module importing
 * itself), found with Tarjan's algorithm; each is listed from its first module back to it.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((c) => cycleWithin(graph, new Set(c)));
}

/** A shortest path from the component's first module back to itself, by breadth-first search. */
function cycleWithin(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i]!) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = queue[i]!; at !== start; at = cameFrom.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, queue[i]!);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** Pairs of folders that import each other, `a < b`. */
export function twoWayTies(folders: ImportGraph): [string, string][] {
  return [...folders].flatMap(([a, targets]) =>
    targets
      .filter((b) => a < b && folders.get(b)?.includes(a))
      .map((b): [string, string] => [a, b]),
  );
}

/** The graph of src/lib's folders (`library`, `recommend`, …) that their modules make. */
export function folderGraph(graph: ImportGraph): ImportGraph {
  const folder = (path: string) => /^src\/lib\/([^/]+)\//.exec(path)?.[1];
  const folders: ImportGraph = new Map();
  for (const [from, targets] of graph) {
    const a = folder(from);
    if (!a || from.endsWith('.spec.ts')) continue;
    const ties = new Set(folders.get(a));
    for (const b of targets.map(folder)) if (b && b !== a) ties.add(b);
    folders.set(a, [...ties]);
  }
  return folders;
}

function main(): void {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
  const graph = importGraph(root, ['src', 'scripts']);
  if (graph.size === 0) throw new Error(`no modules found under ${root}: nothing was checked`);
  const cycles = findCycles(graph);
  for (const [a, b] of twoWayTies(folderGraph(graph)))
    console.log(`folder tie (information, not a failure): src/lib/${a} ↔ src/lib/${b}`);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.join(' → ')}`);
  if (cycles.length) {
    console.error(`${cycles.length} import cycle(s) among ${graph.size} modules.`);
    process.exit(1);
  }
  console.log(`No import cycle among ${graph.size} modules.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
