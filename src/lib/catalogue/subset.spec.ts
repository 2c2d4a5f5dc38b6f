import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import type { Catalogue } from '$lib/data/shard-types';
import { catalogueSubset } from './subset';

/** Everything the catalogue says about title i, as plain values. */
function row(c: Catalogue, i: number) {
  const many = (m: Catalogue['genres']) =>
    [...m.values.subarray(m.offsets[i]!, m.offsets[i + 1]!)].map((v) => m.labels[v]);
  const links = [];
  for (let r = c.watch.offsets[i]!; r < c.watch.offsets[i + 1]!; r++) {
    links.push([c.watch.sites[c.watch.site[r]!]!.key, c.watch.ids[r]]);
  }
  return {
    malId: c.malId[i],
    titles: [c.title[i], c.titleEnglish[i], c.titleJapanese[i], c.titleSynonyms[i]],
    synopsis: c.synopsis[i],
    labels: [c.type, c.source, c.ageRating].map((d) => d.labels[d.codes[i]!]),
    numbers: [
      c.episodes,
      c.year,
      c.season,
      c.score,
      c.members,
      c.flags,
      c.airedFrom,
      c.airedTo,
    ].map((column) => column[i]),
    genres: many(c.genres),
    themes: many(c.themes),
    studios: many(c.studios),
    site: c.officialSite[i],
    links,
  };
}

describe('a catalogue of a few titles', () => {
  it('holds each chosen title whole, in the order given', () => {
    const { catalogue } = makeTestShard();
    const indices = [2, 0, 3];
    const subset = catalogueSubset(catalogue, indices);
    expect(subset.size).toBe(3);
    indices.forEach((index, k) => expect(row(subset, k)).toEqual(row(catalogue, index)));
  });

  it('keeps a title with no genres or links empty, not its neighbour’s', () => {
    const { catalogue } = makeTestShard();
    const subset = catalogueSubset(catalogue, [1, 3]);
    expect(row(subset, 0).links).toEqual([]);
    expect(row(subset, 1).genres).toEqual(['Hentai']);
    expect(row(subset, 1).studios).toEqual([]);
  });

  it('is empty for no titles', () => {
    const subset = catalogueSubset(makeTestShard().catalogue, []);
    expect(subset.size).toBe(0);
    expect([...subset.genres.offsets]).toEqual([0]);
  });
});
