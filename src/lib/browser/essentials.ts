/**
 * What the app cannot do without, and the one sentence that says so where a browser lacks it:
 * the dataset loads and ranks in a Web Worker, the list lives in IndexedDB, and training and the
 * fine-tune step in WebAssembly memory. Checked in the page, which stands for its workers.
 */

export interface BrowserFeatures {
  worker: boolean;
  /** Workers written as ES modules (Firefox 114, Safari 15): the engine worker is one. */
  moduleWorker: boolean;
  indexedDB: boolean;
  webAssembly: boolean;
}

/**
 * A browser that knows module workers reads the `type` option when a worker is constructed; the
 * URL is invalid, so nothing is fetched and nothing starts.
 */
function acceptsModuleWorkers(WorkerClass: unknown): boolean {
  if (typeof WorkerClass !== 'function') return false;
  let read = false;
  const options = {
    get type() {
      read = true;
      return 'module' as const;
    },
  };
  try {
    new (WorkerClass as typeof Worker)('http://[', options).terminate();
  } catch {
    // The invalid URL throws, after the options were read.
  }
  return read;
}

export function browserFeatures(scope: object = globalThis): BrowserFeatures {
  const global = scope as Record<string, unknown>;
  const has = (name: string) => global[name] != null;
  return {
    worker: has('Worker'),
    moduleWorker: acceptsModuleWorkers(global.Worker),
    indexedDB: has('indexedDB'),
    webAssembly: has('WebAssembly'),
  };
}

const INSTEAD = 'use a current Firefox, Chrome or Safari.';

export interface Missing {
  /** Why the app cannot start here at all, or null. */
  blocking: string | null;
  /** What works here but not everything: training and the fine-tune need WebAssembly. */
  notice: string | null;
}

export function missingEssentials(features: BrowserFeatures): Missing {
  let blocking: string | null = null;
  if (!features.worker) {
    blocking = `This browser has no Web Workers, so Tsugi cannot load its dataset or rank anything: ${INSTEAD}`;
  } else if (!features.moduleWorker) {
    blocking = `This browser cannot start module workers (Firefox 114 and Safari 15 can), so Tsugi cannot load its dataset: ${INSTEAD}`;
  } else if (!features.indexedDB) {
    blocking = `This browser has no IndexedDB, so Tsugi cannot keep your list: ${INSTEAD}`;
  }
  const notice = features.webAssembly
    ? null
    : 'This browser has no WebAssembly (Lockdown Mode on an iPhone turns it off), so Tsugi ' +
      `cannot train or fine-tune its model here: ${INSTEAD}`;
  return { blocking, notice };
}
