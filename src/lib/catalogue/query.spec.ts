import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import { emptyQuery, runQuery } from './query';
import { searchTitles } from './search';
import { buildSearchIndex } from './search-index';
import { normaliseTitle } from './title-text';

const { catalogue } = makeTestShard();
const index = buildSearchIndex(catalogue);
const ids = (list: number[] | null) => (list ?? []).map((i) => catalogue.malId[i]);

describe('title search', () => {
  it('normalises case, accents and punctuation', () => {
    expect(normaliseTitle('  Fullmetal Alchemist: Brotherhood!')).toBe(
      'fullmetal alchemist brotherhood',
    );
    expect(normaliseTitle('Pokémon — Kimi ni Kimeta')).toBe('pokemon kimi ni kimeta');
    expect(normaliseTitle("JoJo's")).toBe('jojos');
  });

  it('finds by romaji, English, synonym and Japanese titles', () => {
    expect(ids(searchTitles(index, 'shingeki no kyojin'))).toEqual([16498]);
    expect(ids(searchTitles(index, 'attack on titan'))).toEqual([16498]);
    expect(ids(searchTitles(index, 'FMAB'))).toEqual([5114]);
    expect(ids(searchTitles(index, '進撃'))).toEqual([16498]);
  });

  it('forgives a typo per word and missing punctuation', () => {
    expect(ids(searchTitles(index, 'shingeki no kyojn'))).toEqual([16498]);
    expect(ids(searchTitles(index, 'fullmetal alchemist brotherhod'))).toEqual([5114]);
    expect(ids(searchTitles(index, 'cowbyo bebop'))).toEqual([1]);
  });

  it('returns null for an empty query and nothing for nonsense', () => {
    expect(searchTitles(index, '  ')).toBeNull();
    expect(searchTitles(index, 'zzqxj')).toEqual([]);
  });
});

describe('catalogue query', () => {
  it('without the search index yet: filters as usual, and a text query finds nothing so far', () => {
    expect(ids(runQuery(catalogue, null, emptyQuery()))).toEqual([16498, 5114, 1]);
    expect(ids(runQuery(catalogue, null, { ...emptyQuery(), text: 'bebop' }))).toEqual([]);
    expect(ids(runQuery(catalogue, null, { ...emptyQuery(), text: '  ' }))).toEqual([
      16498, 5114, 1,
    ]);
  });

  it('hides adult titles unless asked and sorts by popularity by default', () => {
    expect(ids(runQuery(catalogue, index, emptyQuery()))).toEqual([16498, 5114, 1]);
    expect(ids(runQuery(catalogue, index, { ...emptyQuery(), showAdult: true }))).toContain(9326);
  });

  it('filters by genre, type, year and episodes', () => {
    const q = emptyQuery();
    expect(ids(runQuery(catalogue, index, { ...q, genres: ['Drama'] }))).toEqual([16498, 5114]);
    expect(
      ids(runQuery(catalogue, index, { ...q, genres: ['Drama', 'Hentai'], showAdult: true })),
    ).toEqual([]);
    expect(ids(runQuery(catalogue, index, { ...q, type: 'OVA', showAdult: true }))).toEqual([9326]);
    expect(ids(runQuery(catalogue, index, { ...q, yearFrom: 2000, yearTo: 2010 }))).toEqual([5114]);
    expect(ids(runQuery(catalogue, index, { ...q, episodesMin: 26, episodesMax: 30 }))).toEqual([
      1,
    ]);
  });

  it('sorts by score, year and title', () => {
    const q = emptyQuery();
    expect(ids(runQuery(catalogue, index, { ...q, sort: 'score' }))).toEqual([5114, 1, 16498]);
    expect(ids(runQuery(catalogue, index, { ...q, sort: 'newest' }))).toEqual([16498, 5114, 1]);
    expect(ids(runQuery(catalogue, index, { ...q, sort: 'title' }))).toEqual([1, 5114, 16498]);
  });

  it('keeps search relevance unless another sort is chosen', () => {
    expect(ids(runQuery(catalogue, index, { ...emptyQuery(), text: 'bebop' }))).toEqual([1]);
  });
});
