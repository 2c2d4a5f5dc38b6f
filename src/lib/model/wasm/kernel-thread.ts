/**
 * A helper thread of the training kernel: it attaches to the driving thread's memory once, then
 * builds and trains what it is sent (Hogwild!: the other threads update the same rows meanwhile).
 * Written against a plain message port, so a Web Worker and a Node worker_threads test both run it.
 */
import {
  kernelRunner,
  type BlocksJob,
  type GenerateJob,
  type KernelRunner,
  type RunJob,
  type SliceResult,
} from './kernel-runner';

export type ToThread =
  | { type: 'attach'; module: WebAssembly.Module | null; memory: WebAssembly.Memory }
  | ({ type: 'slice' } & RunJob)
  | ({ type: 'generate' } & GenerateJob)
  | ({ type: 'blocks' } & BlocksJob);

/** `generate` answers with a zero result. */
export type FromThread = ({ type: 'done' } & SliceResult) | { type: 'error'; message: string };

/** The message handler of a helper thread; replies go through `post`. */
export function kernelThread(post: (message: FromThread) => void): (message: ToThread) => void {
  let runner: KernelRunner | null = null;
  return (message) => {
    try {
      if (message.type === 'attach') {
        runner = kernelRunner(message.module, message.memory);
        return;
      }
      if (!runner) throw new Error('the kernel thread was sent work before its memory');
      post({ type: 'done', ...run(runner, message) });
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

const NOTHING: SliceResult = { lossSum: 0, globalBias: 0, examples: 0 };

function run(runner: KernelRunner, message: Exclude<ToThread, { type: 'attach' }>): SliceResult {
  if (message.type === 'slice') return runner.run(message);
  if (message.type === 'blocks') return runner.blocks(message);
  runner.generate(message);
  return NOTHING;
}
