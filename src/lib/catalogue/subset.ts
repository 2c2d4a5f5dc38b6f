/** A catalogue of a few of its titles, in the given order: what a stored page of picks shows. */
import type { Catalogue, DictColumn, MultiColumn, WatchColumn } from '$lib/data/shard-types';

type Typed = Uint8Array | Uint16Array | Uint32Array;

function pick<T extends Typed>(column: T, indices: number[]): T {
  const out = new (column.constructor as new (length: number) => T)(indices.length);
  indices.forEach((index, k) => (out[k] = column[index]!));
  return out;
}

const strings = (column: string[], indices: number[]) => indices.map((i) => column[i] ?? '');

const dict = (column: DictColumn, indices: number[]): DictColumn => ({
  labels: column.labels,
  codes: pick(column.codes, indices),
});

/** Rows [offsets[i], offsets[i + 1]) of each index, packed one after the other. */
function ranges(offsets: Uint32Array, indices: number[]): { offsets: Uint32Array; rows: number[] } {
  const out = new Uint32Array(indices.length + 1);
  const rows: number[] = [];
  indices.forEach((index, k) => {
    for (let r = offsets[index]!; r < offsets[index + 1]!; r++) rows.push(r);
    out[k + 1] = rows.length;
  });
  return { offsets: out, rows };
}

function multi(column: MultiColumn, indices: number[]): MultiColumn {
  const { offsets, rows } = ranges(column.offsets, indices);
  return { labels: column.labels, offsets, values: pick(column.values, rows) };
}

function watch(column: WatchColumn, indices: number[]): WatchColumn {
  const { offsets, rows } = ranges(column.offsets, indices);
  return {
    sites: column.sites,
    offsets,
    site: pick(column.site, rows),
    ids: strings(column.ids, rows),
  };
}

/** Title `indices[k]` of `c` is title k of the result. */
export function catalogueSubset(c: Catalogue, indices: number[]): Catalogue {
  return {
    size: indices.length,
    malId: pick(c.malId, indices),
    title: strings(c.title, indices),
    titleEnglish: strings(c.titleEnglish, indices),
    titleJapanese: strings(c.titleJapanese, indices),
    titleSynonyms: strings(c.titleSynonyms, indices),
    synopsis: strings(c.synopsis, indices),
    type: dict(c.type, indices),
    source: dict(c.source, indices),
    ageRating: dict(c.ageRating, indices),
    episodes: pick(c.episodes, indices),
    year: pick(c.year, indices),
    season: pick(c.season, indices),
    score: pick(c.score, indices),
    members: pick(c.members, indices),
    flags: pick(c.flags, indices),
    genres: multi(c.genres, indices),
    themes: multi(c.themes, indices),
    studios: multi(c.studios, indices),
    airedFrom: pick(c.airedFrom, indices),
    airedTo: pick(c.airedTo, indices),
    officialSite: strings(c.officialSite, indices),
    watch: watch(c.watch, indices),
  };
}
