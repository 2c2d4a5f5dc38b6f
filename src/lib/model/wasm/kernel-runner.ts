/**
 * One thread's share of an SGD pass: the WASM SIMD kernel on the shared memory, or the plain
 * JavaScript loop (`sgdStep`) on views of the same memory where WASM SIMD is missing. Used by the
 * thread that drives training and by each helper thread alike.
 */
import { sgdStep } from '../ncf-train';
import { hashPair } from '../random';
import { dataViews, exampleViews, modelViews, type KernelLayout } from './kernel-memory';
import { writeChunk } from './thread-examples';

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

/** Write user chunks' examples, taking chunk after chunk until none is left. */
export interface GenerateJob {
  layout: KernelLayout;
  chunks: { firstUser: number; endUser: number }[];
  negatives: number;
  seed: number;
  /** Changes when other training data is laid out: the thread's marks start afresh. */
  dataVersion: number;
}

/** Train on blocks of `block` examples of [0, count), taking block after block. */
export interface BlocksJob {
  layout: KernelLayout;
  count: number;
  block: number;
  learningRate: number;
  l2: number;
  globalBias: number;
}

export interface KernelRunner {
  slice: SliceRunner;
  generate(job: GenerateJob): void;
  blocks(job: BlocksJob): SliceResult;
}

/**
 * What one thread runs; `module`: the compiled kernel, or null for the JavaScript loop. Work is
 * shared through counters in the memory: a thread slowed by the rest of the machine takes fewer
 * chunks and blocks, instead of holding the others up at the end of the epoch.
 */
export function kernelRunner(
  module: WebAssembly.Module | null,
  memory: WebAssembly.Memory,
): KernelRunner {
  const slice = sliceRunner(module, memory);
  let marks: { version: number; array: Int32Array } | null = null;
  return {
    slice,
    generate(job) {
      if (marks?.version !== job.dataVersion) {
        marks = { version: job.dataVersion, array: new Int32Array(job.layout.itemCount) };
      }
      const { counters } = dataViews(memory.buffer, job.layout);
      for (
        let c = Atomics.add(counters, 0, 1);
        c < job.chunks.length;
        c = Atomics.add(counters, 0, 1)
      ) {
        const chunk = { ...job.chunks[c]!, negatives: job.negatives, seed: hashPair(job.seed, c) };
        writeChunk(memory.buffer, job.layout, chunk, marks.array);
      }
    },
    blocks({ layout, count, block, learningRate, l2, globalBias }) {
      const { counters } = dataViews(memory.buffer, layout);
      let lossSum = 0;
      for (
        let b = Atomics.add(counters, 1, 1);
        b * block < count;
        b = Atomics.add(counters, 1, 1)
      ) {
        const start = b * block;
        const end = Math.min(count, start + block);
        const result = slice({ layout, start, end, learningRate, l2, globalBias });
        lossSum += result.lossSum;
        globalBias = result.globalBias;
      }
      return { lossSum, globalBias };
    },
  };
}

/** What the compiled kernels/ncf-sgd.ts exports. */
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
