/**
 * What the app cannot do without, and the one sentence that says so where a browser lacks it:
 * the dataset loads and ranks in a Web Worker, the list lives in IndexedDB, and training and the
 * fine-tune step in WebAssembly memory. Checked in the page, which stands for its workers.
 */

export interface BrowserFeatures {
  worker: boolean;
  indexedDB: boolean;
  webAssembly: boolean;
}

export function browserFeatures(scope: object = globalThis): BrowserFeatures {
  const has = (name: string) => (scope as Record<string, unknown>)[name] != null;
  return { worker: has('Worker'), indexedDB: has('indexedDB'), webAssembly: has('WebAssembly') };
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
  } else if (!features.indexedDB) {
    blocking = `This browser has no IndexedDB, so Tsugi cannot keep your list: ${INSTEAD}`;
  }
  const notice = features.webAssembly
    ? null
    : 'This browser has no WebAssembly (Lockdown Mode on an iPhone turns it off), so Tsugi ' +
      `cannot train or fine-tune its model here: ${INSTEAD}`;
  return { blocking, notice };
}
