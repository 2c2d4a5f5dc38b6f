/** What a training run does when its backend fails: which backends to rule out, and what to say. */
import { DeviceLostError } from '$lib/model/tf/device-loss';
import type { BackendName } from './api';

/** What a run does after its backend failed at `epoch` (the last checkpoint's). */
export interface Fallback {
  /** The backends not to try again in this run. */
  exclude: BackendName[];
  /** At most this many threads for the WASM kernel from now on (absent: as many as it can). */
  threads?: number;
  /** Opens the next backend's reason (the summary's backend line). */
  because: string;
  /** What the user is told once the next backend is known. */
  notice: (next: BackendName) => string;
}

const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  wasm: 'WASM',
  webgl: 'WebGL',
  cpu: 'CPU',
};

/**
 * A lost WebGPU device rules out WebGL too (the same GPU, reset or gone, and the slowest
 * backend here), so the run goes on with WASM, then CPU. The WASM kernel on several threads
 * that fails goes on with the kernel on one thread (threads are what a browser most often lacks),
 * and only then without WASM. Any other failure rules out only the backend that failed.
 */
export function fallbackAfter(
  failed: BackendName,
  error: unknown,
  excluded: readonly BackendName[],
  epoch: number,
  threads = 1,
): Fallback {
  const without = (...names: BackendName[]) => [...new Set([...excluded, ...names])];
  if (error instanceof DeviceLostError) {
    return {
      exclude: without('webgpu', 'webgl'),
      because: `${error.message}, continued from epoch ${epoch}`,
      notice: (next) =>
        `${error.message}; continued on ${BACKEND_LABELS[next]} from epoch ${epoch}.`,
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  if (failed === 'wasm' && threads > 1) {
    const what = `the WASM kernel's ${threads} threads failed (${reason})`;
    return {
      exclude: [...excluded],
      threads: 1,
      because: `${what}, continued from epoch ${epoch}`,
      notice: (next) =>
        `The WASM kernel's ${threads} threads failed (${reason}); training went on with ` +
        `${next === 'wasm' ? 'the kernel on 1 thread' : next} from epoch ${epoch}.`,
    };
  }
  return {
    exclude: without(failed),
    because: `the ${failed} backend failed (${reason}), continued from epoch ${epoch}`,
    notice: (next) =>
      `The ${failed} backend failed (${reason}); training went on with ${next} from epoch ${epoch}.`,
  };
}
