/**
 * Encodes a Shard into the container's named sections and back. The same module runs in Node
 * (the builder, tests, benchmarks) and in the browser.
 *
 * Catalogue: `catalogue-codec.ts`. Ratings: per-user entry counts as varints, catalogue indices
 * as varint gaps (ascending within a user, catalogue ordered by popularity so gaps stay small),
 * and one byte per entry holding score | status << 4. Model: `model-codec.ts`. Every section
 * except tiny ones is deflated.
 */
import {
  readContainer,
  ShardError,
  writeContainer,
  type Deflate,
  type SectionSize,
} from './sections';
import { decodeCatalogue, encodeCatalogue } from './catalogue-codec';
import type { Catalogue, Ratings, Shard, ShardInfo } from './shard-types';
import { expectLength } from './section-arrays';
import { decodeStrings, encodeStrings } from './strings';
import { decodeVarints, encodeVarints } from './varint';
import { decodeModel, encodeModel, MODEL_PREFIX } from './model-codec';

export { decodeStrings, encodeStrings };

/** 4: word-packed strings, numeric columns as byte planes and deltas (3: plain columns). */
export const SHARD_VERSION = 4;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

type Writer = (name: string, bytes: Uint8Array) => void;

export function encodeShard(
  shard: Shard,
  deflate: Deflate,
): { bytes: Uint8Array; sizes: SectionSize[] } {
  const sections: { name: string; bytes: Uint8Array; compress: boolean }[] = [];
  const put: Writer = (name, bytes) => sections.push({ name, bytes, compress: bytes.length > 64 });
  put('info', utf8.encode(JSON.stringify(shard.info)));
  encodeCatalogue(shard.catalogue, put, (bytes) => deflate(bytes).length);
  encodeRatings(shard.ratings, shard.catalogue.size, put);
  if (shard.model) encodeModel(shard.model, put);
  return writeContainer(SHARD_VERSION, sections, deflate);
}

/** Throws ShardError for anything that is not a complete, intact shard of this version. */
export async function decodeShard(bytes: Uint8Array): Promise<Shard> {
  let sections: Map<string, Uint8Array>;
  let damaged: Map<string, string>;
  try {
    ({ sections, damaged } = await readContainer(bytes, SHARD_VERSION, (name) =>
      name.startsWith(MODEL_PREFIX),
    ));
  } catch (error) {
    if (error instanceof ShardError) throw error;
    throw new ShardError('corrupt', `The dataset file is damaged: ${String(error)}`);
  }
  const get = (name: string): Uint8Array => {
    const section = sections.get(name);
    if (!section) throw new ShardError('corrupt', `The dataset lacks its "${name}" section.`);
    return section;
  };
  try {
    const info = JSON.parse(utf8Decoder.decode(get('info'))) as ShardInfo;
    const catalogue = decodeCatalogue(get);
    const ratings = decodeRatings(get, catalogue.size);
    return {
      info,
      catalogue,
      ratings,
      ...decodeOptionalModel(sections, damaged, catalogue, ratings),
    };
  } catch (error) {
    if (error instanceof ShardError) throw error;
    throw new ShardError('corrupt', `The dataset file is inconsistent: ${String(error)}`);
  }
}

/** The model, or why it cannot be used: a damaged model leaves the rest of the shard usable. */
function decodeOptionalModel(
  sections: Map<string, Uint8Array>,
  damaged: Map<string, string>,
  catalogue: Catalogue,
  ratings: Ratings,
): Pick<Shard, 'model' | 'modelProblem'> {
  const [problem] = damaged.values();
  if (problem) return { model: null, modelProblem: problem };
  if (![...sections.keys()].some((name) => name.startsWith(MODEL_PREFIX))) return {};
  try {
    const get = (name: string) => {
      const section = sections.get(name);
      if (!section) throw new RangeError(`the model lacks its "${name}" section`);
      return section;
    };
    const has = (name: string) => sections.has(name);
    return { model: decodeModel(get, catalogue.size, ratings.userCount, has) };
  } catch (error) {
    return {
      model: null,
      modelProblem: `The model in the dataset is inconsistent: ${String(error)}`,
    };
  }
}

function encodeRatings(r: Ratings, catalogueSize: number, put: Writer): void {
  put('ratings.tables', encodeStrings(r.tables));
  put('ratings.userTable', r.userTable);
  put('ratings.userSourceId', bytesOf(r.userSourceId));
  const lengths = new Uint32Array(r.userCount);
  const gaps = new Uint32Array(r.entryCount);
  const values = new Uint8Array(r.entryCount);
  for (let u = 0; u < r.userCount; u++) {
    const start = r.rowPtr[u]!;
    const end = r.rowPtr[u + 1]!;
    lengths[u] = end - start;
    let previous = -1;
    for (let e = start; e < end; e++) {
      const anime = r.anime[e]!;
      if (anime <= previous || anime >= catalogueSize) {
        throw new RangeError(`user ${u}: entries must be unique, ascending catalogue indices`);
      }
      gaps[e] = anime - previous - 1;
      previous = anime;
      values[e] = r.score[e]! | (r.status[e]! << 4);
    }
  }
  put('ratings.lengths', encodeVarints(lengths));
  put('ratings.gaps', encodeVarints(gaps));
  put('ratings.values', values);
}

function decodeRatings(get: (name: string) => Uint8Array, catalogueSize: number): Ratings {
  const tables = decodeStrings(get('ratings.tables'));
  const userTable = get('ratings.userTable');
  const userSourceId = u32(get('ratings.userSourceId'));
  const userCount = userTable.length;
  expectLength('userSourceId', userSourceId.length, userCount);
  const lengths = decodeVarints(get('ratings.lengths'), userCount);
  const rowPtr = new Uint32Array(userCount + 1);
  for (let u = 0; u < userCount; u++) rowPtr[u + 1] = rowPtr[u]! + lengths[u]!;
  const entryCount = rowPtr[userCount]!;
  const values = get('ratings.values');
  expectLength('ratings.values', values.length, entryCount);
  const anime = decodeVarints(get('ratings.gaps'), entryCount);
  const score = new Uint8Array(entryCount);
  const status = new Uint8Array(entryCount);
  for (let u = 0; u < userCount; u++) {
    let previous = -1;
    for (let e = rowPtr[u]!, end = rowPtr[u + 1]!; e < end; e++) {
      previous += anime[e]! + 1;
      anime[e] = previous;
      score[e] = values[e]! & 0x0f;
      status[e] = values[e]! >> 4;
    }
    if (previous >= catalogueSize) throw new RangeError(`user ${u} rates an unknown anime`);
  }
  for (const t of userTable) if (t >= tables.length) throw new RangeError('unknown user table');
  return { userCount, entryCount, tables, userTable, userSourceId, rowPtr, anime, score, status };
}

function bytesOf(array: Uint16Array | Uint32Array | Uint8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function u32(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 4) throw new RangeError('bad length for a 32-bit column');
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
