/** The page's one handle on the engine worker, created lazily and only in the browser. */
import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';

let worker: Worker | null = null;
let remote: Comlink.Remote<EngineApi> | null = null;

export function engine(): Comlink.Remote<EngineApi> {
  if (remote) return remote;
  worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'tsugi-engine',
  });
  remote = Comlink.wrap<EngineApi>(worker);
  return remote;
}

/**
 * Ends the worker and whatever it was doing (its open database transactions abort, as on an
 * unload); the next `engine()` starts a new one. Says whether there was one to end.
 */
export function endEngine(): boolean {
  if (!worker) return false;
  worker.terminate();
  worker = null;
  remote = null;
  return true;
}
