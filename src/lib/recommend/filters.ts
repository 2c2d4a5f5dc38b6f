/** The page's filters, and the test each anime must pass. */
import type { Catalogue } from '$lib/data/shard-types';
import { has } from '$lib/catalogue/query';

export interface RecommendFilters {
  /** Genre or theme labels that must all be present. */
  include: string[];
  /** Genre or theme labels none of which may be present. */
  exclude: string[];
  /** Type labels allowed (empty = any). */
  types: string[];
  /** Season indices (1 = Winter … 4 = Fall) allowed (empty = any). */
  seasons: number[];
  yearFrom: number | null;
  yearTo: number | null;
  episodesMin: number | null;
  episodesMax: number | null;
  minMembers: number | null;
}

export function noFilters(): RecommendFilters {
  return {
    include: [],
    exclude: [],
    types: [],
    seasons: [],
    yearFrom: null,
    yearTo: null,
    episodesMin: null,
    episodesMax: null,
    minMembers: null,
  };
}

export function makeFilter(c: Catalogue, f: RecommendFilters): (i: number) => boolean {
  const codes = (labels: string[]) =>
    labels.map((l) => ({ genre: c.genres.labels.indexOf(l), theme: c.themes.labels.indexOf(l) }));
  const include = codes(f.include);
  const exclude = codes(f.exclude);
  const tagged = (i: number, tag: { genre: number; theme: number }) =>
    has(c.genres, i, tag.genre) || has(c.themes, i, tag.theme);
  const types = new Set(f.types.map((t) => c.type.labels.indexOf(t)));
  const seasons = new Set(f.seasons);
  const { yearFrom, yearTo, episodesMin, episodesMax, minMembers } = f;
  const outside = (value: number, low: number | null, high: number | null) =>
    (low !== null || high !== null) &&
    (value === 0 || (low !== null && value < low) || (high !== null && value > high));
  return (i) => {
    if (types.size && !types.has(c.type.codes[i]!)) return false;
    if (seasons.size && !seasons.has(c.season[i]!)) return false;
    if (outside(c.year[i]!, yearFrom, yearTo)) return false;
    if (outside(c.episodes[i]!, episodesMin, episodesMax)) return false;
    if (minMembers !== null && c.members[i]! < minMembers) return false;
    if (!include.every((tag) => tagged(i, tag))) return false;
    return !exclude.some((tag) => tagged(i, tag));
  };
}
