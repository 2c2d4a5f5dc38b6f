/** TF.js in Node for the CLI and benchmarks: the cpu and wasm backends (tfjs-node needs a download). */
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;

export async function useBackend(name: string): Promise<void> {
  if (!(NODE_BACKENDS as readonly string[]).includes(name)) {
    throw new Error(`--backend must be one of plain, ${NODE_BACKENDS.join(', ')}; not "${name}"`);
  }
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to start`);
  await tf.ready();
}
