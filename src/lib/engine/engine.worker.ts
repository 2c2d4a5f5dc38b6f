/**
 * The app's one module worker, the engine: it decodes the shard off the main thread and holds
 * the dataset, the stored list, the models and every computation on them (imports, signals,
 * explanations, training, Together); it composes the modules beside it and the page reaches it
 * only through the state classes.
 */
import * as Comlink from 'comlink';
import { buildSearchIndex, type SearchIndex } from '$lib/catalogue/search-index';
import { describeLoadError, fetchShard } from '$lib/data/fetch-shard';
import type { ShardManifest } from '$lib/data/manifest';
import type { Shard } from '$lib/data/shard-types';
import { fileProblemMessage } from '$lib/import/import-error';
import type { Explanation } from '$lib/recommend/explain';
import { perAnimeArrays, type UserSignals } from '$lib/recommend/signals';
import type { ShownEntry } from '$lib/library/library';
import type { MalExport } from '$lib/library/mal-export';
import {
  FINE_TUNE_SETTING,
  saveSetting,
  deleteCheckpoint,
  deleteEverything,
  loadCheckpoint,
} from '$lib/storage/db';
import { storedData, type StoredData } from '$lib/storage/stored-data';
import { StorageError } from '$lib/storage/library-store';
import { MODEL_CHANNEL, type ModelChange } from './model-channel';
import type { ModelDescription } from '$lib/recommend/signals';
import type {
  CatalogueSnapshot,
  EpochProgress,
  GroupMember,
  GroupResult,
  ImportChoice,
  ImportReport,
  LibraryEdit,
  LibrarySummary,
  ListStats,
  PersonaliseResult,
  SignalsProgress,
  SimilarLists,
  StoredModelInfo,
  TrainOptions,
  TrainSummary,
} from './api';
import { Personal } from './personal';
import { listStats } from '$lib/catalogue/list-stats';
import { averageFanOf, type AverageFan } from '$lib/taste/average-fan';
import type { Aggregation } from '$lib/recommend/group';
import type { RunControl } from './training-run';

let shard: Shard | null = null;
let manifest: ShardManifest | null = null;
/** Built when a page first searches (a few hundred milliseconds no first paint should wait for). */
let searchIndex: SearchIndex | null = null;
let run: (RunControl & { resume?: () => void }) | null = null;
let personal: Personal | null = null;

/** Tells every tab (its page and its worker) that a model was stored or deleted. */
const modelChannel = new BroadcastChannel(MODEL_CHANNEL);
modelChannel.onmessage = () => personal?.signals.modelChanged();

function announceModelChange(what: ModelChange['what']): void {
  personal?.signals.modelChanged();
  modelChannel.postMessage({ what } satisfies ModelChange);
}

function loadedPersonal(): Personal {
  if (!personal) throw new Error('The dataset is not loaded yet.');
  return personal;
}

