/** Filtering and sorting the catalogue: a pure function of the catalogue, the search index and the query. */
import type { Catalogue, MultiColumn } from '$lib/data/shard-types';
import { FLAG_ADULT } from '$lib/data/shard-types';
import { searchTitles } from './search';
import type { SearchIndex } from './search-index';
import { foldTitle } from './title-text';

export type SortKey = 'relevance' | 'popularity' | 'score' | 'newest' | 'title';

export interface CatalogueQuery {
  text: string;
  /** Genre or theme labels that must all be present. */
  genres: string[];
  /** Type label ('' = any). */
  type: string;
  yearFrom: number | null;
  yearTo: number | null;
  episodesMin: number | null;
  episodesMax: number | null;
  showAdult: boolean;
  sort: SortKey;
}

export function emptyQuery(): CatalogueQuery {
  return {
    text: '',
    genres: [],
    type: '',
    yearFrom: null,
    yearTo: null,
    episodesMin: null,
    episodesMax: null,
    showAdult: false,
    sort: 'relevance',
  };
}

/** `index` null: the search index is not here yet, and a query with text finds nothing so far. */
export function runQuery(c: Catalogue, index: SearchIndex | null, q: CatalogueQuery): number[] {
  const searched = index ? searchTitles(index, q.text) : foldTitle(q.text) ? [] : null;
  const candidates = searched ?? Array.from({ length: c.size }, (_, i) => i);
  const matches = makeFilter(c, q);
  const result = candidates.filter(matches);
  const sort =
    q.sort === 'relevance' && searched ? null : q.sort === 'relevance' ? 'popularity' : q.sort;
  return sort ? sortIndices(c, result, sort) : result;
}

function makeFilter(c: Catalogue, q: CatalogueQuery): (i: number) => boolean {
  const typeCode = q.type ? c.type.labels.indexOf(q.type) : -1;
  const wanted = q.genres.map((g) => ({
    genre: c.genres.labels.indexOf(g),
    theme: c.themes.labels.indexOf(g),
  }));
  return (i) => {
    if (!q.showAdult && c.flags[i]! & FLAG_ADULT) return false;
    if (q.type && c.type.codes[i] !== typeCode) return false;
    const year = c.year[i]!;
    if (q.yearFrom !== null && (year === 0 || year < q.yearFrom)) return false;
    if (q.yearTo !== null && (year === 0 || year > q.yearTo)) return false;
    const episodes = c.episodes[i]!;
    if (q.episodesMin !== null && (episodes === 0 || episodes < q.episodesMin)) return false;
    if (q.episodesMax !== null && (episodes === 0 || episodes > q.episodesMax)) return false;
    return wanted.every(({ genre, theme }) => has(c.genres, i, genre) || has(c.themes, i, theme));
  };
}

export function has(column: MultiColumn, i: number, code: number): boolean {
  if (code < 0) return false;
  for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++)
    if (column.values[k] === code) return true;
  return false;
}

function sortIndices(c: Catalogue, list: number[], key: Exclude<SortKey, 'relevance'>): number[] {
  const by: Record<typeof key, (a: number, b: number) => number> = {
    popularity: (a, b) => c.members[b]! - c.members[a]!,
    score: (a, b) => c.score[b]! - c.score[a]!,
    newest: (a, b) => c.year[b]! - c.year[a]! || c.season[b]! - c.season[a]!,
    title: (a, b) => (c.title[a] || '\uffff').localeCompare(c.title[b] || '\uffff'),
  };
  return list.sort((a, b) => by[key](a, b) || a - b);
}
