/**
 * The CPU training step: the WASM SIMD kernel (or the plain JavaScript loop) on `threads`
 * threads at once, Hogwild!-style. The parameters live in one WebAssembly.Memory (shared when
 * there are helper threads), and all threads update the same rows without locks. A training run
 * lays its data out in the memory once; then every epoch the threads build its shuffled examples
 * together and train on them, each taking the next chunk or block until none is left. A
 * fine-tune hands over ready examples instead, cut into one contiguous run per thread. The
 * global bias, which every example moves, is shared through per-thread slots in the memory
 * (see `syncedRunner`). The driving thread works like a helper; with one thread nothing is
 * shared and no helper starts.
 */
import type { NcfModel } from '../ncf-model';
import type { Examples, Interactions } from '../ncf-train';
import type { NegativeSampler } from '../negative-sampler';
import { hashPair } from '../random';
import type { EpochResult as StepperEpoch, Stepper } from '../train-loop';
import {
  globalMoveSlots,
  MAX_PAGES,
  pagesFor,
  planLayout,
  readModel,
  THREAD_SLOTS,
  writeExamples,
  writeModel,
  type KernelLayout,
} from './kernel-memory';
import { kernelRunner, type KernelRunner, type SliceResult } from './kernel-runner';

/** User chunks per epoch: enough that a slowed thread takes fewer, for up to 8 threads. */
const CHUNKS = 64;
/** Examples a thread trains on before it takes the next block. */
const BLOCK = 1 << 16;
import type { FromThread, ToThread } from './kernel-thread';
import { layOutData, type LaidOut } from './kernel-data';

/** A helper thread, as the driving thread sees it (a Web Worker, or a Node worker in tests). */
export interface ThreadPort {
  postMessage(message: ToThread): void;
  onMessage(handler: (message: FromThread) => void): void;
  terminate(): void;
}

export interface KernelOptions {
  /** The compiled kernel (its threaded build when threads > 1), or null for the JavaScript loop. */
  module: WebAssembly.Module | null;
  threads: number;
  /** Starts a helper thread; needed when threads > 1. */
  spawn?: () => ThreadPort;
  /** Examples per block of an epoch (64k; tests with small epochs take less, to share them). */
  block?: number;
}

interface Helper {
  port: ThreadPort;
  pending: { resolve: (r: FromThread & SliceResult) => void; reject: (e: Error) => void } | null;
}

export class KernelStepper implements Stepper {
  private layout: KernelLayout;
  private readonly memory: WebAssembly.Memory;
  private readonly runner: KernelRunner;
  private readonly helpers: Helper[] = [];
  private readonly block: number;
  private lastShares: number[] = [];
  private globalBias: number;
  private data: LaidOut | null = null;

