/**
 * One thread's share of an SGD pass: the WASM SIMD kernel on the shared memory, or the plain
 * JavaScript loop (`sgdStep`) on views of the same memory where WASM SIMD is missing. Used by the
 * thread that drives training and by each helper thread alike.
 */
import { sgdStep } from '../ncf-train';
import { hashPair } from '../random';
import {
  dataViews,
  exampleViews,
  globalMoveSlots,
  modelViews,
  type KernelLayout,
} from './kernel-memory';
import { writeChunk } from './thread-examples';

/**
 * Examples a thread trains on between two looks at the global bias. Every example moves it, and
 * it settles within tens of thousands of examples: a thread that kept its own copy through a
 * whole epoch would settle it alone, and N threads' moves added up at the end would move it N
 * times too far (2 threads: off by as much as it moved, the other way, at every epoch's start;
 * more: further each epoch). So each thread publishes its moves every SYNC examples and trains
 * on the sum of all of them, as one thread would.
 */
const SYNC = 1024;

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
  /** Examples trained on. */
  examples: number;
}

export type SliceRunner = (job: SliceJob) => SliceResult;

/** Which of the `threads` training at once runs a job: its slot for the global bias's moves. */
export interface ThreadOf {
  thread: number;
  threads: number;
}

export type RunJob = SliceJob & ThreadOf;

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
export interface BlocksJob extends ThreadOf {
  layout: KernelLayout;
  count: number;
  block: number;
  learningRate: number;
  l2: number;
  globalBias: number;
}

export interface KernelRunner {
  /** Examples [start, end) beside the other threads (one slice when it is the only one). */
  run(job: RunJob): SliceResult;
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
  const run = syncedRunner(slice, memory);
  let marks: { version: number; array: Int32Array } | null = null;
  return {
    run,
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
    blocks({ count, block, ...job }) {
      const { counters } = dataViews(memory.buffer, job.layout);
      let lossSum = 0;
      let examples = 0;
      let globalBias = job.globalBias;
      for (
        let b = Atomics.add(counters, 1, 1);
        b * block < count;
        b = Atomics.add(counters, 1, 1)
      ) {
        const start = b * block;
        const result = run({ ...job, start, end: Math.min(count, start + block) });
        lossSum += result.lossSum;
        examples += result.examples;
        globalBias = result.globalBias;
      }
      return { lossSum, globalBias, examples };
    },
  };
}

const bits = new Float64Array(1);
const bitsAsInt = new BigInt64Array(bits.buffer);

/** The sum of every thread's slot: how far all of them have moved the global bias. */
function allMoves(slots: BigInt64Array): number {
  let sum = 0;
  for (let t = 0; t < slots.length; t++) {
    bitsAsInt[0] = Atomics.load(slots, t);
    sum += bits[0]!;
  }
  return sum;
}

/**
 * Runs a job in SYNC-sized steps (one step when this is the only thread), each from the global
 * bias all threads have reached (the pass's start plus every slot), adding its own moves to its
 * slot after each; the result's global bias is the start plus this thread's moves, so the
 * stepper adds the threads' moves up.
 */
function syncedRunner(slice: SliceRunner, memory: WebAssembly.Memory): KernelRunner['run'] {
  return (job) => {
    const slots = globalMoveSlots(memory.buffer, job.layout);
    const step = job.threads === 1 ? job.end - job.start : SYNC;
    bitsAsInt[0] = Atomics.load(slots, job.thread);
    let moved = bits[0]!;
    let lossSum = 0;
    for (let start = job.start; start < job.end; start += step) {
      const from = job.globalBias + allMoves(slots);
      const end = Math.min(job.end, start + step);
      const result = slice({ ...job, start, end, globalBias: from });
      lossSum += result.lossSum;
      moved += result.globalBias - from;
      bits[0] = moved;
      Atomics.store(slots, job.thread, bitsAsInt[0]!);
    }
    return { lossSum, globalBias: job.globalBias + moved, examples: job.end - job.start };
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
    return { lossSum, globalBias: kernel.lastGlobalBias(), examples: end - start };
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
    return {
      lossSum: meanLoss * examples.count,
      globalBias: model.globalBias,
      examples: examples.count,
    };
  };
}
