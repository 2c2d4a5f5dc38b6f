/**
 * One thread's share of an SGD pass: the WASM SIMD kernel on the shared memory, or the plain
 * JavaScript loop (`sgdStep`) on views of the same memory where WASM SIMD is missing. Used by the
 * thread that drives training and by each helper thread alike.
 */
import { sgdStep } from '../ncf-train';
import { exampleViews, modelViews, type KernelLayout } from './kernel-memory';
import { runScratch, writeRun, type RunJob, type RunScratch } from './thread-examples';

export interface SliceJob {
  layout: KernelLayout;
  start: number;
  end: number;
  learningRate: number;
  l2: number;
  globalBias: number;
}

export interface SliceResult {
  /** Summed (not mean) log loss over the slice. */
  lossSum: number;
  /** The global bias as this slice left it, from the job's value. */
  globalBias: number;
}

export type SliceRunner = (job: SliceJob) => SliceResult;

/** Build a run of examples, then train on it. */
export interface EpochJob extends RunJob {
  layout: KernelLayout;
  learningRate: number;
  l2: number;
  globalBias: number;
  /** Changes when other training data is laid out: the thread's marks start afresh. */
  dataVersion: number;
}

export interface EpochResult extends SliceResult {
  examples: number;
}

export interface KernelRunner {
  slice: SliceRunner;
  epoch(job: EpochJob): EpochResult;
}

interface KernelExports {
  train(
    users: number,
    items: number,
    userBias: number,
    itemBias: number,
    exampleUsers: number,
    exampleItems: number,
    labels: number,
    start: number,
    end: number,
    dim: number,
    learningRate: number,
    l2: number,
    globalBias: number,
  ): number;
  lastGlobalBias(): number;
}

/** What one thread runs; `module`: the compiled kernel, or null for the JavaScript loop. */
export function kernelRunner(
  module: WebAssembly.Module | null,
  memory: WebAssembly.Memory,
): KernelRunner {
  const slice = sliceRunner(module, memory);
  let scratch: { version: number; arrays: RunScratch } | null = null;
  return {
    slice,
    epoch(job) {
      if (scratch?.version !== job.dataVersion) {
        scratch = { version: job.dataVersion, arrays: runScratch(job.layout.itemCount) };
      }
      const examples = writeRun(memory.buffer, job.layout, job, scratch.arrays);
      const end = job.exampleStart + examples;
      return { ...slice({ ...job, start: job.exampleStart, end }), examples };
    },
  };
}

function sliceRunner(module: WebAssembly.Module | null, memory: WebAssembly.Memory): SliceRunner {
  if (!module) return javascriptRunner(memory);
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const kernel = instance.exports as unknown as KernelExports;
  return ({ layout: l, start, end, learningRate, l2, globalBias }) => {
    const lossSum = kernel.train(
      l.users,
      l.items,
      l.userBias,
      l.itemBias,
      l.exampleUsers,
      l.exampleItems,
      l.labels,
      start,
      end,
      l.dim,
      learningRate,
      l2,
      globalBias,
    );
    return { lossSum, globalBias: kernel.lastGlobalBias() };
  };
}

function javascriptRunner(memory: WebAssembly.Memory): SliceRunner {
  return ({ layout, start, end, learningRate, l2, globalBias }) => {
    // Views taken per slice: a grown memory has a new buffer.
    const model = modelViews(memory.buffer, layout, globalBias);
    const all = exampleViews(memory.buffer, layout, end);
    const examples = {
      users: all.users.subarray(start, end),
      items: all.items.subarray(start, end),
      labels: all.labels.subarray(start, end),
      count: end - start,
    };
    const meanLoss = sgdStep(model, examples, learningRate, l2);
    return { lossSum: meanLoss * examples.count, globalBias: model.globalBias };
  };
}
