/**
 * `import { threaded, single } from 'virtual:tsugi-kernels'`: the training kernel's two WASM
 * builds as bytes, compiled from kernels/ncf-sgd.ts whenever Vite (build, dev, vitest) loads
 * the module. Inlined: a few KiB, so the worker needs no extra fetch and the service worker no
 * extra file.
 */
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { compileKernels, KERNEL_SOURCE, type KernelBinaries } from './compile-kernel.ts';

const ID = 'virtual:tsugi-kernels';
const RESOLVED = `\0${ID}`;

let cached: { source: string; binaries: Promise<KernelBinaries> } | null = null;

/** Compiled once per source text: the client, worker and SSR builds all load the module. */
async function binaries(): Promise<KernelBinaries> {
  const source = await readFile(KERNEL_SOURCE, 'utf8');
  if (cached?.source !== source) cached = { source, binaries: compileKernels() };
  return cached.binaries;
}

const decode = 'const bytes = (b) => Uint8Array.from(atob(b), (c) => c.charCodeAt(0));';
const base64 = (bytes: Uint8Array) => JSON.stringify(Buffer.from(bytes).toString('base64'));

export function kernelPlugin(): Plugin {
  return {
    name: 'tsugi-kernels',
    resolveId: (source) => (source === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile(KERNEL_SOURCE);
      const { threaded, single } = await binaries();
      return [
        decode,
        `export const threaded = bytes(${base64(threaded)});`,
        `export const single = bytes(${base64(single)});`,
      ].join('\n');
    },
  };
}
