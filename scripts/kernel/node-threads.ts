/** Node workers that run TypeScript (through tsx): the training kernel's helper threads and the build's. */
import { Worker } from 'node:worker_threads';
import type { ThreadPort } from '../../src/lib/model/wasm/kernel-stepper';

/** A Node worker running the TypeScript module at `entry` (a file URL), given `workerData`. */
export function tsxWorker(entry: string, workerData?: unknown): Worker {
  // Node 20 does not pass `--import tsx` on to a worker: the worker registers tsx itself.
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData },
  );
}

export function spawnNodeThread(): ThreadPort {
  const worker = tsxWorker(new URL('./node-thread.ts', import.meta.url).href);
  // A finished training run must not keep the process alive.
  worker.unref();
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage(handler) {
      worker.on('message', handler);
      worker.on('error', (error) => handler({ type: 'error', message: error.message }));
    },
    terminate: () => void worker.terminate(),
  };
}
