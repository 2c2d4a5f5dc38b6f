/**
 * The browser's language as a tag that Intl accepts, else English. WebKit started with
 * LANG=C.UTF-8 reports `navigator.language` "C", on which `Intl.NumberFormat` throws RangeError.
 */
export function safeLocale(tag: string | null | undefined): string {
  if (!tag) return 'en';
  try {
    new Intl.NumberFormat(tag);
    new Intl.DateTimeFormat(tag);
    return tag;
  } catch {
    return 'en';
  }
}

/** The browser's own locale for numbers and dates, or 'en' (also outside a browser). */
export const browserLocale = (): string => safeLocale(globalThis.navigator?.language);

/**
 * Runs `load` while `navigator.language` reads as a valid tag. uPlot builds its number formatter
 * from `navigator.language` as its module loads, and takes no locale option, so its import goes
 * through here; afterwards the browser's own value shows again.
 */
export async function withSafeLanguage<T>(load: () => Promise<T>): Promise<T> {
  const navigator = globalThis.navigator as Navigator | undefined;
  const language = navigator?.language;
  if (!navigator || safeLocale(language) === language) return load();
  const own = Object.getOwnPropertyDescriptor(navigator, 'language');
  Object.defineProperty(navigator, 'language', { value: safeLocale(language), configurable: true });
  try {
    return await load();
  } finally {
    if (own) Object.defineProperty(navigator, 'language', own);
    else Reflect.deleteProperty(navigator, 'language');
  }
}
