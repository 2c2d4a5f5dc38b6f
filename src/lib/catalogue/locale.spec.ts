import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserLocale, safeLocale, withSafeLanguage } from './locale';

describe('a locale that Intl accepts', () => {
  it('keeps a valid tag and falls back to English for one Intl refuses', () => {
    expect(safeLocale('en-GB')).toBe('en-GB');
    expect(safeLocale('ja')).toBe('ja');
    expect(safeLocale('C')).toBe('en');
    expect(safeLocale('')).toBe('en');
    expect(safeLocale(undefined)).toBe('en');
    expect(() => new Intl.NumberFormat('C')).toThrow(RangeError);
  });

  it('formats numbers with the fallback where the tag was invalid', () => {
    expect(new Intl.NumberFormat(safeLocale('C')).format(1234567)).toBe('1,234,567');
    expect((1234567).toLocaleString(safeLocale('en-GB'))).toBe('1,234,567');
  });
});

/** Like a browser's: `language` is a getter on the prototype. */
class FakeNavigator {
  constructor(private readonly tag: string) {}
  get language(): string {
    return this.tag;
  }
}

describe("the browser's language while uPlot loads", () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('reads as English during the load when the browser says "C", and as "C" after it', async () => {
    vi.stubGlobal('navigator', new FakeNavigator('C'));
    expect(browserLocale()).toBe('en');
    // What uPlot does as it loads: it throws on "C".
    const load = async () => new Intl.NumberFormat(globalThis.navigator.language).format(1500);
    await expect(load()).rejects.toThrow(RangeError);
    await expect(withSafeLanguage(load)).resolves.toBe('1,500');
    expect(globalThis.navigator.language).toBe('C');
  });

  it('restores the language when the load fails', async () => {
    vi.stubGlobal('navigator', new FakeNavigator(''));
    await expect(
      withSafeLanguage(() => Promise.reject(new Error(`load failed in ${navigator.language}`))),
    ).rejects.toThrow('load failed in en');
    expect(globalThis.navigator.language).toBe('');
  });

  it('leaves a valid language alone', async () => {
    vi.stubGlobal('navigator', new FakeNavigator('ja'));
    expect(browserLocale()).toBe('ja');
    await expect(withSafeLanguage(async () => navigator.language)).resolves.toBe('ja');
  });
});
