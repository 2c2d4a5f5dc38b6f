/**
 * The CPU training path in the browser: the WASM SIMD kernel on every core the page offers
 * (helper threads need SharedArrayBuffer, so a cross-origin isolated page), else on one thread;
 * the plain JavaScript loop where WASM SIMD is missing. The label says what computes.
 */
import { compileKernel } from '$lib/model/wasm/kernels';
import type { KernelOptions, ThreadPort } from '$lib/model/wasm/kernel-stepper';

/** Beyond this, Hogwild! threads mostly collide on the popular anime's rows. */
export const MAX_THREADS = 8;

export interface CpuKernel {
  options: KernelOptions;
  /** "WASM SIMD kernel, 2 threads", "JavaScript loop, 1 thread: …". */
  label: string;
}

function spawnKernelThread(): ThreadPort {
  const worker = new Worker(new URL('./kernel-thread.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tsugi-kernel-thread',
  });
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage(handler) {
      worker.onmessage = (event) => handler(event.data);
      worker.onerror = (event) => handler({ type: 'error', message: event.message });
    },
    terminate: () => worker.terminate(),
  };
}

const plural = (n: number) => `${n} thread${n === 1 ? '' : 's'}`;

/** `threads`: at most this many (all the cores up to MAX_THREADS when absent). */
export async function cpuKernel(threads?: number): Promise<CpuKernel> {
  const cores = Math.min(MAX_THREADS, globalThis.navigator?.hardwareConcurrency || 1);
  const wanted = Math.max(1, Math.min(threads ?? cores, cores));
  const isolated = globalThis.crossOriginIsolated === true;
  const count = isolated ? wanted : 1;
  const module = await compileKernel(count > 1);
  const why: string[] = [];
  if (!module) why.push('this browser has no WASM SIMD');
  if (!isolated && wanted > 1) why.push('the page is not cross-origin isolated');
  const what = module ? 'WASM SIMD kernel' : 'JavaScript loop';
  return {
    options: { module, threads: count, spawn: spawnKernelThread },
    label: `${what}, ${plural(count)}${why.length ? `: ${why.join(', ')}` : ''}`,
  };
}
