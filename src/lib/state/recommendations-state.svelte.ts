/**
 * The user's list and recommendations as the page sees them: the stored library, the last
 * import report, the worker's signals (standardised once) and the controls, which are kept in
 * IndexedDB. Ranking itself is derived on the page, so every control change re-ranks at once.
 */
import * as Comlink from 'comlink';
import { displayTitle } from '$lib/catalogue/labels';
import type { Catalogue } from '$lib/data/shard-types';
import { readChosenFile } from '$lib/import/read-upload';
import { hiddenMask } from '$lib/library/hidden';
import { LastHidden } from './last-hidden.svelte';
import {
  DEFAULT_CONTROLS,
  noFilters,
  prepareSignals,
  sharesFor,
  type BlendControls,
  type PreparedSignals,
  type RecommendFilters,
} from '$lib/recommend/rank';
import { signalsInfo, type SignalsInfo } from '$lib/recommend/signals';
import { loadSetting, saveSetting } from '$lib/storage/db';
import { libraryEntryCount } from '$lib/storage/library-store';
import { shardState } from './shard-state.svelte';
import { onModelChange } from '$lib/engine/model-changes';
import { engine } from '$lib/engine/client';
import type { ImportChoice, ImportReport, LibrarySummary } from '$lib/engine/api';

const SETTINGS_KEY = 'recommendation-controls';

interface StoredControls {
  controls: BlendControls;
  filters: RecommendFilters;
}

class RecommendationsState {
  summary = $state.raw<LibrarySummary | null>(null);
  /** Whether `summary` says what is stored (false until the worker answered). */
  summaryLoaded = $state(false);
  /** How many entries are stored, read before the worker has the dataset (null until read). */
  knownEntries = $state<number | null>(null);
  report = $state.raw<ImportReport | null>(null);
  signals = $state.raw<PreparedSignals | null>(null);
  info = $state.raw<SignalsInfo | null>(null);
  controls = $state<BlendControls>({ ...DEFAULT_CONTROLS });
  filters = $state<RecommendFilters>(noFilters());
  /** What the worker is doing, shown while it works ('' when idle). */
  stage = $state('');
  importing = $state(false);
  importError = $state('');
  error = $state('');
  /** Whether the controls on screen are the ones stored (false while a write is under way). */
  controlsSaved = $state(true);
  #saves = 0;
  /** Bumped by every refresh and every hide: a refresh that finds it moved on is stale. */
  #signalsVersion = 0;
  #imports: Promise<void> = Promise.resolve();
  /** The worker is fine-tuning the model with the list (the picks are replaced when it ends). */
  personalising = $state(false);
  personaliseError = $state('');
  /** Whether the model is fine-tuned with the list on this device (on unless switched off). */
  fineTune = $state(true);
  /** The last "Not interested" choice, once stored (the page offers to undo it). */
  hidden = new LastHidden();
  #catalogue: Catalogue | null = null;
  #started = false;
  /** Stored controls are read before any are written, so a fresh page cannot overwrite them. */
  #controlsLoaded = false;

  /** The stored list's size, straight from IndexedDB: the page's first layout needs no worker. */
  async peekStored(): Promise<void> {
    try {
      const entries = await libraryEntryCount();
      if (!this.summaryLoaded) this.knownEntries = entries;
    } catch {
      // The worker's summary says it a moment later.
    }
  }

  /** The stored list's size as far as the page knows it (null: not known yet). */
  get storedEntries(): number | null {
    if (this.summaryLoaded) return this.summary?.entries ?? 0;
    return this.knownEntries;
  }

  /** Loads the stored controls and the list's summary, and follows model changes; once. */
  async init(catalogue?: Catalogue): Promise<void> {
    this.#catalogue = catalogue ?? this.#catalogue;
    if (this.#started) return;
    this.#started = true;
    // A model stored by this tab's worker or another tab's: re-rank with it.
    onModelChange(() => this.modelChanged());
    const stored = await loadSetting<StoredControls>(SETTINGS_KEY).catch(() => undefined);
    if (stored) {
      Object.assign(this.controls, stored.controls);
      Object.assign(this.filters, { ...noFilters(), ...stored.filters });
    }
    this.#controlsLoaded = true;
    this.fineTune = await engine().fineTuneEnabled();
    this.summary = await engine().librarySummary();
    this.summaryLoaded = true;
  }

  private async modelChanged(): Promise<void> {
    if (this.summary && this.signals && this.#catalogue) await this.refresh(this.#catalogue);
  }

  /** Fine-tunes the model with the list in the worker's background; the picks follow. */
  async personalise(): Promise<void> {
    await this.whilePersonalising(() => engine().personalise());
  }

  /** Switches fine-tuning on (which starts it) or off; every open page re-ranks. */
  async setFineTune(on: boolean): Promise<void> {
    this.fineTune = on;
    await this.whilePersonalising(() => engine().setFineTune(on));
  }

  private async whilePersonalising(work: () => Promise<unknown>): Promise<void> {
    if (this.personalising) return;
    this.personalising = true;
    this.personaliseError = '';
    try {
      // Benchmarks read these marks.
      performance.mark('tsugi:personalise-start');
      const result = await work();
      if (result) performance.mark('tsugi:personalised', { detail: result });
    } catch (error) {
      this.personaliseError = error instanceof Error ? error.message : String(error);
    } finally {
      this.personalising = false;
    }
  }

  /** After the list changed elsewhere (the library page): the next visit re-ranks. */
  listChanged(summary: LibrarySummary | null): void {
    this.summary = summary;
    this.signals = null;
    this.info = null;
  }

  /**
   * Imports a chosen file after any import still under way, and once the dataset is loaded (a
   * file may be chosen before): a file is never dropped.
   */
  importFile(file: File, choice: ImportChoice): Promise<void> {
    // Benchmarks read this: the file was chosen (its import may wait for the dataset).
    performance.mark('tsugi:file-chosen');
    const next = this.#imports.then(async () => {
      if (!shardState.loaded) {
        this.importing = true;
        this.stage = `${file.name} is read as soon as the dataset is loaded…`;
      }
      const { catalogue } = await shardState.whenLoaded();
      await this.importNow(file, choice, catalogue);
    });
    this.#imports = next.catch(() => {});
    return next;
  }

