/**
 * The one IndexedDB database of the app (idb, typed schema, versioned upgrades, one lazily
 * opened connection). Usable from the page and from workers: no DOM or Svelte imports.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RankingResult } from '$lib/model/evaluate';
import type { NcfModel } from '$lib/model/ncf-model';
import type { TrainConfig } from '$lib/model/ncf-train';

export const DB_NAME = 'tsugi';
export const DB_VERSION = 1;

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

interface TsugiDb extends DBSchema {
  models: { key: string; value: ModelCheckpoint };
}

let connection: Promise<IDBPDatabase<TsugiDb>> | null = null;

export function database(): Promise<IDBPDatabase<TsugiDb>> {
  connection ??= openDB<TsugiDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('models');
    },
  });
  return connection;
}

const CURRENT = 'current';

/** One put in one transaction: a write either lands whole or not at all. */
export async function saveCheckpoint(checkpoint: ModelCheckpoint): Promise<void> {
  try {
    await (await database()).put('models', checkpoint, CURRENT);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'QuotaExceededError') {
      throw new Error(
        'Not enough storage on this device to save the model; training goes on, but it will ' +
          'not survive a reload. Free some space or delete stored data to keep it.',
        { cause: error },
      );
    }
    throw error;
  }
}

export async function loadCheckpoint(): Promise<ModelCheckpoint | undefined> {
  return (await database()).get('models', CURRENT);
}

export async function deleteCheckpoint(): Promise<void> {
  await (await database()).delete('models', CURRENT);
}
