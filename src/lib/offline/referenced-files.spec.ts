import { describe, expect, it } from 'vitest';
import { collectFiles, referencedFiles } from './referenced-files';

const base = 'http://127.0.0.1/_app/immutable/workers/';

describe('referencedFiles', () => {
  it('finds the chunks and assets a built worker loads', () => {
    const code =
      'const a=import(`./chunks/CmHASK1X.js`);import{x}from"./chunks/XKyaHtl9.js";' +
      'const u=new URL(`assets/tfjs-backend-wasm-simd-BrM3BlWr.wasm`,import.meta.url).href;' +
      'const s="tfjs-backend-wasm-simd.wasm";const t="some text.js";';
    expect(referencedFiles(code, `${base}engine.worker-DU1.js`)).toEqual([
      `${base}chunks/CmHASK1X.js`,
      `${base}chunks/XKyaHtl9.js`,
      `${base}assets/tfjs-backend-wasm-simd-BrM3BlWr.wasm`,
    ]);
  });

  it('finds a worker the worker starts, named bare beside it', () => {
    const code = 'new Worker(new URL("kernel-thread.worker-CidSOVqI.js", import.meta.url).href)';
    expect(referencedFiles(code, `${base}engine.worker-DU1.js`)).toEqual([
      `${base}kernel-thread.worker-CidSOVqI.js`,
    ]);
  });

  it('follows chunks that import chunks, once each', async () => {
    const files: Record<string, string> = {
      [`${base}w.js`]: 'import(`./chunks/a.js`)',
      [`${base}chunks/a.js`]: 'import("./b.js");new URL(`../assets/x.wasm`,import.meta.url)',
      [`${base}chunks/b.js`]: 'import("./a.js")',
    };
    const all = await collectFiles([`${base}w.js`], async (url) => files[url]!);
    expect(all.sort()).toEqual([
      `${base}assets/x.wasm`,
      `${base}chunks/a.js`,
      `${base}chunks/b.js`,
      `${base}w.js`,
    ]);
  });
});
