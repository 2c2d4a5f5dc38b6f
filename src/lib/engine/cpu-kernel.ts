/**
 * The CPU training path in the browser: the WASM SIMD kernel on every core the page offers
 * (helper threads need shared memory that really reaches a worker), else on one thread; the
 * plain JavaScript loop where WASM SIMD is missing. The label says what computes, and why.
 */
import { compileKernel } from '$lib/model/wasm/kernels';
import type { KernelOptions, ThreadPort } from '$lib/model/wasm/kernel-stepper';
import { canSendSharedMemory, kernelPlan } from './kernel-plan';

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

/** Posts `memory` to a helper thread that is ended at once: throws where it cannot be sent. */
function sendToThread(memory: WebAssembly.Memory): void {
  const port = spawnKernelThread();
  try {
    port.postMessage({ type: 'attach', module: null, memory });
  } finally {
    port.terminate();
  }
}

/** `threads`: at most this many (all the cores up to MAX_THREADS when absent). */
export async function cpuKernel(threads?: number): Promise<CpuKernel> {
  const cores = Math.min(MAX_THREADS, globalThis.navigator?.hardwareConcurrency || 1);
  const wanted = Math.max(1, Math.min(threads ?? cores, cores));
  const isolated = globalThis.crossOriginIsolated === true;
  const sendable = wanted > 1 && isolated && canSendSharedMemory(sendToThread);
  const single = await compileKernel(false);
  const threaded = sendable && single ? await compileKernel(true) : null;
  const plan = kernelPlan({
    wanted,
    isolated,
    // A threaded build that does not compile shares no memory either; the loop needs no build.
    sharedSendable: sendable && (threaded !== null || single === null),
    simd: single !== null,
  });
  return {
    options: {
      module: plan.threads > 1 ? threaded : single,
      threads: plan.threads,
      spawn: spawnKernelThread,
    },
    label: plan.label,
  };
}
