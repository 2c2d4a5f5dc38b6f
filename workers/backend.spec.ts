import { describe, expect, it } from 'vitest';
import { fineTuneBackend } from './backend';

describe('where the fine-tune steps', () => {
  it('uses WebGPU when a hardware adapter is there and nothing holds another backend', () => {
    expect(fineTuneBackend(null, false, null)).toEqual({ name: 'webgpu' });
    expect(fineTuneBackend('wasm', false, null)).toEqual({ name: 'webgpu' });
  });

  it('keeps WebGPU while a training run uses it', () => {
    expect(fineTuneBackend('webgpu', true, null)).toEqual({ name: 'webgpu' });
  });

  it('runs the plain loop without a hardware adapter, and says why', () => {
    const obstacle = 'the only WebGPU adapter is a software fallback, slower than WASM on this CPU';
    expect(fineTuneBackend(null, false, obstacle)).toEqual({
      name: 'javascript',
      reason: obstacle,
    });
  });

  it('leaves a training run on another backend alone', () => {
    expect(fineTuneBackend('wasm', true, null)).toEqual({
      name: 'javascript',
      reason: 'training from scratch holds the wasm backend',
    });
  });
});
