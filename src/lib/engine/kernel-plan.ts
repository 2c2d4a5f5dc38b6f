/**
 * How many threads the CPU training kernel gets, and which build, decided step by step from what
 * this browser can really do: helper threads only where a shared WebAssembly.Memory can be sent
 * to a worker, else the SIMD kernel on one thread, else the plain JavaScript loop.
 */

export interface KernelSupport {
  /** Threads wanted: all the cores up to a cap, or fewer when asked. */
  wanted: number;
  /** `crossOriginIsolated`: without it no browser shares memory with workers. */
  isolated: boolean;
  /** A shared WebAssembly.Memory reached a worker (see `canSendSharedMemory`). */
  sharedSendable: boolean;
  /** The SIMD kernel compiled. */
  simd: boolean;
}

export interface KernelPlan {
  threads: number;
  simd: boolean;
  /** "WASM SIMD kernel, 2 threads", "WASM SIMD kernel, 1 thread: <why not more>". */
  label: string;
}

const plural = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;

export function kernelPlan(support: KernelSupport): KernelPlan {
  const why: string[] = [];
  if (!support.simd) why.push('this browser has no WASM SIMD');
  let threads = 1;
  if (support.wanted > 1) {
    if (!support.isolated) why.push('the page is not cross-origin isolated');
    else if (!support.sharedSendable) why.push('this browser cannot share memory with workers');
    else threads = Math.floor(support.wanted);
  }
  const what = support.simd ? 'WASM SIMD kernel' : 'JavaScript loop';
  return {
    threads,
    simd: support.simd,
    label: `${what}, ${plural(threads)}${why.length ? `: ${why.join(', ')}` : ''}`,
  };
}

/**
 * Whether shared memory really reaches a worker: `send` posts it to one (and throws as
 * postMessage does). WebKitGTK creates a shared WebAssembly.Memory but has no SharedArrayBuffer
 * global, and its postMessage throws DataCloneError; threads there would fail at the first step.
 */
export function canSendSharedMemory(
  send: (memory: WebAssembly.Memory) => void,
  sharedArrayBuffer: unknown = globalThis.SharedArrayBuffer,
): boolean {
  if (typeof sharedArrayBuffer !== 'function') return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    if (!(memory.buffer instanceof (sharedArrayBuffer as typeof SharedArrayBuffer))) return false;
    send(memory);
    return true;
  } catch {
    return false;
  }
}
