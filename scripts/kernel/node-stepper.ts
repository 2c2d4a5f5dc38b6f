/** The training kernel for Node scripts: compiled from source, on helper threads where there are cores. */
import { availableParallelism } from 'node:os';
import type { NcfModel } from '../../src/lib/model/ncf-model';
import type { Stepper } from '../../src/lib/model/train-loop';
import { KernelStepper } from '../../src/lib/model/wasm/kernel-stepper';
import { compileKernels } from './compile-kernel';
import { spawnNodeThread } from './node-threads';

export interface NodeKernel {
  make: (initial: NcfModel) => Stepper;
  label: string;
}

/** `threads` defaults to the machine's cores (the stepper takes at most its thread slots). */
export async function nodeKernel(threads = availableParallelism()): Promise<NodeKernel> {
  const binaries = await compileKernels();
  const binary = threads > 1 ? binaries.threaded : binaries.single;
  const module = await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
  return {
    make: (initial) => new KernelStepper(initial, { module, threads, spawn: spawnNodeThread }),
    label: `the WASM SIMD kernel on ${threads} thread${threads === 1 ? '' : 's'}`,
  };
}
