/** Starts the training kernel's helper threads as Node workers (TypeScript through tsx). */
import { Worker } from 'node:worker_threads';
import type { ThreadPort } from '../../src/lib/model/wasm/kernel-stepper';

export function spawnNodeThread(): ThreadPort {
  // Node 20 does not pass `--import tsx` on to a worker: the worker registers tsx itself.
  const entry = JSON.stringify(new URL('./node-thread.ts', import.meta.url).href);
  const worker = new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); });`,
    { eval: true },
  );
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
