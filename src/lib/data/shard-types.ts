/** The decoded shard: a struct-of-arrays catalogue, the users' lists in CSR form, the model. */
import type { ShippedModel } from './model-codec';

/** Status lives in its own module, so that what the model codec reaches can import it. */
export { Status, type StatusCode } from './status';

export const SEASONS = ['', 'Winter', 'Spring', 'Summer', 'Fall'] as const;

/** A column of small-integer codes into a list of labels (type, source, age rating). */
export interface DictColumn {
  labels: string[];
  codes: Uint8Array;
}

/** A multi-valued column: anime i has values[offsets[i] .. offsets[i + 1]). */
export interface MultiColumn {
  labels: string[];
  offsets: Uint32Array;
  values: Uint16Array;
}

export interface Catalogue {
  size: number;
  malId: Uint32Array;
  title: string[];
  titleEnglish: string[];
  titleJapanese: string[];
  /** Other known titles, joined by '; '. */
  titleSynonyms: string[];
  synopsis: string[];
  type: DictColumn;
  source: DictColumn;
  ageRating: DictColumn;
  /** 0 = unknown. */
  episodes: Uint16Array;
  /** Premiere year, 0 = unknown. */
  year: Uint16Array;
  /** Index into SEASONS, 0 = unknown. */
  season: Uint8Array;
  /** MAL mean score times 100, 0 = unknown. */
  score: Uint16Array;
  members: Uint32Array;
  /** Bit 0: adult (Rx age rating or Hentai genre). */
  flags: Uint8Array;
  genres: MultiColumn;
  themes: MultiColumn;
  studios: MultiColumn;
  /** First and last air date (from bangumi-data), days since 1900-01-01 in Japan time, 0 = unknown. */
  airedFrom: Uint16Array;
  airedTo: Uint16Array;
  /** The official site's URL, '' = unknown. */
  officialSite: string[];
  /** Where to watch: streaming sites and each anime's page on them. */
  watch: WatchColumn;
}

/** A streaming site: its display name, the regions it serves ([] = everywhere) and its URL pattern. */
export interface WatchSite {
  key: string;
  name: string;
  regions: string[];
  /** With `{{id}}` where a link's id goes. */
  urlTemplate: string;
}

/** Anime i's links are [offsets[i], offsets[i + 1]): a site index and an id (or a full URL). */
export interface WatchColumn {
  sites: WatchSite[];
  offsets: Uint32Array;
  site: Uint8Array;
  ids: string[];
}

export const FLAG_ADULT = 1;

export interface Ratings {
  userCount: number;
  entryCount: number;
  /** Label of the table each user came from: ids are only unique within one table. */
  tables: string[];
  userTable: Uint8Array;
  userSourceId: Uint32Array;
  /** User u's entries are [rowPtr[u], rowPtr[u + 1]). */
  rowPtr: Uint32Array;
  /** Catalogue index of each entry, ascending within a user. */
  anime: Uint32Array;
  /** 1–10, 0 = no score. */
  score: Uint8Array;
  status: Uint8Array;
}

export interface ShardInfo {
  /** ISO time of the build. */
  builtAt: string;
  /** Input files (names only) that went into it. */
  inputs: string[];
}

export interface Shard {
  info: ShardInfo;
  catalogue: Catalogue;
  ratings: Ratings;
  /** The model trained at build time; null when the shard has none or it is damaged. */
  model?: ShippedModel | null;
  /** Why `model` is null although the shard should have one (damaged or inconsistent). */
  modelProblem?: string;
}
