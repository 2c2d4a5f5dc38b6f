import { describe, expect, it } from 'vitest';
import { generatedShard } from '$fixtures/generated-shard';
import { nodeKernel } from '../kernel/node-stepper';
import { SHIPPED_EASE } from '../../src/lib/recommend/ease-sparse';
import { trainShippedModel } from './train-model';

const shard = generatedShard({ franchisesPerTaste: 8, usersPerTaste: 80, seed: 4 });
const config = { epochs: 12, seed: 3 };

describe('trainShippedModel', () => {
  it('trains on the WASM kernel threads as well as on the JavaScript loop, EASE beside', async () => {
    const lines: string[] = [];
    const kernel = await trainShippedModel(shard, {
      config,
      evaluate: true,
      stepper: await nodeKernel(2),
      ease: { ...SHIPPED_EASE, minLikes: 2 },
      log: (line) => lines.push(line),
    });
    const loop = await trainShippedModel(shard, { config, evaluate: true });
    expect(lines).toContain('  model: the WASM SIMD kernel on 2 threads');
    const kernelFigures = kernel.info.heldOut!.quantised;
    const loopFigures = loop.info.heldOut!.quantised;
    // Hogwild! threads shuffle differently from the loop: close figures, not the same bits.
    expect(kernelFigures.ndcg).toBeGreaterThan(loopFigures.ndcg - 0.05);
    expect(kernel.model.itemBias).not.toEqual(loop.model.itemBias);
    expect(kernel.info.examplesPerSecond).toBeGreaterThan(0);
    // EASE came back from its thread, with its progress lines, over every anime liked twice.
    expect(kernel.ease?.ease.items.length).toBe(shard.catalogue.size);
    expect(lines.some((line) => line.startsWith('  EASE: '))).toBe(true);
    expect(loop.ease).toBeUndefined();
  }, 60_000);
});
