/**
 * Compiles the AssemblyScript training kernel (kernels/ncf-sgd.ts) to WASM with SIMD, with the
 * assemblyscript compiler from npm: at build time, never a committed binary. Two builds of one
 * source: threaded (imports a shared memory, for Hogwild! threads in a cross-origin isolated
 * page) and single (an ordinary memory, where SharedArrayBuffer is not allowed).
 */
import asc from 'assemblyscript/asc';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const KERNEL_SOURCE = fileURLToPath(new URL('../../kernels/ncf-sgd.ts', import.meta.url));

export interface KernelBinaries {
  threaded: Uint8Array;
  single: Uint8Array;
}

async function compile(source: string, shared: boolean): Promise<Uint8Array> {
  const result = await asc.compileString(
    { 'ncf-sgd.ts': source },
    {
      optimizeLevel: 3,
      shrinkLevel: 0,
      runtime: 'stub',
      noAssert: true,
      importMemory: true,
      initialMemory: 1,
      // A shared memory needs a maximum; the caller's memory may be any size up to 4 GiB.
      ...(shared ? { sharedMemory: true, maximumMemory: 65536 } : {}),
      enable: shared ? ['simd', 'threads'] : ['simd'],
    },
  );
  if (result.error || !result.binary) {
    throw new Error(`kernels/ncf-sgd.ts did not compile: ${result.stderr.toString()}`);
  }
  return result.binary;
}

export async function compileKernels(): Promise<KernelBinaries> {
  const source = await readFile(KERNEL_SOURCE, 'utf8');
  const [threaded, single] = await Promise.all([compile(source, true), compile(source, false)]);
  return { threaded, single };
}
