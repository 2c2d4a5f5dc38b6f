import { describe, expect, it } from 'vitest';
import { makeTestShard } from '$fixtures/test-shard';
import type { NcfModel } from '$lib/model/ncf-model';
import { DeviceLostError } from '$lib/model/tf/device-loss';
import { plainStepper, type Stepper } from '$lib/model/train-loop';
import type { ModelCheckpoint } from '$lib/storage/db';
import { BACKENDS, type BackendName } from './api';
import { fallbackAfter } from './training-fallback';
import { runTraining, type TrainingDeps } from './training-run';

const options = { config: { dim: 4, epochs: 6, negatives: 2 } };
const control = () => ({ cancelled: false, paused: null });

/** Deps that stand in for the browser: backends by name, a stepper factory, a memory store. */
function fakeDeps(
  makeStepper: (initial: NcfModel, backend: BackendName, threads: number) => Stepper,
  first: BackendName = 'webgpu',
) {
  const saved: ModelCheckpoint[] = [];
  let current: BackendName = first;
  let threadsNow = 1;
  const chosen: BackendName[] = [];
  const deps: TrainingDeps = {
    async chooseBackend(preferred, exclude = [], because, threads) {
      current = BACKENDS.slice(BACKENDS.indexOf(first)).find((b) => !exclude.includes(b))!;
      // The WASM kernel gets two threads unless capped, as on a two-core machine.
      threadsNow = current === 'wasm' ? (threads ?? 2) : 1;
      chosen.push(current);
      return { name: current, reason: because ? `${because}; test` : 'test', threads: threadsNow };
    },
    makeStepper: (initial) => makeStepper(initial, current, threadsNow),
    save: async (c) => void saved.push(structuredClone(c)),
    load: async () => saved.at(-1),
  };
  return { deps, saved, chosen };
}

describe('runTraining', () => {
  it('trains, saves a checkpoint per epoch and marks the last one complete', async () => {
    const { deps, saved } = fakeDeps((m) => plainStepper(m));
    const summary = await runTraining(makeTestShard(), 'sha', options, () => {}, control(), deps);
    expect(summary.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved.map((c) => [c.epoch, c.complete])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
    ]);
    expect(summary.notices).toEqual([]);
  });

  it('falls back to the next backend when one fails mid-run and continues exactly', async () => {
    const reference = await runTraining(
      makeTestShard(),
      'sha',
      options,
      () => {},
      control(),
      fakeDeps((m) => plainStepper(m)).deps,
    );
    const { deps, chosen } = fakeDeps((initial, backend) => {
      const inner = plainStepper(initial);
      let steps = 0;
      if (backend !== 'webgpu') return inner;
      return {
        ...inner,
        train(examples, rate, l2) {
          if (++steps === 4) return Promise.reject(new Error('GPU device was lost'));
          return inner.train(examples, rate, l2);
        },
      };
    });
    const seen: number[] = [];
    const summary = await runTraining(
      makeTestShard(),
      'sha',
      options,
      (p) => seen.push(p.epoch),
      control(),
      deps,
    );
    expect(chosen).toEqual(['webgpu', 'wasm']);
    expect(summary.backend.name).toBe('wasm');
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.notices).toEqual([
      'The webgpu backend failed (GPU device was lost); training went on with wasm from epoch 3.',
    ]);
    expect(summary.epochs.map((e) => e.loss)).toEqual(reference.epochs.map((e) => e.loss));
  });

  it('threads that fail mid-run: the WASM kernel goes on with one thread, exactly', async () => {
    const reference = await runTraining(
      makeTestShard(),
      'sha',
      options,
      () => {},
      control(),
      fakeDeps((m) => plainStepper(m)).deps,
    );
    const { deps, chosen } = fakeDeps((initial, _backend, threads) => {
      const inner = plainStepper(initial);
      let steps = 0;
      if (threads === 1) return inner;
      return {
        ...inner,
        train(examples, rate, l2) {
          if (++steps === 3) return Promise.reject(new Error('The object can not be cloned.'));
          return inner.train(examples, rate, l2);
        },
      };
    }, 'wasm');
    const summary = await runTraining(makeTestShard(), 'sha', options, () => {}, control(), deps);
    expect(chosen).toEqual(['wasm', 'wasm']);
    expect(summary.backend.threads).toBe(1);
    expect(summary.notices).toEqual([
      "The WASM kernel's 2 threads failed (The object can not be cloned.); training went on with the kernel on 1 thread from epoch 2.",
    ]);
    expect(summary.epochs.map((e) => e.loss)).toEqual(reference.epochs.map((e) => e.loss));
  });

  it('resumes a stored unfinished run and refuses one from another shard', async () => {
    const { deps, saved } = fakeDeps((m) => plainStepper(m));
    const cancelAfterTwo = control();
    await runTraining(
      makeTestShard(),
      'sha',
      options,
      (p) => p.epoch === 2 && (cancelAfterTwo.cancelled = true),
      cancelAfterTwo,
      deps,
    );
    expect(saved.at(-1)!.epoch).toBe(2);
    const resumed = await runTraining(
      makeTestShard(),
      'sha',
      { resume: true },
      () => {},
      control(),
      deps,
    );
    expect(resumed.resumedFrom).toBe(2);
    expect(resumed.epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    saved.push({ ...saved.at(-1)!, complete: false, shardSha256: 'other' });
    await expect(
      runTraining(makeTestShard(), 'sha', { resume: true }, () => {}, control(), deps),
    ).rejects.toThrow(/another version of the dataset/);
  });
});

