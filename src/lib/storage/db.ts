/**
 * The one IndexedDB database of the app (idb, typed schema, versioned upgrades, one lazily
 * opened connection). Usable from the page and from workers: no DOM or Svelte imports.
 */
import {
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb';
import type { Library, LibraryEntry } from '$lib/library/library';
import type { ItemKnn, ItemKnnOptions } from '$lib/recommend/item-knn';
import type { RankingResult } from '$lib/evaluation/evaluate';
import type { NcfModel } from '$lib/model/ncf-model';
import type { TrainConfig } from '$lib/model/ncf-train';

export const DB_NAME = 'tsugi';
export const DB_VERSION = 4;

/** A trained (or partly trained) model, written whole after every epoch. */
export interface ModelCheckpoint {
  /** Which shard it was trained on (the manifest's SHA-256): another shard means retrain. */
  shardSha256: string;
  config: TrainConfig;
  /** Whether 20% of users were held out for Recall@20. */
  holdout: boolean;
  /** Epochs completed. */
  epoch: number;
  complete: boolean;
  backend: string;
  /** Per-epoch loss, speed and Recall@20 so far. */
  history: CheckpointEpoch[];
  model: NcfModel;
  savedAt: string;
  /** The held-out comparison (popularity, NCF, content, hybrids) after a finished holdout run. */
  evaluation?: RankingResult[];
}

export interface CheckpointEpoch {
  epoch: number;
  totalEpochs: number;
  loss: number;
  examples: number;
  ms: number;
  examplesPerSecond: number;
  trainMs: number;
  recall?: number;
}

/**
 * The model fine-tuned on this device with the user's list: the base model (shipped or trained
 * here) with the anime embeddings updated and the user as its last row. Used while the shard,
 * the base model and the list are the ones it was tuned on.
 */
export interface FineTunedModel {
  shardSha256: string;
  /** The base model's version (see StoredProfile.modelVersion). */
  baseVersion: string;
  libraryUpdatedAt: string;
  model: NcfModel;
  userRow: number;
  savedAt: string;
  ms: number;
  backend: string;
}

/** The imported user folded into a model: reused while model and list are unchanged. */
export interface StoredProfile {
  shardSha256: string;
  /** Which model: 'shipped:<trainedAt>' or 'trained:<savedAt>'. */
  modelVersion: string;
  libraryUpdatedAt: string;
  vector: Float32Array;
  bias: number;
  foldInMs: number;
}

/**
 * Item-kNN similarities built from a shard (seconds of work, a few hundred kilobytes): derived
 * from the dataset alone, so "delete everything" leaves them, as it leaves the dataset cache.
 */
export interface StoredItemKnn {
  shardSha256: string;
  /** The options it was built with: other options (a later release) mean rebuild. */
  options: ItemKnnOptions;
  knn: ItemKnn;
  buildMs: number;
}

export interface TsugiDb extends DBSchema {
  models: { key: string; value: ModelCheckpoint | FineTunedModel };
  /** The list without its entries (see library-store.ts). */
  library: { key: string; value: Omit<Library, 'entries'> };
  /** The list's entries, keyed by position. */
  entries: { key: number; value: LibraryEntry };
  profiles: { key: string; value: StoredProfile };
  settings: { key: string; value: unknown };
  derived: { key: string; value: StoredItemKnn };
}

let connection: Promise<IDBPDatabase<TsugiDb>> | null = null;

async function splitWholeList(
  transaction: IDBPTransaction<TsugiDb, StoreNames<TsugiDb>[], 'versionchange'>,
): Promise<void> {
  const library = transaction.objectStore('library');
  const old = (await library.get(CURRENT)) as Library | undefined;
  if (!old?.entries) return;
  const { entries, ...meta } = old;
  const store = transaction.objectStore('entries');
  await Promise.all(entries.map((entry, position) => store.put(entry, position)));
  await library.put(meta, CURRENT);
}

export function database(): Promise<IDBPDatabase<TsugiDb>> {
  if (connection) return connection;
  let blocked: (error: Error) => void = () => {};
  const opened = openDB<TsugiDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) db.createObjectStore('models');
      if (oldVersion < 2) {
        db.createObjectStore('library');
        db.createObjectStore('profiles');
        db.createObjectStore('settings');
      }
      if (oldVersion < 3) db.createObjectStore('derived');
      if (oldVersion < 4) {
        db.createObjectStore('entries');
        // Up to version 3 the list was one value: one record per entry now, in the same upgrade.
        void splitWholeList(transaction);
      }
    },
    // Another tab runs an older Tsugi and holds the database open: say so instead of waiting.
    blocked: () =>
      blocked(
        new Error(
          'Tsugi is open in another tab with an older version: close that tab, then reload this one.',
        ),
      ),
    // A newer Tsugi in another tab needs to upgrade: let it, and reopen on the next call.
    blocking() {
      void opened.then((db) => db.close());
      connection = null;
    },
    // The browser closed it (site data cleared): the next call opens a new one.
    terminated() {
      connection = null;
    },
  });
  connection = Promise.race([opened, new Promise<never>((_, reject) => (blocked = reject))]).catch(
    (error: unknown) => {
      connection = null;
      throw error;
    },
  );
  return connection;
}

