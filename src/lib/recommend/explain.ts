/** Why an anime is recommended: the reasons each kind of recommender can give. */
import type { NcfModel } from '$lib/model/ncf-model';
import type { ContentIndex } from './content';
import type { Regard } from './regard';

export interface Explanation {
  index: number;
  /** The seen entry of its franchise that it follows (a sequel of something on the list). */
  continues: number | null;
  /** Loved anime (other franchises) whose item-kNN neighbours include it. */
  fansOf: number[];
  /** Catalogue indices of anime the user loved that the model places nearest to this one. */
  becauseYouLiked: number[];
  /** How many of the nearest users loved it, out of `neighbourCount`. */
  lovedByNeighbours: number;
  neighbourCount: number;
  /** Genres, themes, studios and source it shares with what the user rates highly. */
  sharedFeatures: string[];
  /** How the user regards each title named above (their score, in words). */
  regard: Record<number, Regard>;
}

/** A pick's reasons before the signals give theirs. */
export function noReasons(): Omit<Explanation, 'index' | 'continues'> {
  return {
    fansOf: [],
    becauseYouLiked: [],
    lovedByNeighbours: 0,
    neighbourCount: 0,
    sharedFeatures: [],
    regard: {},
  };
}

/** The first anime of each franchise, in order ("fans of GATE and GATE" names one show twice). */
export function onePerFranchise(indices: number[], group: Int32Array): number[] {
  const seen = new Set<number>();
  return indices.filter((i) => !seen.has(group[i]!) && seen.add(group[i]!));
}

/** Length of every anime embedding, for cosine similarity. */
export function itemNorms(model: NcfModel): Float32Array {
  const norms = new Float32Array(model.itemCount);
  for (let i = 0; i < model.itemCount; i++) {
    let squares = 0;
    for (let d = 0; d < model.dim; d++) squares += model.items[i * model.dim + d]! ** 2;
    norms[i] = Math.sqrt(squares) || 1;
  }
  return norms;
}

const MIN_SIMILARITY = 0.15;

/** Up to `n` loved anime most similar to `item` by embedding (cosine above a floor). */
export function mostSimilarLiked(
  model: NcfModel,
  norms: Float32Array,
  liked: ArrayLike<number>,
  item: number,
  n = 2,
): number[] {
  const { dim, items } = model;
  const scored: [number, number][] = [];
  for (let k = 0; k < liked.length; k++) {
    const j = liked[k]!;
    if (j === item) continue;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += items[item * dim + d]! * items[j * dim + d]!;
    const cosine = dot / (norms[item]! * norms[j]!);
    if (cosine >= MIN_SIMILARITY) scored.push([j, cosine]);
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([j]) => j);
}

const LABELLED_KINDS = ['g:', 't:', 's:', 'src:'];

/** Anime `item`'s content vector as a dense profile (to explain what another shares with it). */
export function contentVector(index: ContentIndex, item: number): Float32Array {
  const vector = new Float32Array(index.vocabulary.length);
  for (let f = index.offsets[item]!; f < index.offsets[item + 1]!; f++)
    vector[index.features[f]!] = index.weights[f]!;
  return vector;
}

/** The named features of `item` that pull most towards the user's profile. */
export function sharedFeatures(
  index: ContentIndex,
  profile: Float32Array,
  item: number,
  n = 3,
): string[] {
  const found: [string, number][] = [];
  for (let f = index.offsets[item]!; f < index.offsets[item + 1]!; f++) {
    const feature = index.features[f]!;
    const name = index.vocabulary[feature]!;
    const pull = profile[feature]! * index.weights[f]!;
    if (pull <= 0 || !LABELLED_KINDS.some((kind) => name.startsWith(kind))) continue;
    const label = name.slice(name.indexOf(':') + 1);
    found.push([name.startsWith('src:') ? `${label} source` : label, pull]);
  }
  return found
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([label]) => label);
}
