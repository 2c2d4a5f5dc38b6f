/**
 * The catalogue as shard sections, one or a few per column. Strings are word-packed (frequent
 * words as one- or two-byte codes, `word-pack.ts`); numbers as byte planes or deltas
 * (`column-codecs.ts`); labelled columns as label lists and codes; where-to-watch links as site
 * codes and ids grouped by site.
 */
import { decodeDeltas, encodeDeltas, fromPlanes, toPlanes } from './column-codecs';
import { bytesOf, expectLength, view, type Writer } from './section-arrays';
import type { Catalogue, DictColumn, MultiColumn, WatchColumn, WatchSite } from './shard-types';
import { decodeStrings, encodeStrings } from './strings';
import { decodeVarints, encodeVarints } from './varint';
import { packStrings, unpackStrings, type Measure } from './word-pack';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

type Getter = (name: string) => Uint8Array;

const TEXT = [
  'title',
  'titleEnglish',
  'titleJapanese',
  'titleSynonyms',
  'synopsis',
  'officialSite',
] as const;

export function encodeCatalogue(c: Catalogue, put: Writer, measure: Measure): void {
  put('catalogue.malId', toPlanes(c.malId));
  for (const key of TEXT) putPacked(`catalogue.${key}`, c[key], put, measure);
  for (const key of ['type', 'source', 'ageRating'] as const) encodeDict(key, c[key], put);
  for (const key of ['episodes', 'year', 'score'] as const)
    put(`catalogue.${key}`, toPlanes(c[key]));
  put('catalogue.season', c.season);
  put('catalogue.flags', c.flags);
  // Ordered by members, most first: each step from the one before is small.
  put('catalogue.members', encodeDeltas(c.members));
  put('catalogue.airedFrom', bytesOf(c.airedFrom));
  // The last air date as days after the first: small numbers (a cour is ~84) compress well.
  put(
    'catalogue.airedSpan',
    encodeVarints(Uint16Array.from(c.airedTo, (to, i) => (to ? to - c.airedFrom[i]! + 1 : 0))),
  );
  for (const key of ['genres', 'themes', 'studios'] as const) encodeMulti(key, c[key], put);
  encodeWatch(c.watch, put, measure);
}

export function decodeCatalogue(get: Getter): Catalogue {
  const malId = fromPlanes(get('catalogue.malId'), Uint32Array);
  const size = malId.length;
  const strings = (key: string) => {
    const list = getPacked(`catalogue.${key}`, get);
    expectLength(key, list.length, size);
    return list;
  };
  const column = <T extends { length: number }>(key: string, values: T): T => {
    expectLength(key, values.length, size);
    return values;
  };
  const dict = (key: string) => decodeDict(key, get, size);
  const multi = (key: string) => decodeMulti(key, get, size);
  const airedFrom = view(get('catalogue.airedFrom'), Uint16Array, size, 'airedFrom');
  const span = decodeVarints(get('catalogue.airedSpan'), size);
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
    episodes: column('episodes', fromPlanes(get('catalogue.episodes'), Uint16Array)),
    year: column('year', fromPlanes(get('catalogue.year'), Uint16Array)),
    season: column('season', get('catalogue.season')),
    score: column('score', fromPlanes(get('catalogue.score'), Uint16Array)),
    members: decodeDeltas(get('catalogue.members'), size),
    flags: column('flags', get('catalogue.flags')),
    genres: multi('genres'),
    themes: multi('themes'),
    studios: multi('studios'),
    airedFrom,
    airedTo: Uint16Array.from(span, (s, i) => (s ? airedFrom[i]! + s - 1 : 0)),
    officialSite: strings('officialSite'),
    watch: decodeWatch(get, size),
  };
}

function putPacked(name: string, list: string[], put: Writer, measure: Measure): void {
  const { body, words } = packStrings(list, measure);
  put(name, body);
  put(`${name}.words`, words);
}

function getPacked(name: string, get: Getter): string[] {
  return unpackStrings(get(name), get(`${name}.words`));
}

function encodeWatch(w: WatchColumn, put: Writer, measure: Measure): void {
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
  const grouped = siteMajor(w.site, w.sites.length).map((k) => w.ids[k]!);
  putPacked('catalogue.watch.ids', grouped, put, measure);
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

function decodeWatch(get: Getter, size: number): WatchColumn {
  const sites = JSON.parse(utf8Decoder.decode(get('catalogue.watch.sites'))) as WatchSite[];
  if (!Array.isArray(sites)) throw new RangeError('watch sites are not a list');
  const counts = get('catalogue.watch.counts');
  expectLength('watch', counts.length, size);
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const site = get('catalogue.watch.site');
  const stored = getPacked('catalogue.watch.ids', get);
  expectLength('watch sites', site.length, offsets[size]!);
  expectLength('watch ids', stored.length, offsets[size]!);
  for (const s of site) if (s >= sites.length) throw new RangeError('bad watch site code');
  const ids = new Array<string>(stored.length);
  siteMajor(site, sites.length).forEach((k, n) => (ids[k] = stored[n]!));
  return { sites, offsets, site, ids };
}

function encodeDict(key: string, column: DictColumn, put: Writer): void {
  put(`catalogue.${key}.labels`, encodeStrings(column.labels));
  put(`catalogue.${key}`, column.codes);
}

function decodeDict(key: string, get: Getter, size: number): DictColumn {
  const labels = decodeStrings(get(`catalogue.${key}.labels`));
  const codes = get(`catalogue.${key}`);
  expectLength(key, codes.length, size);
  for (const code of codes) if (code >= labels.length) throw new RangeError(`bad ${key} code`);
  return { labels, codes };
}

/** Labels, a count per anime, and the label codes as varints (most are under 128: one byte). */
function encodeMulti(key: string, column: MultiColumn, put: Writer): void {
  const counts = new Uint8Array(column.offsets.length - 1);
  for (let i = 0; i < counts.length; i++) {
    const count = column.offsets[i + 1]! - column.offsets[i]!;
    if (count > 255) throw new RangeError(`${key}: anime ${i} has ${count} values`);
    counts[i] = count;
  }
  put(`catalogue.${key}.labels`, encodeStrings(column.labels));
  put(`catalogue.${key}.counts`, counts);
  put(`catalogue.${key}`, encodeVarints(column.values));
}

function decodeMulti(key: string, get: Getter, size: number): MultiColumn {
  const labels = decodeStrings(get(`catalogue.${key}.labels`));
  const counts = get(`catalogue.${key}.counts`);
  expectLength(key, counts.length, size);
  const offsets = new Uint32Array(size + 1);
  for (let i = 0; i < size; i++) offsets[i + 1] = offsets[i]! + counts[i]!;
  const codes = decodeVarints(get(`catalogue.${key}`), offsets[size]!);
  for (const v of codes) if (v >= labels.length) throw new RangeError(`bad ${key} code`);
  return { labels, offsets, values: Uint16Array.from(codes) };
}
