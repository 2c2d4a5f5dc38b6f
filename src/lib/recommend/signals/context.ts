/** What every user's signals are built from, and the user fitted once: the types signals share. */
import type { Catalogue, Ratings } from '$lib/data/shard-types';
import type { NcfModel } from '$lib/model/ncf-model';
import type { NegativeSampler } from '$lib/model/negative-sampler';
import type { ContentIndex } from '../content';
import type { SparseEase } from '../ease-sparse';
import type { Franchises } from '../franchise';
import type { ItemKnn } from '../item-knn';
import type { Neighbours } from '../neighbours';

export interface SignalModel {
  model: NcfModel;
  /** Length of each anime embedding (for explanations' cosine). */
  norms: Float32Array;
  /** The `ratings` row of each model user; null when model users are the rows in order. */
  ratingRows: ArrayLike<number> | null;
  /** The fold-in's negative sampling. */
  sampler: NegativeSampler;
}

/** What every user's signals are built from. */
export interface SignalContext {
  catalogue: Catalogue;
  /** The lists the user-based signal reads (the shard's; TRAIN's alone in the file CLI). */
  ratings: Ratings;
  content: ContentIndex;
  franchises: Franchises;
  /**
   * Built from the same lists as `ratings`; null while the browser still builds it (the first
   * picks of a visit come without it and are computed again once it is ready).
   */
  itemKnn: ItemKnn | null;
  /** EASE over the most-liked anime (shipped in the shard); null without it. */
  ease: SparseEase | null;
  model: SignalModel | null;
}

/** The user fitted once, for the signals and their reasons to share. */
export interface UserFit {
  /** The user's vector in the model; null without a model or without a liked anime. */
  vector: Float32Array | null;
  /** Content profile (explanations name the features it shares). */
  profile: Float32Array;
  /** The users nearest to this one in the model (their `ratings` rows); null without a vector. */
  neighbours: Neighbours | null;
  /** How many neighbours of each liked anime the item-kNN score read. */
  itemNeighbours: number;
}