/** Closes this context's connection once its transactions end; the next call reopens it. */
export function closeDatabase(): void {
  const open = connection;
  connection = null;
  void open?.then(
    (db) => db.close(),
    () => {},
  );
}

/** The key of the one current record in the models, library and profiles stores. */
export const CURRENT = 'current';

const isQuotaError = (error: unknown) =>
  error instanceof DOMException && error.name === 'QuotaExceededError';

/** One put in one transaction: a write either lands whole or not at all. */
export async function saveCheckpoint(checkpoint: ModelCheckpoint): Promise<void> {
  try {
    await (await database()).put('models', checkpoint, CURRENT);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    throw new Error(
      'Not enough storage on this device to save the model; training goes on, but it will ' +
        'not survive a reload. Free some space or delete stored data to keep it.',
      { cause: error },
    );
  }
}

export async function loadCheckpoint(): Promise<ModelCheckpoint | undefined> {
  return (await database()).get('models', CURRENT) as Promise<ModelCheckpoint | undefined>;
}

export const FINE_TUNED = 'fine-tuned';

/** The settings key of the user's choice to fine-tune the model with their list (a boolean). */
export const FINE_TUNE_SETTING = 'fine-tune-on-device';

export async function saveFineTuned(tuned: FineTunedModel): Promise<void> {
  try {
    await (await database()).put('models', tuned, FINE_TUNED);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    throw new Error(
      'Not enough storage on this device to keep the personalised model: it is used until ' +
        'you reload, then personalised again.',
      { cause: error },
    );
  }
}

export async function loadFineTuned(): Promise<FineTunedModel | undefined> {
  return (await database()).get('models', FINE_TUNED) as Promise<FineTunedModel | undefined>;
}

export async function deleteCheckpoint(): Promise<void> {
  await (await database()).delete('models', CURRENT);
}

export async function saveProfile(profile: StoredProfile): Promise<void> {
  await (await database()).put('profiles', profile, CURRENT);
}

export async function loadProfile(): Promise<StoredProfile | undefined> {
  return (await database()).get('profiles', CURRENT);
}

const ITEM_KNN = 'item-knn';

/** Best effort: if it cannot be stored, the similarities are rebuilt on the next visit. */
export async function saveItemKnn(stored: StoredItemKnn): Promise<void> {
  try {
    await (await database()).put('derived', stored, ITEM_KNN);
  } catch {
    // Nothing is lost but the time to rebuild it.
  }
}

export async function loadItemKnn(): Promise<StoredItemKnn | undefined> {
  return (await database()).get('derived', ITEM_KNN);
}

export async function saveSetting(key: string, value: unknown): Promise<void> {
  await (await database()).put('settings', value, key);
}

export async function loadSetting<T>(key: string): Promise<T | undefined> {
  return (await database()).get('settings', key) as Promise<T | undefined>;
}

/** Removes the list, the model, the fold-in and the settings, in one transaction. */
export async function deleteEverything(): Promise<void> {
  const db = await database();
  const tx = db.transaction(['library', 'entries', 'models', 'profiles', 'settings'], 'readwrite');
  await Promise.all([
    tx.objectStore('library').clear(),
    tx.objectStore('entries').clear(),
    tx.objectStore('models').clear(),
    tx.objectStore('profiles').clear(),
    tx.objectStore('settings').clear(),
    tx.done,
  ]);
}
