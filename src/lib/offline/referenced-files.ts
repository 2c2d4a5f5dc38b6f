/**
 * SvelteKit's service-worker file list names a Web Worker's entry file but not the chunks and
 * assets the worker loads itself (backends imported on demand, the WASM binaries). This finds
 * them in the built code: the relative paths that the bundler writes as string literals
 * (`import("./chunks/x.js")`, `new URL("assets/y.wasm", import.meta.url)`).
 */
const RELATIVE_FILE = /[`'"]((?:\.{1,2}\/|assets\/|chunks\/)[\w\-./]+\.(?:js|wasm))[`'"]/g;
/** A file beside this one, named bare: `new URL("kernel-thread.worker-x.js", import.meta.url)`. */
const URL_OF_FILE = /new URL\(\s*[`'"]([\w\-./]+\.(?:js|wasm))[`'"]\s*,\s*import\.meta\.url/g;

export function referencedFiles(code: string, fileUrl: string): string[] {
  const found = new Set<string>();
  for (const pattern of [RELATIVE_FILE, URL_OF_FILE])
    for (const match of code.matchAll(pattern)) found.add(new URL(match[1]!, fileUrl).href);
  return [...found];
}

/** Every file reachable from `entries` through such references, the entries included. */
export async function collectFiles(
  entries: string[],
  load: (url: string) => Promise<string>,
): Promise<string[]> {
  const seen = new Set<string>(entries);
  const queue = [...entries];
  while (queue.length) {
    const url = queue.pop()!;
    if (!url.endsWith('.js')) continue;
    for (const file of referencedFiles(await load(url), url)) {
      if (!seen.has(file)) {
        seen.add(file);
        queue.push(file);
      }
    }
  }
  return [...seen];
}