  private async importNow(file: File, choice: ImportChoice, catalogue: Catalogue): Promise<void> {
    performance.mark('tsugi:import-start');
    this.importing = true;
    this.importError = '';
    this.stage = `Reading ${file.name}…`;
    try {
      const bytes = await readChosenFile(file);
      this.report = await engine().importList(
        Comlink.transfer(bytes, [bytes.buffer]),
        file.name,
        choice,
        Comlink.proxy((stage: string) => (this.stage = stage)),
      );
      this.summary = await engine().librarySummary();
      // The old list's picks go; the new ones follow.
      this.signals = null;
      this.info = null;
    } catch (error) {
      this.importError = error instanceof Error ? error.message : String(error);
      this.stage = '';
      return;
    } finally {
      this.importing = false;
    }
    await this.refresh(catalogue);
  }

  /** Asks the worker for fresh signals (after an import, or when the model changed). */
  async refresh(catalogue: Catalogue): Promise<void> {
    this.error = '';
    const version = ++this.#signalsVersion;
    try {
      const signals = await engine().recommendations(
        Comlink.proxy((stage: string) => (this.stage = stage)),
      );
      // A newer refresh, or a title hidden meanwhile, makes these signals stale.
      if (version !== this.#signalsVersion) return;
      if (signals) {
        const info = signalsInfo(signals);
        this.signals = prepareSignals(catalogue, signals, sharesFor(signals.usedEntries));
        this.info = info;
        if (info.canPersonalise) void this.personalise();
        // The first picks came before item-kNN: computed again, in place, once it is ready.
        if (signals.withoutItemKnn) {
          void engine()
            .itemKnnReady()
            .then(() => {
              if (version === this.#signalsVersion) void this.refresh(catalogue);
            });
        }
      }
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.stage = '';
    }
  }

  /**
   * "Not interested": the title (or its whole franchise) leaves the list at once; the worker
   * stores it and the picks are computed again with it as a dislike, the old ones shown meanwhile.
   */
  async hide(index: number, franchise: boolean, catalogue: Catalogue): Promise<void> {
    this.#signalsVersion++;
    const malId = catalogue.malId[index]!;
    const signals = this.signals;
    if (signals) {
      // The worker's own rule, for this one choice, until its signals come back.
      const byMalId = new Map([[malId, index]]);
      const mask = hiddenMask([{ malId, franchise }], { byMalId }, { group: signals.franchise });
      this.signals = { ...signals, blocked: signals.blocked.map((b, i) => b | mask[i]!) };
    }
    this.error = '';
    try {
      this.summary = await engine().editLibrary({ kind: 'hide', malId, franchise });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      return;
    }
    this.hidden.choice = { malId, title: displayTitle(catalogue, index), franchise };
    await this.refresh(catalogue);
  }

  /** Takes back the last "Not interested"; the picks are computed again with the title. */
  async undoHide(catalogue: Catalogue): Promise<void> {
    this.error = '';
    await this.hidden.undo(
      async (malId) => {
        try {
          this.summary = await engine().editLibrary({ kind: 'unhide', malId });
          return true;
        } catch (error) {
          this.error = error instanceof Error ? error.message : String(error);
          return false;
        }
      },
      () => this.refresh(catalogue),
    );
  }

  saveControls(): void {
    if (!this.#controlsLoaded) return;
    const value: StoredControls = $state.snapshot({
      controls: this.controls,
      filters: this.filters,
    });
    const save = ++this.#saves;
    this.controlsSaved = false;
    saveSetting(SETTINGS_KEY, value).then(
      // Saved once the latest change is stored (an earlier write landing says nothing).
      () => save === this.#saves && (this.controlsSaved = true),
      () => {
        // Controls that cannot be saved still work for this visit.
      },
    );
  }

  /** After "delete everything": no list, no report, default controls. */
  forgetAll(): void {
    this.listChanged(null);
    this.report = null;
    this.hidden.choice = null;
    Object.assign(this.controls, DEFAULT_CONTROLS);
    Object.assign(this.filters, noFilters());
  }

  resetFilters(): void {
    Object.assign(this.filters, noFilters());
  }
}

/** The file's bytes; a file that changed or vanished since it was chosen gets a plain message. */
export const recommendationsState = new RecommendationsState();
