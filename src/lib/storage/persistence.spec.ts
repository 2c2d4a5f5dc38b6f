import { describe, expect, it } from 'vitest';
import { askToPersist, keepListAdvice } from './persistence';

describe('askToPersist', () => {
  it('does not ask again where storage is already persistent', async () => {
    let asked = 0;
    const storage = { persisted: async () => true, persist: async () => (asked++, true) };
    expect(await askToPersist(storage)).toBe('persisted');
    expect(asked).toBe(0);
  });

  it('asks, and reports what the browser answered', async () => {
    expect(await askToPersist({ persisted: async () => false, persist: async () => true })).toBe(
      'persisted',
    );
    expect(await askToPersist({ persisted: async () => false, persist: async () => false })).toBe(
      'refused',
    );
    const throwing = { persist: () => Promise.reject(new Error('denied')) };
    expect(await askToPersist(throwing)).toBe('refused');
  });

  it('is unavailable where the browser has no persist (older Safari, WPE)', async () => {
    expect(await askToPersist(undefined)).toBe('unavailable');
    expect(await askToPersist({})).toBe('unavailable');
  });
});

describe('keepListAdvice', () => {
  it('says nothing where storage is kept or the app runs from the Home Screen', () => {
    expect(keepListAdvice('persisted', false)).toBeNull();
    expect(keepListAdvice('refused', true)).toBeNull();
    expect(keepListAdvice('unavailable', true)).toBeNull();
  });

  it('names the two ways to keep the list, and why it is said', () => {
    const refused = keepListAdvice('refused', false)!;
    expect(refused).toMatch(/^This browser did not agree/);
    expect(refused).toContain('add Tsugi to your Home Screen');
    expect(refused).toContain('export your list from Your list');
    expect(keepListAdvice('unavailable', false)).toMatch(/^This browser gives no way to ask/);
  });
});
