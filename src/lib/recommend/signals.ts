/**
 * The signals as they cross from the worker to the page: each registered signal's scores under its
 * key, the list's own arrays, and what the page says about the model in use.
 */
import { SIGNALS, type SignalScores } from './signals/registry';

export type { SignalKey, SignalScores } from './signals/registry';

/** The per-anime arrays of the list itself: its statuses and the franchise rules. */
export interface ListArrays {
  /** 0 = not on the user's list, else its status code. */
  listStatus: Uint8Array;
  /** 1 = a continuation not to recommend (no liked earlier entry, or it follows a disliked one). */
  blocked: Uint8Array;
  /** 1 = its franchise's every entry on the list was dropped or scored 5 or less. */
  dislikedFranchise: Uint8Array;
  /** Franchise group of each anime (the list shows one entry per franchise). */
  franchise: Int32Array;
}

const LIST_ARRAYS = ['listStatus', 'blocked', 'dislikedFranchise', 'franchise'] as const;

/**
 * The per-anime arrays the blend and the ranking read: each signal's scores under its key (the
 * registry's; null where a signal has nothing to say, e.g. no model) and the list's own arrays.
 */
export type SignalArrays = SignalScores & ListArrays;

/** The per-anime signals the worker computes for the user, which the page blends and ranks. */
export interface UserSignals extends SignalArrays {
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
  /** Computed before item-kNN was ready (the page asks again once it is). */
  withoutItemKnn: boolean;
  ms: number;
}

/** What the page keeps of the signals beside the arrays it prepares. */
export type SignalsInfo = Omit<UserSignals, keyof SignalArrays>;

const ARRAY_KEYS: (keyof SignalArrays)[] = [...SIGNALS.map((s) => s.key), ...LIST_ARRAYS];

/** Every per-anime array present (what the worker transfers). */
export function perAnimeArrays(s: SignalArrays): (Float32Array | Uint8Array | Int32Array)[] {
  return ARRAY_KEYS.flatMap((key) => s[key] ?? []);
}

/** A copy of every per-anime array (the worker's results may share memory with its indices). */
export function copyArrays(s: SignalArrays): SignalArrays {
  const copy = Object.fromEntries(ARRAY_KEYS.map((key) => [key, s[key]?.slice() ?? null]));
  return copy as unknown as SignalArrays;
}

/** The signals without their per-anime arrays. */
export function signalsInfo(s: UserSignals): SignalsInfo {
  const info: Partial<UserSignals> = { ...s };
  for (const key of ARRAY_KEYS) delete info[key];
  return info as SignalsInfo;
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
