/**
 * Where the training kernel finds the model, the training data and the examples: byte offsets
 * into one WebAssembly.Memory (shared between threads when the page is cross-origin isolated).
 * The first 64 KiB belong to the kernel's own constants; the model comes first, so that the data
 * and the examples can be laid out again behind it (the memory only grows).
 */
import type { NcfModel } from '../ncf-model';
import type { Examples } from '../ncf-train';

/** Bytes kept for the kernel's static data (its exp/log tables). */
export const KERNEL_RESERVED = 65536;
const PAGE = 65536;
/** The most a WASM memory may hold (4 GiB); a shared one must declare its maximum. */
export const MAX_PAGES = 65536;
/** The most threads that can train on one memory: one global-bias slot each. */
export const THREAD_SLOTS = 16;

export interface KernelLayout {
  dim: number;
  userCount: number;
  itemCount: number;
  users: number;
  items: number;
  userBias: number;
  itemBias: number;
  /** The negative sampler's table (u32), `samplerSize` entries. */
  sampler: number;
  samplerSize: number;
  /** The labelled pairs grouped by user: anime (u32) and label (f32), `observations` of each. */
  observationItems: number;
  observationLabels: number;
  observations: number;
  /** Where each user's pairs start (u32), userCount + 1 entries. */
  userStart: number;
  /** Where each pair's examples go this epoch (u32, `observations`): the epoch's shuffle. */
  placement: number;
  /** Counters (i32) the threads take work from: [0] user chunks, [1] example blocks. */
  counters: number;
  /** How far each thread has moved the global bias in this pass (f64 bits, THREAD_SLOTS). */
  globalMoves: number;
  exampleUsers: number;
  exampleItems: number;
  labels: number;
  /** Examples that fit. */
  capacity: number;
  /** Bytes the layout needs. */
  bytes: number;
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** The training data a stepper that builds its own examples keeps in memory. */
export interface DataShape {
  samplerSize: number;
  observations: number;
}

export function planLayout(
  shape: Pick<NcfModel, 'dim' | 'userCount' | 'itemCount'>,
  capacity: number,
  data: DataShape = { samplerSize: 0, observations: 0 },
): KernelLayout {
  const { dim, userCount, itemCount } = shape;
  let at = KERNEL_RESERVED;
  const take = (bytes: number) => {
    const start = at;
    at += align(bytes);
    return start;
  };
  const users = take(userCount * dim * 4);
  const items = take(itemCount * dim * 4);
  const userBias = take(userCount * 4);
  const itemBias = take(itemCount * 4);
  const { samplerSize, observations } = data;
  const sampler = take(samplerSize * 4);
  const observationItems = take(observations * 4);
  const observationLabels = take(observations * 4);
  const userStart = take(observations ? (userCount + 1) * 4 : 0);
  const placement = take(observations * 4);
  const counters = take(16);
  const globalMoves = take(THREAD_SLOTS * 8);
  const exampleUsers = take(capacity * 4);
  const exampleItems = take(capacity * 4);
  const labels = take(capacity * 4);
  return {
    ...{ dim, userCount, itemCount, users, items, userBias, itemBias, sampler, samplerSize },
    ...{ observationItems, observationLabels, observations, userStart, placement, counters },
    globalMoves,
    ...{ exampleUsers, exampleItems, labels, capacity, bytes: at },
  };
}

export const pagesFor = (bytes: number) => Math.ceil(bytes / PAGE);

/** The parameters as views on `buffer` (they change as the kernel trains). */
export function modelViews(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  globalBias: number,
): NcfModel {
  const { dim, userCount, itemCount } = layout;
  return {
    dim,
    userCount,
    itemCount,
    users: new Float32Array(buffer, layout.users, userCount * dim),
    items: new Float32Array(buffer, layout.items, itemCount * dim),
    userBias: new Float32Array(buffer, layout.userBias, userCount),
    itemBias: new Float32Array(buffer, layout.itemBias, itemCount),
    globalBias,
  };
}

/** Examples [0, count) as views on `buffer`. */
export function exampleViews(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  count: number,
): Examples {
  return {
    users: new Int32Array(buffer, layout.exampleUsers, count),
    items: new Int32Array(buffer, layout.exampleItems, count),
    labels: new Float32Array(buffer, layout.labels, count),
    count,
  };
}

export interface DataViews {
  table: Uint32Array;
  items: Uint32Array;
  labels: Float32Array;
  userStart: Uint32Array;
  placement: Uint32Array;
  counters: Int32Array;
}

export function dataViews(buffer: ArrayBufferLike, layout: KernelLayout): DataViews {
  const { observations } = layout;
  return {
    table: new Uint32Array(buffer, layout.sampler, layout.samplerSize),
    items: new Uint32Array(buffer, layout.observationItems, observations),
    labels: new Float32Array(buffer, layout.observationLabels, observations),
    userStart: new Uint32Array(buffer, layout.userStart, observations ? layout.userCount + 1 : 0),
    placement: new Uint32Array(buffer, layout.placement, observations),
    counters: new Int32Array(buffer, layout.counters, 4),
  };
}

/** The threads' global-bias slots, read and written with Atomics (a plain f64 may tear). */
export function globalMoveSlots(buffer: ArrayBufferLike, layout: KernelLayout): BigInt64Array {
  return new BigInt64Array(buffer, layout.globalMoves, THREAD_SLOTS);
}

export function writeModel(buffer: ArrayBufferLike, layout: KernelLayout, model: NcfModel): void {
  const views = modelViews(buffer, layout, 0);
  views.users.set(model.users);
  views.items.set(model.items);
  views.userBias.set(model.userBias);
  views.itemBias.set(model.itemBias);
}

export function writeExamples(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  examples: Examples,
): void {
  const views = exampleViews(buffer, layout, examples.count);
  views.users.set(examples.users.subarray(0, examples.count));
  views.items.set(examples.items.subarray(0, examples.count));
  views.labels.set(examples.labels.subarray(0, examples.count));
}

/** A snapshot on the JS heap: later training does not change it. */
export function readModel(
  buffer: ArrayBufferLike,
  layout: KernelLayout,
  globalBias: number,
): NcfModel {
  const views = modelViews(buffer, layout, globalBias);
  return {
    ...views,
    users: views.users.slice(),
    items: views.items.slice(),
    userBias: views.userBias.slice(),
    itemBias: views.itemBias.slice(),
  };
}
