/**
 * Compiles the AssemblyScript training kernel (kernels/ncf-sgd.ts) to WASM with SIMD, with the
 * assemblyscript compiler from npm: at build time, never a committed binary. Two builds of one
 * source: threaded (imports a shared memory, for Hogwild! threads in a cross-origin isolated
 * page) and single (an ordinary memory, where SharedArrayBuffer is not allowed). Both builds are
 * kept in node_modules/.cache, keyed by the source, the options and the compiler's version: the
 * shard build, Vite and the tests share one compile.
 */
import { spawn } from 'node:child_process';
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

/**
 * Compiles both builds in a plain Node process: it loads the compiler in about a second, where
 * tsx's loader took 18 s.
 */
const COMPILER = `
import asc from 'assemblyscript/asc';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const { source, builds } = JSON.parse(input);
const out = [];
for (const options of builds) {
  const result = await asc.compileString({ 'ncf-sgd.ts': source }, options);
  if (result.error || !result.binary) {
    process.stderr.write(result.stderr.toString());
    process.exit(1);
  }
  out.push(Buffer.from(result.binary).toString('base64'));
}
process.stdout.write(JSON.stringify(out));
`;

function compile(source: string): Promise<KernelBinaries> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', COMPILER], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(JSON.stringify({ source, builds: [options(true), options(false)] }));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`kernels/ncf-sgd.ts did not compile: ${stderr}`));
      const [threaded, single] = (JSON.parse(stdout) as string[]).map(
        (text) => new Uint8Array(Buffer.from(text, 'base64')),
      );
      resolve({ threaded: threaded!, single: single! });
    });
  });
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
  const { threaded, single } = await compile(source);
  await mkdir(CACHE, { recursive: true });
  await Promise.all([writeFile(paths[0]!, threaded), writeFile(paths[1]!, single)]);
  return { threaded, single };
}