const api = {
  /** Loads the shard under `baseUrl`; errors arrive as messages fit for the user. */
  async loadShard(baseUrl: string, fresh: boolean): Promise<CatalogueSnapshot> {
    try {
      const loaded = await fetchShard(baseUrl, fresh);
      shard = loaded.shard;
      searchIndex = null;
      manifest = loaded.manifest;
      const current = new Personal(loaded.shard, loaded.manifest.sha256, () => run !== null);
      personal = current;
      // Build the recommenders' indices once the page has its catalogue.
      current.indices.warmUp();
      const { catalogue, ratings } = loaded.shard;
      return {
        catalogue,
        manifest: loaded.manifest,
        timings: loaded.timings,
        users: ratings.userCount,
        entries: ratings.entryCount,
      };
    } catch (error) {
      throw new Error(describeLoadError(error), { cause: error });
    }
  },

  /** Every title of every anime, normalised for the search boxes. */
  searchIndex: (): SearchIndex =>
    (searchIndex ??= buildSearchIndex(loadedPersonal().indices.shard.catalogue)),

  /** Trains NCF on the loaded shard; `onEpoch` is a Comlink.proxy called after every epoch. */
  async train(
    options: TrainOptions,
    onEpoch: (progress: EpochProgress) => void,
  ): Promise<TrainSummary> {
    if (!shard || !manifest) throw new Error('The dataset is not loaded yet.');
    if (run) throw new Error('Training is already running.');
    run = { cancelled: false, paused: null };
    // A fine-tune on WebGPU finishes before training may switch TF.js to another backend.
    await personal?.signals.personaliser.idle();
    try {
      // Loaded with the first training run (TF.js with it), not with the worker.
      const { runTraining } = await import('./training-run');
      return await runTraining(
        shard,
        manifest.sha256,
        options,
        (progress) => {
          // A checkpoint was just written: the model page reads it; recommendations wait for the end.
          personal?.signals.modelChanged();
          void onEpoch(progress);
        },
        run,
      );
    } finally {
      run = null;
      announceModelChange('trained');
    }
  },

  pause(): void {
    if (run && !run.paused) run.paused = new Promise((resolve) => (run!.resume = resolve));
  },

  resume(): void {
    if (!run?.paused) return;
    run.paused = null;
    run.resume?.();
  },

  cancel(): void {
    if (!run) return;
    run.cancelled = true;
    api.resume();
  },

  /** What is stored about the model, without its parameters; null when there is none. */
  async storedModel(): Promise<StoredModelInfo | null> {
    const stored = await loadCheckpoint();
    if (!stored) return null;
    const { model, ...info } = stored;
    return { ...info, sameShard: stored.shardSha256 === manifest?.sha256 };
  },

  async deleteModel(): Promise<void> {
    await deleteCheckpoint();
    announceModelChange('deleted');
  },

  /**
   * Fine-tunes the model in use with the stored list, in the background of the worker (it
   * yields between epochs); tells every tab once the result is stored. Null: nothing to do.
   */
  async personalise(): Promise<PersonaliseResult | null> {
    const result = await loadedPersonal().signals.personalise();
    if (result) announceModelChange('fine-tuned');
    return result;
  },

  /** Whether the user chose to fine-tune the model with their list on this device. */
  fineTuneEnabled(): Promise<boolean> {
    return loadedPersonal().signals.personaliser.enabled();
  },

  /** Switches fine-tuning on or off; every tab re-ranks (on: once the fine-tune is stored). */
  async setFineTune(on: boolean): Promise<PersonaliseResult | null> {
    await saveSetting(FINE_TUNE_SETTING, on);
    announceModelChange('fine-tuned');
    return on ? api.personalise() : null;
  },

  /** A page heard that another tab stored a model: read it before the next request. */
  modelChanged(): void {
    personal?.signals.modelChanged();
  },

  /** What the recommendations would use now, in plain words (the model page shows it). */
  async modelInUse(): Promise<ModelDescription> {
    return loadedPersonal().modelInUse();
  },

  /**
   * Reads a list file (MAL/Kitsu XML, .gz or not, or CSV) and merges it into the stored library.
   * Bad files throw a message for the user and leave the library as it was.
   */
  async importList(
    bytes: Uint8Array,
    fileName: string,
    choice: ImportChoice,
    onStage?: SignalsProgress,
  ): Promise<ImportReport> {
    try {
      return await loadedPersonal().list.importFile(bytes, fileName, choice, onStage);
    } catch (error) {
      if (error instanceof StorageError) throw new Error(error.message, { cause: error });
      const outcome =
        'your stored list was left as it was, so try the file again or another export.';
      throw new Error(fileProblemMessage(fileName, error, outcome), { cause: error });
    }
  },

  librarySummary(): Promise<LibrarySummary | null> {
    return loadedPersonal().list.summary();
  },

  /** The per-anime signals for the stored list (null without one); arrays are transferred. */
  async recommendations(onProgress?: SignalsProgress): Promise<UserSignals | null> {
    const signals = await loadedPersonal().signals.signals((stage) => void onProgress?.(stage));
    if (!signals) return null;
    return Comlink.transfer(
      signals,
      perAnimeArrays(signals).map((a) => a.buffer as ArrayBuffer),
    );
  },

  /** Once item-kNN is built: signals marked `withoutItemKnn` are worth asking for again. */
  itemKnnReady: (): Promise<void> => loadedPersonal().signals.itemKnnReady(),

  explain(indices: number[]): Promise<Explanation[]> {
    return loadedPersonal().signals.explain(indices);
  },

  async readGroupMember(bytes: Uint8Array, fileName: string): Promise<GroupMember> {
    try {
      return await loadedPersonal().readGroupMember(bytes, fileName);
    } catch (error) {
      const outcome = 'the group was left as it was, so try the file again or another export.';
      throw new Error(fileProblemMessage(fileName, error, outcome), { cause: error });
    }
  },

  groupRecommend(
    members: GroupMember[],
    aggregation: Aggregation,
    limit: number,
  ): Promise<GroupResult> {
    return loadedPersonal().groupRecommend(members, aggregation, limit);
  },

  similar(index: number): Promise<SimilarLists> {
    return loadedPersonal().similar(index);
  },

  /** Popular, varied first entries to rate when there is no list yet. */
  starterTitles(count: number): number[] {
    return loadedPersonal().starters(count);
  },

  libraryEntries(): Promise<ShownEntry[]> {
    return loadedPersonal().list.shownEntries();
  },

  async editLibrary(edit: LibraryEdit): Promise<LibrarySummary> {
    const summary = await loadedPersonal().list.edit(edit);
    // Personalise for the edited list in the background (a newer edit supersedes it).
    void api.personalise().catch(() => {});
    return summary;
  },

  exportMal(): Promise<MalExport> {
    return loadedPersonal().list.exportMal();
  },

  storedData(): Promise<StoredData> {
    return storedData();
  },

  /** Removes the list, the model, the fold-in and the settings (not the app or dataset caches). */
  async deleteEverything(): Promise<void> {
    if (run) throw new Error('Training is running: stop it before deleting everything.');
    await deleteEverything();
    announceModelChange('deleted');
  },

  /** The dataset's average fan for Your taste: computed on first request, once per shard. */
  averageFan(): AverageFan {
    if (!shard) throw new Error('The dataset is not loaded yet.');
    return averageFanOf(shard);
  },

  /** How many of the shard's users list catalogue entry `index`, and their mean score. */
  listStats(index: number): ListStats {
    if (!shard) throw new Error('The dataset is not loaded yet.');
    return listStats(shard.ratings, index);
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
