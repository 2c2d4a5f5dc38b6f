import { beforeEach, describe, expect, it } from 'vitest';
import { deleteEverything, loadFineTuned } from '$lib/storage/db';
import { ListSignals } from './list-signals';
import { ListStore } from './list-store';
import { ShardIndices } from './shard-indices';
import { animeIndex, fanExport, malIdOf, testShard } from '$fixtures/engine-setup';

async function setUp() {
  const indices = new ShardIndices(await testShard(), 'sha-test');
  const signals = new ListSignals(indices, () => false);
  const list = new ListStore(indices, () => signals.listChanged());
  return { signals, list };
}

beforeEach(() => deleteEverything());

describe("the stored list's signals", () => {
  it('are null before there is a list', async () => {
    const { signals } = await setUp();
    expect(await signals.signals()).toBeNull();
    expect(await signals.explain([0])).toEqual([]);
  });

  it('fold the list into the shipped model once, and reuse the stored fold-in', async () => {
    const { signals, list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    const first = (await signals.signals())!;
    expect(first.model.kind).toBe('shipped');
    expect(first.collaborative).not.toBeNull();
    expect(first.usedEntries).toBe(4);
    expect(first.reusedFoldIn).toBe(false);
    expect(first.canPersonalise).toBe(true);
    signals.listChanged();
    expect((await signals.signals())!.reusedFoldIn).toBe(true);
  });

  it('come first without item-kNN while it is built, and with it once it is ready', async () => {
    const { signals, list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    const first = (await signals.signals())!;
    expect(first.withoutItemKnn).toBe(true);
    expect(first.itemBased).toBeNull();
    expect(first.collaborative).not.toBeNull();
    await signals.itemKnnReady();
    const again = (await signals.signals())!;
    expect(again.withoutItemKnn).toBe(false);
    expect(again.itemBased).not.toBeNull();
  });

  it('explain the list as stored now, not as it was at the last request', async () => {
    const { signals, list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    await signals.signals();
    const sequel = animeIndex(0, 3, 1);
    expect((await signals.explain([sequel]))[0]!.continues).toBeNull();
    const first = animeIndex(0, 3, 0);
    await list.edit({
      kind: 'add',
      malId: malIdOf(first),
      change: { status: 'completed', score: 9 },
    });
    expect((await signals.explain([sequel]))[0]!.continues).toBe(first);
  });

  it('fine-tune the model with the list (on the SIMD kernel in Node), then use it', async () => {
    const { signals, list } = await setUp();
    await list.importFile(fanExport(), 'fan.xml', { mode: 'merge' });
    await signals.signals();
    const result = await signals.personalise();
    expect(result!.examples).toBeGreaterThan(0);
    expect((await loadFineTuned())?.backend).toMatch(
      /^the WASM SIMD kernel, 1 thread \(not WebGPU: /,
    );
    const tuned = (await signals.signals())!;
    expect(tuned.model.kind).toBe('fine-tuned');
    expect(tuned.canPersonalise).toBe(false);
    expect((await signals.listModel()).tag.version).toMatch(/^fine-tuned:/);
    // Nothing left to do for the same list.
    expect(await signals.personalise()).toBeNull();
  });
});
