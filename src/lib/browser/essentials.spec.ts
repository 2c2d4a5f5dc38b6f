import { describe, expect, it } from 'vitest';
import { browserFeatures, missingEssentials } from './essentials';

const all = { worker: true, moduleWorker: true, indexedDB: true, webAssembly: true };

describe('what the app cannot do without', () => {
  it('says nothing where everything is there', () => {
    expect(missingEssentials(all)).toEqual({ blocking: null, notice: null });
  });

  it('names a missing IndexedDB and what to use instead, in one sentence', () => {
    expect(missingEssentials({ ...all, indexedDB: false }).blocking).toBe(
      'This browser has no IndexedDB, so Tsugi cannot keep your list: use a current Firefox, Chrome or Safari.',
    );
  });

  it('names missing Web Workers first: nothing loads without them', () => {
    const { blocking } = missingEssentials({ ...all, worker: false, indexedDB: false });
    expect(blocking).toMatch(/^This browser has no Web Workers, so Tsugi cannot load its dataset/);
    expect(blocking!.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
  });

  it('names workers that cannot be modules (Firefox before 114)', () => {
    const { blocking } = missingEssentials({ ...all, moduleWorker: false });
    expect(blocking).toMatch(/^This browser cannot start module workers .* use a current Firefox/);
    expect(blocking!.split(/[.!?](\s|$)/).filter((s) => s.trim()).length).toBe(1);
  });

  it('lets the app start without WebAssembly, and says what cannot run', () => {
    expect(missingEssentials({ ...all, webAssembly: false })).toEqual({
      blocking: null,
      notice: expect.stringMatching(
        /^This browser has no WebAssembly .* cannot train or fine-tune/,
      ),
    });
  });

  it('reads the features from a global scope', () => {
    /** A Worker as a module-aware browser has it: it reads `type`, then refuses the URL. */
    class ModuleWorker {
      constructor(_url: string, options: { type?: string }) {
        void options.type;
        throw new SyntaxError('invalid URL');
      }
    }
    /** An older one never looks at the options. */
    class ClassicWorker {
      constructor() {
        throw new SyntaxError('invalid URL');
      }
    }
    const globals = { indexedDB: {}, WebAssembly: {} };
    expect(browserFeatures({ ...globals, Worker: ModuleWorker })).toEqual(all);
    expect(browserFeatures({ ...globals, Worker: ClassicWorker })).toEqual({
      ...all,
      moduleWorker: false,
    });
    expect(browserFeatures({ ...globals, Worker: ModuleWorker, indexedDB: undefined })).toEqual({
      ...all,
      indexedDB: false,
    });
    expect(browserFeatures({})).toEqual({
      worker: false,
      moduleWorker: false,
      indexedDB: false,
      webAssembly: false,
    });
  });
});
