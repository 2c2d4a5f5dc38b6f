/**
 * The compiled training kernel, or null where this engine cannot run it (no WASM SIMD, or no
 * shared WASM memory for the threaded build): the caller then falls back to the JavaScript loop.
 */
import { single, threaded } from 'virtual:tsugi-kernels';

const compiled = new Map<boolean, Promise<WebAssembly.Module | null>>();

export function compileKernel(shared: boolean): Promise<WebAssembly.Module | null> {
  let module = compiled.get(shared);
  if (!module) {
    const bytes = shared ? threaded : single;
    module = WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>).catch(() => null);
    compiled.set(shared, module);
  }
  return module;
}
