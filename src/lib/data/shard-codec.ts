/**
 * Encodes a Shard into the container's named sections and back. The same module runs in Node
 * (the builder, tests, benchmarks) and in the browser.
 *
 * Catalogue: one section per column (typed arrays little-endian; strings UTF-8 joined by NUL;
 * multi-valued columns as per-anime counts plus value codes). Ratings: per-user entry counts as
 * varints, catalogue indices as varint gaps (ascending within a user, catalogue ordered by
 * popularity so gaps stay small), and one byte per entry holding score | status << 4.
 * Where to watch: the sites as JSON, per-anime link counts, one site byte and one id per link.
 * Every section except tiny ones is deflated.
 */
import {
  readContainer,
  ShardError,
  writeContainer,
  type Deflate,
  type SectionSize,
} from './sections';
import type {
  Catalogue,
  DictColumn,
  MultiColumn,
  Ratings,
  Shard,
  ShardInfo,
  WatchColumn,
  WatchSite,
} from './shard-types';
import { decodeVarints, encodeVarints } from './varint';
import { decodeModel, encodeModel, MODEL_PREFIX } from './model-codec';

export const SHARD_VERSION = 3;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
const SEP = '\u0000';

type Writer = (name: string, bytes: Uint8Array) => void;

export function encodeShard(
  shard: Shard,
  deflate: Deflate,
): { bytes: Uint8Array; sizes: SectionSize[] } {
  const sections: { name: string; bytes: Uint8Array; compress: boolean }[] = [];
  const put: Writer = (name, bytes) => sections.push({ name, bytes, compress: bytes.length > 64 });
  put('info', utf8.encode(JSON.stringify(shard.info)));
  encodeCatalogue(shard.catalogue, put);
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

function encodeCatalogue(c: Catalogue, put: Writer): void {
  put('catalogue.malId', bytesOf(c.malId));
  for (const key of [
    'title',
    'titleEnglish',
    'titleJapanese',
    'titleSynonyms',
    'synopsis',
    'officialSite',
  ] as const) {
    put(`catalogue.${key}`, encodeStrings(c[key]));
  }
  for (const key of ['type', 'source', 'ageRating'] as const) encodeDict(key, c[key], put);
  for (const key of [
    'episodes',
    'year',
    'season',
    'score',
    'members',
    'flags',
    'airedFrom',
  ] as const) {
    put(`catalogue.${key}`, bytesOf(c[key]));
  }
  // The last air date as days after the first: small numbers (a cour is ~84) compress well.
  const span = Uint16Array.from(c.airedTo, (to, i) => (to ? to - c.airedFrom[i]! + 1 : 0));
  put('catalogue.airedSpan', bytesOf(span));
  for (const key of ['genres', 'themes', 'studios'] as const) encodeMulti(key, c[key], put);
  encodeWatch(c.watch, put);
}

function decodeCatalogue(get: (name: string) => Uint8Array): Catalogue {
  const malId = u32(get('catalogue.malId'));
  const size = malId.length;
  const strings = (key: string) => {
    const list = decodeStrings(get(`catalogue.${key}`));
    expectLength(key, list.length, size);
    return list;
  };
  const column = <T extends { length: number }>(key: string, view: (b: Uint8Array) => T): T => {
    const values = view(get(`catalogue.${key}`));
    expectLength(key, values.length, size);
    return values;
  };
  const dict = (key: string) => decodeDict(key, get, size);
  const multi = (key: string) => decodeMulti(key, get, size);
  const airedFrom = column('airedFrom', u16);
  return {
    size,
    malId,
    title: strings('title'),
    titleEnglish: strings('titleEnglish'),
    titleJapanese: strings('titleJapanese'),
    titleSynonyms: strings('titleSynonyms'),
    synopsis: strings('synopsis'),
    type: dict('type'),
    source: dict('source'),
    ageRating: dict('ageRating'),
    episodes: column('episodes', u16),
    year: column('year', u16),
    season: column('season', (b) => b),
    score: column('score', u16),
    members: column('members', u32),
    flags: column('flags', (b) => b),
    genres: multi('genres'),
    themes: multi('themes'),
    studios: multi('studios'),
    airedFrom,
    airedTo: column('airedSpan', (b) =>
      u16(b).map((span, i) => (span ? airedFrom[i]! + span - 1 : 0)),
    ),
    officialSite: strings('officialSite'),
    watch: decodeWatch(get, size),
  };
}

function encodeWatch(w: WatchColumn, put: Writer): void {
  const counts = new Uint8Array(w.offsets.length - 1);
  for (let i = 0; i < counts.length; i++) {
    const count = w.offsets[i + 1]! - w.offsets[i]!;
    if (count > 255) throw new RangeError(`watch: anime ${i} has ${count} links`);
    counts[i] = count;
  }
  if (w.sites.length > 256) throw new RangeError('watch: too many sites for a one-byte code');
  expectLength('watch ids', w.ids.length, w.site.length);
  put('catalogue.watch.sites', utf8.encode(JSON.stringify(w.sites)));
  put('catalogue.watch.counts', counts);
  put('catalogue.watch.site', w.site);
  put(
    'catalogue.watch.ids',
    encodeStrings(siteMajor(w.site, w.sites.length).map((k) => w.ids[k]!)),
  );
}

/**
 * Link positions grouped by site (each site's ids look alike, so they compress better side by
 * side), in catalogue order within a site. The decoder knows the site of every link, so it can
 * rebuild this order and put each id back in its place.
 */
function siteMajor(site: Uint8Array, siteCount: number): number[] {
  const bySite: number[][] = Array.from({ length: siteCount }, () => []);
  site.forEach((s, k) => bySite[s]?.push(k));
  return bySite.flat();
}

function decodeWatch(get: (name: string) => Uint8Array, size: number): WatchColumn {
  const sites = JSON.parse(utf8Decoder.decode(get('catalogue.watch.sites'))) as WatchSite[];
  if (!Array.isArray(sites)) throw new RangeError('watch sites are not a list');
  const counts = get('catalogue.watch.counts');
  expectLength('watch', counts.length, size);
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const site = get('catalogue.watch.site');
  const stored = decodeStrings(get('catalogue.watch.ids'));
  expectLength('watch sites', site.length, offsets[size]!);
  expectLength('watch ids', stored.length, offsets[size]!);
  for (const s of site) if (s >= sites.length) throw new RangeError('bad watch site code');
  const ids = new Array<string>(stored.length);
  siteMajor(site, sites.length).forEach((k, n) => (ids[k] = stored[n]!));
  return { sites, offsets, site, ids };
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

function encodeDict(key: string, column: DictColumn, put: Writer): void {
  put(`catalogue.${key}.labels`, encodeStrings(column.labels));
  put(`catalogue.${key}`, column.codes);
}

function decodeDict(key: string, get: (name: string) => Uint8Array, size: number): DictColumn {
  const labels = decodeStrings(get(`catalogue.${key}.labels`));
  const codes = get(`catalogue.${key}`);
  expectLength(key, codes.length, size);
  for (const code of codes) if (code >= labels.length) throw new RangeError(`bad ${key} code`);
  return { labels, codes };
}

function encodeMulti(key: string, column: MultiColumn, put: Writer): void {
  const counts = new Uint8Array(column.offsets.length - 1);
  for (let i = 0; i < counts.length; i++) {
    const count = column.offsets[i + 1]! - column.offsets[i]!;
    if (count > 255) throw new RangeError(`${key}: anime ${i} has ${count} values`);
    counts[i] = count;
  }
  put(`catalogue.${key}.labels`, encodeStrings(column.labels));
  put(`catalogue.${key}.counts`, counts);
  put(`catalogue.${key}`, bytesOf(column.values));
}

function decodeMulti(key: string, get: (name: string) => Uint8Array, size: number): MultiColumn {
  const labels = decodeStrings(get(`catalogue.${key}.labels`));
  const counts = get(`catalogue.${key}.counts`);
  expectLength(key, counts.length, size);
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const values = u16(get(`catalogue.${key}`));
  expectLength(`${key} values`, values.length, offsets[size]!);
  for (const v of values) if (v >= labels.length) throw new RangeError(`bad ${key} code`);
  return { labels, offsets, values };
}

/** Each string is NUL-terminated, so one decode and one split read a whole column. */
export function encodeStrings(list: string[]): Uint8Array {
  return utf8.encode(list.map((s) => s.replaceAll(SEP, '') + SEP).join(''));
}

export function decodeStrings(bytes: Uint8Array): string[] {
  const parts = utf8Decoder.decode(bytes).split(SEP);
  if (parts.pop() !== '') throw new RangeError('string column is not NUL-terminated');
  return parts;
}

function bytesOf(array: Uint16Array | Uint32Array | Uint8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

function u16(bytes: Uint8Array): Uint16Array {
  if (bytes.length % 2) throw new RangeError('odd length for a 16-bit column');
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

function u32(bytes: Uint8Array): Uint32Array {
  if (bytes.length % 4) throw new RangeError('bad length for a 32-bit column');
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

function expectLength(what: string, actual: number, expected: number): void {
  if (actual !== expected) throw new RangeError(`${what}: ${actual} values for ${expected} rows`);
}
