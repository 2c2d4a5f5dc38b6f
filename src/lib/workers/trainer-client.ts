/** The page's one handle on the trainer worker, created lazily and only in the browser. */
import * as Comlink from 'comlink';
import type { TrainerApi } from '../../../workers/trainer.worker';

let remote: Comlink.Remote<TrainerApi> | null = null;

export function trainer(): Comlink.Remote<TrainerApi> {
  remote ??= Comlink.wrap<TrainerApi>(
    new Worker(new URL('../../../workers/trainer.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tsugi-trainer',
    }),
  );
  return remote;
}
