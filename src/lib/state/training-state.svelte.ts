/** Training as the page sees it: status, per-epoch progress and the last summary. */
import * as Comlink from 'comlink';
import { trainer } from '$lib/workers/trainer-client';
import type { StoredModelInfo } from '../../../workers/trainer.worker';
import type { EpochProgress, TrainOptions, TrainSummary } from '../../../workers/training-run';

export type TrainingStatus = 'idle' | 'training' | 'paused' | 'done' | 'error';

class TrainingState {
  status = $state<TrainingStatus>('idle');
  epochs = $state.raw<EpochProgress[]>([]);
  summary = $state.raw<TrainSummary | null>(null);
  error = $state('');
  /** The model stored in IndexedDB, as of the last look. */
  stored = $state.raw<StoredModelInfo | null>(null);

  /** Reads what is stored; when idle, shows a stored run's history. */
  async refreshStored(): Promise<void> {
    this.stored = await trainer().storedModel();
    if (this.status === 'idle' && this.stored?.sameShard) this.epochs = this.stored.history;
  }

  async deleteModel(): Promise<void> {
    await trainer().deleteModel();
    this.epochs = [];
    this.summary = null;
    await this.refreshStored();
  }

  async train(options: TrainOptions): Promise<void> {
    if (this.status === 'training' || this.status === 'paused') return;
    this.status = 'training';
    this.epochs = options.resume ? (this.stored?.history ?? []) : [];
    this.summary = null;
    this.error = '';
    try {
      const onEpoch = Comlink.proxy((progress: EpochProgress) => {
        this.epochs = [...this.epochs, progress];
      });
      const summary = await trainer().train(options, onEpoch);
      this.summary = summary;
      this.status = 'done';
      // Benchmarks read this mark.
      performance.mark('tsugi:training-done', { detail: summary });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'error';
    }
    await this.refreshStored();
  }

  async pause(): Promise<void> {
    await trainer().pause();
    if (this.status === 'training') this.status = 'paused';
  }

  async resume(): Promise<void> {
    await trainer().resume();
    if (this.status === 'paused') this.status = 'training';
  }

  async cancel(): Promise<void> {
    await trainer().cancel();
  }
}

export const trainingState = new TrainingState();
