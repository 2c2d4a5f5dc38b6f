/**
 * The trained model as shard sections, quantised: each embedding row is int8 with its own
 * float32 scale (the row's largest magnitude / 127), which keeps the relative error of every row
 * below 0.4% of its largest value. Only anime with enough training data get a row; the others
 * keep their bias and a zero vector (a row learnt from one or two lists is mostly noise). Biases
 * stay float32.
 */
import type { NcfModel } from '$lib/model/ncf-model';
import type { TrainConfig } from '$lib/model/ncf-train';
import { decodeEase, encodeEase, EASE_PREFIX, type ShippedEase } from './ease-codec';
import { bytesOf, dequantiseRows, quantiseRows, view, type Writer } from './section-arrays';

/** What the build says about the model it trained (held-out figures, time, data). */
export interface ModelInfo {
  config: TrainConfig;
  trainedAt: string;
  /** Shard users the model was trained on (the evaluation split's training users). */
  trainUsers: number;
  epochs: number;
  trainMs: number;
  examplesPerSecond: number;
  /** Anime with an embedding row: those with at least `minLabels` labelled training entries. */
  minLabels: number;
  shippedRows: number;
  /** Held-out NCF figures (fold-in, Recall@20, NDCG@20) of the float model and the shipped one. */
  heldOut: { users: number; float: HeldOut; quantised: HeldOut } | null;
}

export interface HeldOut {
  recall: number;
  ndcg: number;
}

export interface ShippedModel {
  info: ModelInfo;
  model: NcfModel;
  /** The shard user of each model user. */
  shardUsers: Uint32Array;
  /** The anime with an embedding row, ascending (the others have a zero vector). */
  itemRows: Uint32Array;
  /** EASE over the same users' likes, sparse (absent from shards built before it shipped). */
  ease?: ShippedEase;
}

export const MODEL_PREFIX = 'model.';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** The catalogue indices with an embedding row, as a bitmap. */
function rowBitmap(rows: ArrayLike<number>, count: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (let r = 0; r < rows.length; r++) bits[rows[r]! >> 3]! |= 1 << (rows[r]! & 7);
  return bits;
}

function rowsOf(bits: Uint8Array, count: number): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < count; i++) if (bits[i >> 3]! & (1 << (i & 7))) rows.push(i);
  return Uint32Array.from(rows);
}

export function encodeModel(shipped: ShippedModel, put: Writer): void {
  const { model, shardUsers, info, itemRows } = shipped;
  const allUsers = Uint32Array.from({ length: model.userCount }, (_, u) => u);
  const users = quantiseRows(model.users, model.dim, allUsers);
  const items = quantiseRows(model.items, model.dim, itemRows);
  const header = {
    ...info,
    dim: model.dim,
    userCount: model.userCount,
    itemCount: model.itemCount,
    globalBias: model.globalBias,
  };
  put(`${MODEL_PREFIX}info`, utf8.encode(JSON.stringify(header)));
  put(`${MODEL_PREFIX}shardUsers`, bytesOf(shardUsers));
  put(`${MODEL_PREFIX}users`, bytesOf(users.values));
  put(`${MODEL_PREFIX}userScales`, bytesOf(users.scales));
  put(`${MODEL_PREFIX}userBias`, bytesOf(model.userBias));
  put(`${MODEL_PREFIX}itemRows`, rowBitmap(itemRows, model.itemCount));
  put(`${MODEL_PREFIX}items`, bytesOf(items.values));
  put(`${MODEL_PREFIX}itemScales`, bytesOf(items.scales));
  put(`${MODEL_PREFIX}itemBias`, bytesOf(model.itemBias));
  if (shipped.ease) encodeEase(shipped.ease, put);
}

/** Throws RangeError when the sections disagree with each other or with the shard. */
export function decodeModel(
  get: (name: string) => Uint8Array,
  catalogueSize: number,
  shardUserCount: number,
  has: (name: string) => boolean = () => false,
): ShippedModel {
  const header = JSON.parse(utf8Decoder.decode(get(`${MODEL_PREFIX}info`))) as ModelInfo & {
    dim: number;
    userCount: number;
    itemCount: number;
    globalBias: number;
  };
  const { dim, userCount, itemCount, globalBias, ...info } = header;
  if (itemCount !== catalogueSize)
    throw new RangeError(`the model has ${itemCount} anime, the catalogue ${catalogueSize}`);
  const shardUsers = view(get(`${MODEL_PREFIX}shardUsers`), Uint32Array, userCount, 'shardUsers');
  for (const u of shardUsers) if (u >= shardUserCount) throw new RangeError('unknown model user');
  const itemRows = rowsOf(get(`${MODEL_PREFIX}itemRows`), itemCount);
  const users = new Float32Array(userCount * dim);
  dequantiseRows(
    {
      values: view(get(`${MODEL_PREFIX}users`), Int8Array, userCount * dim, 'users'),
      scales: view(get(`${MODEL_PREFIX}userScales`), Float32Array, userCount, 'userScales'),
    },
    dim,
    Uint32Array.from({ length: userCount }, (_, u) => u),
    users,
  );
  const items = new Float32Array(itemCount * dim);
  dequantiseRows(
    {
      values: view(get(`${MODEL_PREFIX}items`), Int8Array, itemRows.length * dim, 'items'),
      scales: view(get(`${MODEL_PREFIX}itemScales`), Float32Array, itemRows.length, 'itemScales'),
    },
    dim,
    itemRows,
    items,
  );
  const model: NcfModel = {
    dim,
    userCount,
    itemCount,
    users,
    items,
    userBias: view(get(`${MODEL_PREFIX}userBias`), Float32Array, userCount, 'userBias'),
    itemBias: view(get(`${MODEL_PREFIX}itemBias`), Float32Array, itemCount, 'itemBias'),
    globalBias,
  };
  for (const array of [model.users, model.items, model.userBias, model.itemBias])
    for (const x of array)
      if (!Number.isFinite(x)) throw new RangeError('a parameter is not finite');
  const ease = has(`${EASE_PREFIX}info`) ? decodeEase(get, itemCount) : undefined;
  return { info, model, shardUsers, itemRows, ...(ease ? { ease } : {}) };
}