  constructor(initial: NcfModel, options: KernelOptions) {
    const threads = Math.min(THREAD_SLOTS, Math.max(1, Math.floor(options.threads)));
    if (threads > 1 && !options.spawn) throw new Error('helper threads need a way to start them');
    this.layout = planLayout(initial, 0);
    const pages = pagesFor(this.layout.bytes);
    this.memory =
      threads > 1
        ? new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true })
        : new WebAssembly.Memory({ initial: pages });
    writeModel(this.memory.buffer, this.layout, initial);
    this.globalBias = initial.globalBias;
    this.block = options.block ?? BLOCK;
    this.runner = kernelRunner(options.module, this.memory);
    for (let t = 1; t < threads; t++) this.helpers.push(this.startHelper(options));
  }

  private startHelper(options: KernelOptions): Helper {
    const helper: Helper = { port: options.spawn!(), pending: null };
    helper.port.onMessage((message) => {
      const pending = helper.pending;
      helper.pending = null;
      if (message.type === 'done') pending?.resolve(message);
      else pending?.reject(new Error(`a kernel thread failed: ${message.message}`));
    });
    helper.port.postMessage({ type: 'attach', module: options.module, memory: this.memory });
    return helper;
  }

  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Examples each thread (the driving one first) trained on in the last pass. */
  get shares(): readonly number[] {
    return this.lastShares;
  }

  /** One SGD pass over ready examples; resolves to the mean log loss. */
  async train(examples: Examples, learningRate: number, l2: number): Promise<number> {
    const count = examples.count;
    if (count > this.layout.capacity) this.relayOut(Math.ceil(count * 1.05));
    writeExamples(this.memory.buffer, this.layout, examples);
    const run = (t: number) => ({
      layout: this.layout,
      start: Math.floor((count * t) / this.threads),
      end: Math.floor((count * (t + 1)) / this.threads),
      learningRate,
      l2,
      globalBias: this.globalBias,
      ...{ thread: t, threads: this.threads },
    });
    const results = await this.everyThread(
      (t) => ({ type: 'slice', ...run(t) }),
      () => this.runner.run(run(0)),
    );
    return count ? this.combine(results) / count : 0;
  }

  /**
   * One epoch whose examples the threads build (`Stepper.trainEpoch`): all of them write user
   * chunks' examples where this thread's shuffle placed them, then all train on blocks of the
   * shuffled examples. The examples depend on the seed alone, not on the number of threads.
   */
  async trainEpoch(
    set: Interactions,
    sampler: NegativeSampler,
    negatives: number,
    seed: number,
    learningRate: number,
    l2: number,
  ): Promise<StepperEpoch> {
    if (this.data?.set !== set || this.data.sampler !== sampler) {
      this.data = layOutData(set, sampler, negatives, CHUNKS, this.data?.version ?? 0);
      this.relayOut(this.data.capacity);
      this.data.write(this.memory.buffer, this.layout);
    }
    const { chunks, capacity, version } = this.data;
    this.data.place(this.memory.buffer, this.layout, seed);
    const generate = {
      ...{ layout: this.layout, chunks, negatives: this.data.negatives },
      ...{ seed: hashPair(seed, 1), dataVersion: version },
    };
    await this.everyThread(
      () => ({ type: 'generate', ...generate }),
      () => (this.runner.generate(generate), { lossSum: 0, globalBias: 0, examples: 0 }),
    );
    const blocks = (t: number) => ({
      ...{ layout: this.layout, count: capacity, block: this.block },
      ...{ learningRate, l2, globalBias: this.globalBias, thread: t, threads: this.threads },
    });
    const results = await this.everyThread(
      (t) => ({ type: 'blocks', ...blocks(t) }),
      () => this.runner.blocks(blocks(0)),
    );
    return { loss: capacity ? this.combine(results) / capacity : 0, examples: capacity };
  }

  /**
   * Sends run t to helper t - 1, trains run 0 here meanwhile, and waits for all of them. The
   * global bias's slots start at zero: each pass's moves are counted from `this.globalBias`.
   */
  private async everyThread(
    message: (t: number) => ToThread,
    local: () => SliceResult,
  ): Promise<SliceResult[]> {
    globalMoveSlots(this.memory.buffer, this.layout).fill(0n);
    const others = this.helpers.map(
      (helper, k) =>
        new Promise<SliceResult>((resolve, reject) => {
          helper.pending = { resolve, reject };
          helper.port.postMessage(message(k + 1));
        }),
    );
    return [local(), ...(await Promise.all(others))];
  }

  /** Adds up the runs' losses and their moves of the global bias (each from the same start). */
  private combine(results: SliceResult[]): number {
    const start = this.globalBias;
    this.lastShares = results.map((r) => r.examples);
    let lossSum = 0;
    for (const r of results) {
      lossSum += r.lossSum;
      this.globalBias += r.globalBias - start;
    }
    return lossSum;
  }

  /** Lays the data and the examples out again behind the model (which stays where it is). */
  private relayOut(capacity: number): void {
    const data = this.data && { samplerSize: this.data.samplerSize, observations: this.data.n };
    const layout = planLayout(this.layout, capacity, data ?? undefined);
    const pages = pagesFor(layout.bytes) - pagesFor(this.memory.buffer.byteLength);
    if (pages > 0) this.memory.grow(pages);
    this.layout = layout;
  }

  toModel(): Promise<NcfModel> {
    return Promise.resolve(readModel(this.memory.buffer, this.layout, this.globalBias));
  }

  dispose(): void {
    for (const helper of this.helpers) {
      helper.pending?.reject(new Error('the training step was stopped'));
      helper.port.terminate();
    }
    this.helpers.length = 0;
  }
}
