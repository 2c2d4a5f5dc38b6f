/**
 * What the smoke steps need from a browser, implemented once per engine (Playwright for Chromium,
 * puppeteer-core over WebDriver BiDi for Firefox, selenium-webdriver for WebKitGTK), so that the
 * steps themselves are written once.
 */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface SmokeDriver {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  back(): Promise<void>;
  forward(): Promise<void>;
  /** A real click on the first element the selector matches. */
  click(selector: string): Promise<void>;
  /** Chooses a file in the `<input type="file">` the selector matches. */
  upload(selector: string, path: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page (a promise is awaited); the result is JSON. */
  run<T>(expression: string): Promise<T>;
  /** Errors the page threw or left unhandled since it was opened. */
  pageErrors(): Promise<string[]>;
  close(): Promise<void>;
}

/** Installed in every page before its scripts run, so that `pageErrors` sees what they throw. */
export const ERROR_TRAP = `(() => {
  if (window.__smokeErrors) return;
  window.__smokeErrors = [];
  addEventListener('error', (e) => window.__smokeErrors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => window.__smokeErrors.push(String(e.reason)));
})()`;

export class SmokeFailure extends Error {}

/**
 * Polls `expression` in the page until it is truthy and returns it; on timeout fails with `what`
 * and what the page's main element said, so that a failure in any engine explains itself.
 */
export async function waitUntil<T>(
  driver: SmokeDriver,
  expression: string,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await driver.run<T>(expression);
      if (value) return value;
    } catch (error) {
      // A navigation in progress destroys the context the expression ran in: try again.
      lastError = String(error);
    }
    if (Date.now() > deadline) {
      const main = await driver
        .run<string>(`document.querySelector('main')?.innerText.slice(0, 600) ?? ''`)
        .catch(() => '(unreadable)');
      throw new SmokeFailure(
        `${driver.engine}: ${what} (not within ${timeoutMs / 1000} s). The page said: ` +
          `${main.replace(/\s+/g, ' ')}${lastError ? `; last error: ${lastError}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function check(driver: SmokeDriver, condition: boolean, message: string): void {
  if (!condition) throw new SmokeFailure(`${driver.engine}: ${message}`);
}
