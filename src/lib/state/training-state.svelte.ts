/** Training as the page sees it: status, per-epoch progress, time left and the last summary. */
import * as Comlink from 'comlink';
import { RunClock, secondsLeft } from '$lib/model/eta';
import { loadSetting, saveSetting } from '$lib/storage/db';
import { MODEL_CHANNEL } from '$lib/engine/model-channel';
import type { ModelDescription } from '$lib/recommend/signals';
import { engine } from '$lib/engine/client';
import type { EpochProgress, StoredModelInfo, TrainOptions, TrainSummary } from '$lib/engine/api';

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'done' | 'error';

/** The `savedAt` of the unfinished checkpoint the user stopped: any other unfinished one was cut short. */
const STOPPED_KEY = 'training-stopped-at';
/** Held while a run goes on, so another tab does not call that run interrupted (or resume it). */
const LOCK = 'tsugi-training';

class TrainingState {
  status = $state<TrainingStatus>('idle');
  epochs = $state.raw<EpochProgress[]>([]);
  summary = $state.raw<TrainSummary | null>(null);
  error = $state('');
  /** Cancel was pressed: the worker stops after the epoch under way. */
  stopping = $state(false);
  /** The model stored in IndexedDB, as of the last look. */
  stored = $state.raw<StoredModelInfo | null>(null);
  /** The model the recommendations use now, in the page's words. */
  inUse = $state.raw<ModelDescription | null>(null);
  /** The stored, unfinished run was stopped by the user (not by a closed tab or a failure). */
  stoppedByUser = $state(false);
  /** Another tab of Tsugi is training now. */
  trainingElsewhere = $state(false);
  /** When this run's epoch reports arrived, on `clock()`: what the time left is read from. */
  arrivals = $state.raw<number[]>([]);
  /** Wall-clock milliseconds of the last run, from start to summary, pauses left out. */
  runMs = $state(0);

  #runClock: RunClock;
  #pauseRequested = false;
  #releaseLock: (() => Promise<void>) | null = null;
  #channel: BroadcastChannel | null = null;
  /** Counts reads of what is stored, so that an older read never lands after a newer one. */
  #looks = 0;

  /** `now` is the page's clock unless a test gives its own. */
  constructor(now?: () => number) {
    this.#runClock = new RunClock(now);
  }

  /** Milliseconds on the page's clock with the paused time left out. */
  clock(): number {
    return this.#runClock.read();
  }

  /** Seconds left in the run under way as of `now` (on `clock()`); null before two epochs. */
  secondsLeft(now: number): number | null {
    const last = this.epochs.at(-1);
    if (this.status !== 'training' || !last || !this.arrivals.length) return null;
    return secondsLeft(this.arrivals, last.totalEpochs - last.epoch, now);
  }

  /** Reads what is stored; when idle, shows a stored run's history. */
  async refreshStored(): Promise<void> {
    this.#watchOtherTabs();
    const look = ++this.#looks;
    const [stored, inUse, stoppedAt, elsewhere] = await Promise.all([
      engine().storedModel(),
      engine().modelInUse(),
      loadSetting<string>(STOPPED_KEY).catch(() => undefined),
      this.#releaseLock ? false : lockHeldElsewhere(),
    ]);
    if (look !== this.#looks) return; // a later look is under way
    this.stored = stored;
    this.inUse = inUse;
    this.stoppedByUser = !!stored && !stored.complete && stored.savedAt === stoppedAt;
    this.trainingElsewhere = elsewhere;
    if (this.status === 'idle' && this.stored?.sameShard) this.epochs = this.stored.history;
  }

  async deleteModel(): Promise<void> {
    await engine().deleteModel();
    this.status = 'idle';
    this.epochs = [];
    this.summary = null;
    this.error = '';
    await this.refreshStored();
  }

  async train(options: TrainOptions): Promise<void> {
    if (this.status === 'training' || this.status === 'paused') return;
    const before = this.status;
    this.status = 'training';
    this.#releaseLock = await takeLock();
    if (!this.#releaseLock) {
      this.status = before;
      this.error = 'Training is going on in another tab of Tsugi: wait for it, or stop it there.';
      this.trainingElsewhere = true;
      return;
    }
    this.#startRun(options);
    const started = this.clock();
    let summary: TrainSummary | null = null;
    try {
      const onEpoch = Comlink.proxy((progress: EpochProgress) => this.#onEpoch(progress));
      summary = await engine().train(options, onEpoch);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
    this.runMs = this.clock() - started;
    await this.#releaseLock();
    this.#releaseLock = null;
    // Still 'training' meanwhile, so the stored-model line never shows the state before the run.
    await this.refreshStored().catch(() => {});
    if (summary?.cancelled && this.stored && !this.stored.complete) {
      this.stoppedByUser = true;
      await saveSetting(STOPPED_KEY, this.stored.savedAt).catch(() => {});
    }
    this.stopping = false;
    this.summary = summary;
    this.status = summary ? 'done' : 'error';
    // Benchmarks read this mark.
    if (summary) performance.mark('tsugi:training-done', { detail: summary });
  }

  async pause(): Promise<void> {
    this.#pauseRequested = true;
    await engine().pause();
    if (this.status === 'training') this.status = 'paused';
  }

  async resume(): Promise<void> {
    this.#pauseRequested = false;
    this.#runClock.go();
    await engine().resume();
    if (this.status === 'paused') this.status = 'training';
  }

  async cancel(): Promise<void> {
    this.stopping = true;
    await engine().cancel();
  }

  #startRun(options: TrainOptions): void {
    this.status = 'training';
    this.epochs = options.resume ? (this.stored?.history ?? []) : [];
    this.arrivals = [];
    this.#runClock.reset();
    this.#pauseRequested = false;
    this.summary = null;
    this.error = '';
    this.stopping = false;
    this.trainingElsewhere = false;
  }

  /** Another tab's run ended or its model was deleted: read what is stored again. */
  #watchOtherTabs(): void {
    if (this.#channel || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(MODEL_CHANNEL);
    this.#channel.onmessage = () => {
      // This tab's own run announces its end too: train() reads the result itself.
      const running = this.status === 'training' || this.status === 'paused';
      if (!running) void this.refreshStored().catch(() => {});
    };
  }

  #onEpoch(progress: EpochProgress): void {
    this.arrivals = [...this.arrivals, this.clock()];
    this.epochs = [...this.epochs, progress];
    // The worker waits after the epoch it was told to pause in: from here on the clock stands.
    if (this.#pauseRequested) this.#runClock.stop();
  }
}

/**
 * The training lock, or null when another tab holds it; its release resolves once the lock is
 * free (so a look at the locks right after sees it gone). A no-op where Web Locks are missing.
 */
function takeLock(): Promise<(() => Promise<void>) | null> {
  const none = async (): Promise<void> => {};
  if (!('locks' in navigator)) return Promise.resolve(none);
  return new Promise((resolve) => {
    const done = navigator.locks
      .request(LOCK, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        return new Promise<void>((release) =>
          resolve(async () => {
            release();
            await done;
          }),
        );
      })
      .catch(() => resolve(none));
  });
}

async function lockHeldElsewhere(): Promise<boolean> {
  if (!('locks' in navigator)) return false;
  const { held = [] } = await navigator.locks.query().catch(() => ({ held: [] }));
  return held.some((lock) => lock.name === LOCK);
}

export const trainingState = new TrainingState();
