import { describe, expect, it } from 'vitest';
import { canSendSharedMemory, kernelPlan } from './kernel-plan';

describe('the CPU kernel chosen by what works', () => {
  const all = { wanted: 4, isolated: true, sharedSendable: true, simd: true };

  it('runs the SIMD kernel on every core wanted where shared memory reaches workers', () => {
    expect(kernelPlan(all)).toEqual({
      threads: 4,
      simd: true,
      label: 'WASM SIMD kernel, 4 threads',
    });
  });

  it('keeps to one thread on a page that is not cross-origin isolated, and says why', () => {
    expect(kernelPlan({ ...all, isolated: false, sharedSendable: false })).toEqual({
      threads: 1,
      simd: true,
      label: 'WASM SIMD kernel, 1 thread: the page is not cross-origin isolated',
    });
  });

  it('keeps the SIMD kernel on one thread where shared memory cannot be sent (WebKitGTK)', () => {
    expect(kernelPlan({ ...all, sharedSendable: false })).toEqual({
      threads: 1,
      simd: true,
      label: 'WASM SIMD kernel, 1 thread: this browser cannot share memory with workers',
    });
  });

  it('runs the JavaScript loop without WASM SIMD, on threads where memory is shared', () => {
    expect(kernelPlan({ ...all, simd: false }).label).toBe(
      'JavaScript loop, 4 threads: this browser has no WASM SIMD',
    );
    expect(kernelPlan({ ...all, simd: false, isolated: false })).toEqual({
      threads: 1,
      simd: false,
      label:
        'JavaScript loop, 1 thread: this browser has no WASM SIMD, the page is not cross-origin isolated',
    });
  });

  it('gives no reason for one thread when one was asked for', () => {
    for (const isolated of [true, false]) {
      for (const sharedSendable of [true, false]) {
        expect(kernelPlan({ wanted: 1, isolated, sharedSendable, simd: true }).label).toBe(
          'WASM SIMD kernel, 1 thread',
        );
      }
    }
  });
});

describe('whether shared memory reaches a worker', () => {
  it('is sent where Node allows it (a real MessagePort)', () => {
    const sent: WebAssembly.Memory[] = [];
    const { port1, port2 } = new MessageChannel();
    try {
      expect(
        canSendSharedMemory((memory) => {
          port1.postMessage(memory);
          sent.push(memory);
        }),
      ).toBe(true);
    } finally {
      port1.close();
      port2.close();
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('is not, where posting it throws DataCloneError (WebKitGTK)', () => {
    const refuse = () => {
      throw new DOMException('The object can not be cloned.', 'DataCloneError');
    };
    expect(canSendSharedMemory(refuse)).toBe(false);
  });

  it('is not tried without a SharedArrayBuffer global', () => {
    let tried = false;
    expect(canSendSharedMemory(() => void (tried = true), null)).toBe(false);
    expect(tried).toBe(false);
  });
});
