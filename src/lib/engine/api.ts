/**
 * Every type that crosses between the page and the worker: the page imports them from here, the
 * worker's modules implement them. (`EngineApi`, the worker's object, is exported by the worker.)
 */
import type { ShardTimings } from '$lib/data/fetch-shard';
import type { ShardManifest } from '$lib/data/manifest';
import type { Catalogue } from '$lib/data/shard-types';
import type { ImportRecord, MergeCounts } from '$lib/library/library';
import type { EntryChange } from '$lib/library/edit';
import type { HiddenTitle } from '$lib/library/library';
import type { InvalidRow, ListEntry } from '$lib/library/list-entry';
import type { RankingResult } from '$lib/evaluation/evaluate';
import type { TrainConfig } from '$lib/model/ncf-train';
import type { GroupPick } from '$lib/recommend/group';
import type { ModelDescription } from '$lib/recommend/signals';
import type { CheckpointEpoch, ModelCheckpoint } from '$lib/storage/db';

export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface BackendChoice {
  name: BackendName;
  reason: string;
  /** The WASM kernel's threads (1 elsewhere). */
  threads: number;
}

export interface CatalogueSnapshot {
  catalogue: Catalogue;
  manifest: ShardManifest;
  timings: ShardTimings;
  users: number;
  entries: number;
}

export interface StoredModelInfo extends Omit<ModelCheckpoint, 'model'> {
  sameShard: boolean;
}

export type { ListStats } from '$lib/catalogue/list-stats';

export interface ImportReport {
  fileName: string;
  format: string;
  user: { id: string; name: string } | null;
  /** Entries read from the file. */
  entries: number;
  matched: number;
  /** The first of them (a huge file's report stays readable); all are counted in the totals. */
  unmatched: { name: string; malId: number | null }[];
  unmatchedTotal: number;
  invalid: InvalidRow[];
  invalidTotal: number;
  notes: string[];
  counts: MergeCounts;
  /** Entries in the library after the import. */
  libraryEntries: number;
  ms: number;
}

export interface LibrarySummary {
  entries: number;
  matched: number;
  updatedAt: string;
  imports: Omit<ImportRecord, 'invalid'>[];
  /** Titles hidden from recommendations ("not interested"), newest first. */
  hidden: HiddenTitle[];
}

/**
 * How an import meets the stored list: merged into it (or simply stored, when there is none),
 * or replacing it, which the user confirmed for a list of `replacing` entries. The worker
 * refuses a replace when the stored list is not the one the user saw.
 */
export type ImportChoice = { mode: 'merge' } | { mode: 'replace'; replacing: number };

/** A change the user makes to the stored list. */
export type LibraryEdit =
  | { kind: 'edit'; key: string; change: EntryChange }
  | { kind: 'add'; malId: number; change: EntryChange }
  | { kind: 'remove'; key: string }
  | { kind: 'hide'; malId: number; franchise: boolean }
  | { kind: 'unhide'; malId: number };

/** What a recommendation request is told to show while it works. */
export type SignalsProgress = (stage: string) => void;

export interface PersonaliseResult {
  ms: number;
  examples: number;
}

/** The model a list of picks came from: its kind and version ('' without one). */
export interface ModelTag {
  kind: ModelDescription['kind'];
  version: string;
}

export interface SimilarItem {
  index: number;
  /** Why it is on the list, in words. */
  reason: string;
}

export interface SimilarLists {
  /** Null without a trained model (then `embeddingNote` says why). */
  byEmbedding: SimilarItem[] | null;
  embeddingNote: string;
  byContent: SimilarItem[];
  fansAlsoLiked: SimilarItem[];
  fans: number;
  /** The other entries of its franchise, in air-date order. */
  franchise: number[];
  model: ModelTag;
}

export interface GroupMember {
  name: string;
  /** 'library': the stored list, read when the picks are computed. */
  source: 'library' | 'file';
  entries: ListEntry[];
}

export interface GroupResult {
  picks: GroupPick[];
  note: string;
  ms: number;
  model: ModelTag;
}

export interface TrainOptions {
  config?: Partial<TrainConfig>;
  /** Train on 80% of users and report Recall@20 on (a sample of) the rest after each epoch. */
  holdout?: boolean;
  /** How many test users the per-epoch Recall@20 uses (all when absent). */
  evaluationUsers?: number;
  /** Stop after this many epochs without a better Recall@20 (holdout only). */
  patience?: number;
  backend?: BackendName;
  /** Continue the stored, unfinished model (same settings) instead of starting afresh. */
  resume?: boolean;
}

export interface EpochProgress extends CheckpointEpoch {
  /** Set when this epoch's checkpoint could not be saved. */
  saveError?: string;
  /** Backend switches so far in this run. */
  notices?: string[];
}

export interface TrainSummary {
  /** The backend that finished the run. */
  backend: BackendChoice;
  config: TrainConfig;
  epochs: EpochProgress[];
  examplesPerSecond: number;
  trainMs: number;
  cancelled: boolean;
  best?: { epoch: number; recall: number; trainMs: number };
  /** Epochs the run started from (0 for a fresh run). */
  resumedFrom: number;
  /** What the user should know: backend failures and what happened next. */
  notices: string[];
  /** Held-out comparison with the baselines, when users were held out and training finished. */
  evaluation?: RankingResult[];
}
