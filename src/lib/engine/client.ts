/** The page's one handle on the engine worker, created lazily and only in the browser. */
import * as Comlink from 'comlink';
import type { EngineApi } from './engine.worker';

let remote: Comlink.Remote<EngineApi> | null = null;

export function engine(): Comlink.Remote<EngineApi> {
  remote ??= Comlink.wrap<EngineApi>(
    new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'tsugi-engine',
    }),
  );
  return remote;
}