/** A stepper factory whose steps fail, per backend, at the given step (1-based). */
function failingOn(failures: Partial<Record<BackendName, [number, () => unknown]>>) {
  return (initial: NcfModel, backend: BackendName): Stepper => {
    const inner = plainStepper(initial);
    const failure = failures[backend];
    let steps = 0;
    if (!failure) return inner;
    return {
      ...inner,
      train(examples, rate, l2) {
        if (++steps === failure[0]) return Promise.reject(failure[1]());
        return inner.train(examples, rate, l2);
      },
    };
  };
}

describe('after a backend fails', () => {
  const lost = new DeviceLostError('destroyed', 'Device was destroyed.');

  it('a lost WebGPU device rules out both GPU backends and says why', () => {
    const fallback = fallbackAfter('webgpu', lost, [], 3);
    expect(fallback.exclude).toEqual(['webgpu', 'webgl']);
    expect(fallback.because).toBe('WebGPU device lost (reason: destroyed), continued from epoch 3');
    expect(fallback.notice('wasm')).toBe(
      'WebGPU device lost (reason: destroyed); continued on WASM from epoch 3.',
    );
    expect(fallback.notice('cpu')).toBe(
      'WebGPU device lost (reason: destroyed); continued on CPU from epoch 3.',
    );
  });

  it('the WASM kernel on several threads goes on with one thread before WASM is ruled out', () => {
    const threaded = fallbackAfter('wasm', new Error('DataCloneError'), ['webgpu'], 2, 4);
    expect(threaded.exclude).toEqual(['webgpu']);
    expect(threaded.threads).toBe(1);
    expect(threaded.because).toBe(
      "the WASM kernel's 4 threads failed (DataCloneError), continued from epoch 2",
    );
    expect(threaded.notice('wasm')).toBe(
      "The WASM kernel's 4 threads failed (DataCloneError); training went on with the kernel on 1 thread from epoch 2.",
    );
    // On one thread already: WASM itself is ruled out.
    const single = fallbackAfter('wasm', new Error('DataCloneError'), ['webgpu'], 2, 1);
    expect(single.exclude).toEqual(['webgpu', 'wasm']);
    expect(single.threads).toBeUndefined();
  });

  it('any other failure rules out only the backend that failed, keeping earlier ones out', () => {
    const fallback = fallbackAfter('wasm', new Error('out of memory'), ['webgpu', 'webgl'], 0);
    expect(fallback.exclude).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(fallback.notice('cpu')).toBe(
      'The wasm backend failed (out of memory); training went on with cpu from epoch 0.',
    );
    // A plain rejected read is not taken for a lost device.
    expect(fallbackAfter('webgpu', new Error('mapAsync failed'), [], 2).exclude).toEqual([
      'webgpu',
    ]);
  });

  it('a run that loses its device goes on with WASM from the checkpoint, then CPU, not WebGL', async () => {
    const reference = await runTraining(
      makeTestShard(),
      'sha',
      options,
      () => {},
      control(),
      fakeDeps((m) => plainStepper(m)).deps,
    );
    const { deps, chosen, saved } = fakeDeps(
      failingOn({ webgpu: [4, () => lost], wasm: [2, () => new Error('out of memory')] }),
    );
    const seen: number[] = [];
    const summary = await runTraining(
      makeTestShard(),
      'sha',
      options,
      (p) => seen.push(p.epoch),
      control(),
      deps,
    );
    // WASM fails on two threads, then on one: only then the JavaScript loop.
    expect(chosen).toEqual(['webgpu', 'wasm', 'wasm', 'cpu']);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved.map((c) => [c.epoch, c.backend])).toEqual([
      [1, 'webgpu'],
      [2, 'webgpu'],
      [3, 'webgpu'],
      [4, 'wasm'],
      [5, 'wasm'],
      [6, 'cpu'],
    ]);
    expect(summary.notices).toEqual([
      'WebGPU device lost (reason: destroyed); continued on WASM from epoch 3.',
      "The WASM kernel's 2 threads failed (out of memory); training went on with the kernel on 1 thread from epoch 4.",
      'The wasm backend failed (out of memory); training went on with cpu from epoch 5.',
    ]);
    expect(summary.backend).toEqual({
      name: 'cpu',
      reason: 'the wasm backend failed (out of memory), continued from epoch 5; test',
      threads: 1,
    });
    expect(summary.epochs.map((e) => e.loss)).toEqual(reference.epochs.map((e) => e.loss));
  });
});
