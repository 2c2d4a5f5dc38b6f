/**
 * Content-based scoring: each anime is a sparse, IDF-weighted, unit-length vector of its genres,
 * themes, studios, source and distinctive synopsis words. A user's profile is the sum of the
 * vectors of what they watched, weighted by their own scores centred on their mean, so low
 * scores and dropped shows pull the profile away from what they share.
 */
import type { Catalogue, MultiColumn } from '$lib/data/shard-types';
import { Feedback } from '$lib/model/interactions';

export interface ContentIndex {
  size: number;
  /** Feature names, for explanations ("g:Action", "w:titan"). */
  vocabulary: string[];
  /** Anime i's features are features[offsets[i] .. offsets[i + 1]), with their weights. */
  offsets: Uint32Array;
  features: Uint32Array;
  weights: Float32Array;
}

/** How much each kind of feature counts before IDF (synopsis words are many and noisy). */
const KIND_WEIGHT = { g: 1, t: 1, s: 0.8, src: 0.4, w: 0.35 } as const;
const WORDS_PER_SYNOPSIS = 25;
const STOPWORDS = new Set(
  (
    'the and for with that this from their they them his her she him has have had was were are ' +
    'but not all one two when who what which into out over after before while where there then ' +
    'than also its it’s each other only more most about being been will would can could just ' +
    'however because through during between under again first new must even own life world ' +
    'written source rewrite mal anime series story season episode episodes film movie'
  ).split(' '),
);

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'’-]{2,}/g) ?? []).filter((w) => !STOPWORDS.has(w));
}

function labelsOf(column: MultiColumn, i: number): string[] {
  const out: string[] = [];
  for (let k = column.offsets[i]!; k < column.offsets[i + 1]!; k++)
    out.push(column.labels[column.values[k]!]!);
  return out;
}

/** Raw (feature, weight) lists per anime before IDF. */
function rawFeatures(c: Catalogue, i: number): Map<string, number> {
  const features = new Map<string, number>();
  labelsOf(c.genres, i).forEach((g) => features.set(`g:${g}`, KIND_WEIGHT.g));
  labelsOf(c.themes, i).forEach((t) => features.set(`t:${t}`, KIND_WEIGHT.t));
  labelsOf(c.studios, i).forEach((s) => features.set(`s:${s}`, KIND_WEIGHT.s));
  const source = c.source.labels[c.source.codes[i]!];
  if (source) features.set(`src:${source}`, KIND_WEIGHT.src);
  const counts = new Map<string, number>();
  for (const word of tokenize(c.synopsis[i]!)) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, n] of counts) features.set(`w:${word}`, KIND_WEIGHT.w * (1 + Math.log(n)));
  return features;
}

export function buildContentIndex(c: Catalogue): ContentIndex {
  const perAnime = Array.from({ length: c.size }, (_, i) => rawFeatures(c, i));
  const df = new Map<string, number>();
  for (const features of perAnime)
    for (const name of features.keys()) df.set(name, (df.get(name) ?? 0) + 1);
  const idf = (name: string) => Math.log((c.size + 1) / (df.get(name)! + 1)) + 1;
  const ids = new Map<string, number>();
  const offsets = new Uint32Array(c.size + 1);
  const features: number[] = [];
  const weights: number[] = [];
  perAnime.forEach((raw, i) => {
    let entries = [...raw].map(([name, w]) => [name, w * idf(name)] as [string, number]);
    // Keep only the most distinctive synopsis words.
    const words = entries.filter(([n]) => n.startsWith('w:')).sort((a, b) => b[1] - a[1]);
    const kept = new Set(words.slice(0, WORDS_PER_SYNOPSIS).map(([n]) => n));
    entries = entries.filter(([n]) => !n.startsWith('w:') || kept.has(n));
    const norm = Math.hypot(...entries.map(([, w]) => w)) || 1;
    for (const [name, w] of entries) {
      if (!ids.has(name)) ids.set(name, ids.size);
      features.push(ids.get(name)!);
      weights.push(w / norm);
    }
    offsets[i + 1] = features.length;
  });
  return {
    size: c.size,
    vocabulary: [...ids.keys()],
    offsets,
    features: Uint32Array.from(features),
    weights: Float32Array.from(weights),
  };
}

/** How much an entry pulls the profile: centred score, or ±1 for unscored likes and drops. */
export function entryWeights(scores: ArrayLike<number>, feedback: ArrayLike<number>): Float32Array {
  let sum = 0;
  let scored = 0;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k]! > 0) {
      sum += scores[k]!;
      scored++;
    }
  }
  const mean = scored ? sum / scored : 0;
  return Float32Array.from({ length: scores.length }, (_, k) => {
    const score = scores[k]!;
    if (feedback[k] === Feedback.negative && score === 0) return -1;
    if (score > 0)
      return feedback[k] === Feedback.negative ? Math.min(score - mean, -1) : score - mean;
    return feedback[k] === Feedback.positive ? 1 : 0;
  });
}

export function userProfile(
  index: ContentIndex,
  items: ArrayLike<number>,
  weights: ArrayLike<number>,
): Float32Array {
  const profile = new Float32Array(index.vocabulary.length);
  for (let k = 0; k < items.length; k++) {
    const w = weights[k]!;
    if (w === 0) continue;
    const i = items[k]!;
    for (let f = index.offsets[i]!; f < index.offsets[i + 1]!; f++)
      profile[index.features[f]!]! += w * index.weights[f]!;
  }
  return profile;
}

/** The profile's dot product with every anime (its content score). */
export function contentScores(
  index: ContentIndex,
  profile: Float32Array,
  out = new Float32Array(index.size),
): Float32Array {
  for (let i = 0; i < index.size; i++) {
    let dot = 0;
    for (let f = index.offsets[i]!; f < index.offsets[i + 1]!; f++)
      dot += profile[index.features[f]!]! * index.weights[f]!;
    out[i] = dot;
  }
  return out;
}
