/**
 * Compiles the AssemblyScript training kernel (kernels/ncf-sgd.ts) to WASM with SIMD, with the
 * assemblyscript compiler from npm: at build time, never a committed binary. Two builds of one
 * source: threaded (imports a shared memory, for Hogwild! threads in a cross-origin isolated
 * page) and single (an ordinary memory, where SharedArrayBuffer is not allowed). The compiler
 * takes about 20 s to load, so both builds are kept in node_modules/.cache, keyed by the source,
 * the options and the compiler's version: the shard build, Vite and the tests share one compile.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERNEL_SOURCE = fileURLToPath(new URL('../../kernels/ncf-sgd.ts', import.meta.url));

export interface KernelBinaries {
  threaded: Uint8Array;
  single: Uint8Array;
}

const CACHE = fileURLToPath(new URL('../../node_modules/.cache/tsugi-kernels', import.meta.url));

function options(shared: boolean) {
  return {
    optimizeLevel: 3,
    shrinkLevel: 0,
    runtime: 'stub',
    noAssert: true,
    importMemory: true,
    initialMemory: 1,
    // A shared memory needs a maximum; the caller's memory may be any size up to 4 GiB.
    ...(shared ? { sharedMemory: true, maximumMemory: 65536 } : {}),
    enable: shared ? ['simd', 'threads'] : ['simd'],
  };
}

async function compile(source: string, shared: boolean): Promise<Uint8Array> {
  const { default: asc } = await import('assemblyscript/asc');
  const result = await asc.compileString({ 'ncf-sgd.ts': source }, options(shared));
  if (result.error || !result.binary) {
    throw new Error(`kernels/ncf-sgd.ts did not compile: ${result.stderr.toString()}`);
  }
  return result.binary;
}

function cacheKey(source: string): string {
  const version = (
    createRequire(import.meta.url)('assemblyscript/package.json') as { version: string }
  ).version;
  const inputs = [source, JSON.stringify([options(true), options(false)]), version];
  return createHash('sha256').update(inputs.join('\0')).digest('hex').slice(0, 16);
}

export async function compileKernels(): Promise<KernelBinaries> {
  const source = await readFile(KERNEL_SOURCE, 'utf8');
  const paths = ['threaded', 'single'].map((build) =>
    join(CACHE, `${cacheKey(source)}-${build}.wasm`),
  );
  try {
    const [threaded, single] = await Promise.all(paths.map((path) => readFile(path)));
    return { threaded: new Uint8Array(threaded!), single: new Uint8Array(single!) };
  } catch {
    // Not compiled yet for this source: compile, then keep both for the next caller.
  }
  const [threaded, single] = await Promise.all([compile(source, true), compile(source, false)]);
  await mkdir(CACHE, { recursive: true });
  await Promise.all([writeFile(paths[0]!, threaded), writeFile(paths[1]!, single)]);
  return { threaded, single };
}
