/** The per-anime arrays the blend and the ranking read. */
export type SignalArrays = Pick<
  UserSignals,
  | 'collaborative'
  | 'userBased'
  | 'itemBased'
  | 'ease'
  | 'content'
  | 'listStatus'
  | 'blocked'
  | 'dislikedFranchise'
  | 'franchise'
>;

/** The per-anime signals the worker computes for the user, which the page blends and ranks. */
export interface UserSignals {
  /** NCF logits of the folded-in user; null without a trained model. */
  collaborative: Float32Array | null;
  /** Summed similarity of the nearest users who loved each anime; null without a model. */
  userBased: Float32Array | null;
  /**
   * Item-kNN: summed similarity of each anime to the anime the user loved (from which anime the
   * dataset's users love together; no model needed); null when the list has no liked anime.
   */
  itemBased: Float32Array | null;
  /**
   * EASE (an item–item linear model over the most-liked anime, shipped in the shard): the summed
   * weights of the liked anime; null without it or without a liked anime.
   */
  ease: Float32Array | null;
  /** Content-profile score of each anime. */
  content: Float32Array;
  /** 0 = not on the user's list, else its status code. */
  listStatus: Uint8Array;
  /** 1 = a continuation not to recommend (no liked earlier entry, or it follows a disliked one). */
  blocked: Uint8Array;
  /** 1 = its franchise's every entry on the list was dropped or scored 5 or less. */
  dislikedFranchise: Uint8Array;
  /** Franchise group of each anime (the list shows one entry per franchise). */
  franchise: Int32Array;
  /** Why picks are content-only or provisional ('' when the model is trained and current). */
  modelNote: string;
  /** The model behind the collaborative signals, for the page to name. */
  model: ModelDescription;
  /** Fine-tuning the model with this list would change the picks (a model, liked anime, not yet tuned). */
  canPersonalise: boolean;
  listEntries: number;
  /** Entries that matched the catalogue and feed the recommenders. */
  usedEntries: number;
  foldInMs: number;
  /** The stored fold-in was still valid (same model, same list). */
  reusedFoldIn: boolean;
  ms: number;
}

/** The model in use, in the terms the page explains it. */
export interface ModelDescription {
  /** shipped: trained at build time, in the dataset; trained: from scratch on this device;
   * fine-tuned: either of those, fine-tuned on this device with the user's list. */
  kind: 'shipped' | 'trained' | 'fine-tuned' | 'none';
  /** Dataset users it was trained on. */
  users: number;
  trainedAt: string;
  /** Held-out NCF figures: measured at build time (shipped) or after a hold-out run here. */
  recall?: number;
  ndcg?: number;
  heldOutUsers?: number;
  /** Why the shipped model could not be used (a damaged download). */
  problem?: string;
  /** Fine-tuned: the base it was tuned from, when, how long it took and where it ran. */
  base?: 'shipped' | 'trained';
  tunedAt?: string;
  tuneMs?: number;
  tunedOn?: string;
  note: string;
}
