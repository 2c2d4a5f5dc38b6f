/**
 * EASE as shard sections (under the model's prefix: it is trained on the model's users, and a
 * damaged section sets the whole model aside): for each of its anime, the model rows of its k
 * weights of largest magnitude (ascending, as varint gaps) and the weights as int8 with one scale
 * per row.
 */
import type { SparseEase } from '$lib/recommend/ease-sparse';
import { bytesOf, dequantiseRows, quantiseRows, view, type Writer } from './section-arrays';
import { decodeVarints, encodeVarints } from './varint';

/** Under the model's own prefix (`model.`). */
export const EASE_PREFIX = 'model.ease.';

/** What the build says about EASE. */
export interface EaseInfo {
  lambda: number;
  minLikes: number;
  maxItems: number;
  k: number;
  /** Training users whose likes built it. */
  users: number;
  buildMs: number;
}

export interface ShippedEase {
  info: EaseInfo;
  ease: SparseEase;
}

/** Each row's ascending neighbours as gaps: the first from 0, the others from the one before. */
function rowGaps(neighbours: Uint16Array, k: number): Uint32Array {
  return Uint32Array.from(neighbours, (j, p) => (p % k === 0 ? j : j - neighbours[p - 1]!));
}

function fromRowGaps(gaps: Uint32Array, k: number): Uint16Array {
  const out = new Uint16Array(gaps.length);
  for (let p = 0; p < gaps.length; p++) {
    const value = p % k === 0 ? gaps[p]! : out[p - 1]! + gaps[p]!;
    if (value > 0xffff) throw new RangeError('EASE names an unknown row');
    out[p] = value;
  }
  return out;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function encodeEase({ info, ease }: ShippedEase, put: Writer): void {
  const n = ease.items.length;
  const rows = Uint32Array.from({ length: n }, (_, r) => r);
  const weights = quantiseRows(ease.weights, ease.k, rows);
  put(`${EASE_PREFIX}info`, utf8.encode(JSON.stringify({ ...info, n, k: ease.k })));
  put(`${EASE_PREFIX}items`, bytesOf(ease.items));
  put(`${EASE_PREFIX}neighbours`, encodeVarints(rowGaps(ease.neighbours, ease.k)));
  put(`${EASE_PREFIX}weights`, bytesOf(weights.values));
  put(`${EASE_PREFIX}scales`, bytesOf(weights.scales));
}

/** Throws RangeError when the sections disagree with each other or with the catalogue. */
export function decodeEase(get: (name: string) => Uint8Array, catalogueSize: number): ShippedEase {
  const { n, ...info } = JSON.parse(utf8Decoder.decode(get(`${EASE_PREFIX}info`))) as EaseInfo & {
    n: number;
  };
  const { k } = info;
  const items = view(get(`${EASE_PREFIX}items`), Uint32Array, n, 'ease items');
  const neighbours = fromRowGaps(decodeVarints(get(`${EASE_PREFIX}neighbours`), n * k), k);
  for (const i of items)
    if (i >= catalogueSize) throw new RangeError('EASE names an unknown anime');
  for (const j of neighbours) if (j >= n) throw new RangeError('EASE names an unknown row');
  const weights = new Float32Array(n * k);
  dequantiseRows(
    {
      values: view(get(`${EASE_PREFIX}weights`), Int8Array, n * k, 'ease weights'),
      scales: view(get(`${EASE_PREFIX}scales`), Float32Array, n, 'ease scales'),
    },
    k,
    Uint32Array.from({ length: n }, (_, r) => r),
    weights,
  );
  const column = new Int32Array(catalogueSize).fill(-1);
  items.forEach((item, r) => (column[item] = r));
  return { info, ease: { items, column, k, neighbours, weights } };
}
