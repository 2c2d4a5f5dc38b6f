/** One `SmokeDriver` per engine, each over the automation the engine's Debian build accepts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { Builder, By } from 'selenium-webdriver';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { ERROR_TRAP, type EngineName, type SmokeDriver } from './driver';

const VIEWPORT = { width: 390, height: 844 };

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
/** WebKitGTK's own small browser, which accepts automation (Epiphany 43 crashes under it). */
export const MINIBROWSER_PATH =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export async function launchChromium(): Promise<SmokeDriver> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    engine: 'chromium',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    back: async () => void (await page.goBack()),
    forward: async () => void (await page.goForward()),
    click: (selector) => page.locator(selector).first().click(),
    upload: (selector, path) => page.locator(selector).setInputFiles(path),
    run: (expression) => page.evaluate(expression),
    pageErrors: async () => errors,
    close: () => browser.close(),
  };
}

export async function launchFirefox(): Promise<SmokeDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
  });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    back: async () => void (await page.goBack()),
    forward: async () => void (await page.goForward()),
    click: (selector) => page.click(selector),
    upload: async (selector, path) => {
      const input = await page.waitForSelector(selector);
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
    },
    run: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    pageErrors: async () => errors,
    close: () => browser.close(),
  };
}

/** WebKitWebDriver under `xvfb-run` (WebKitGTK needs a display), driven by selenium-webdriver. */
export async function launchWebKit(port: number): Promise<SmokeDriver> {
  const server = spawn('xvfb-run', ['-a', WEBKIT_DRIVER_PATH, `--port=${port}`], {
    stdio: 'ignore',
    detached: true,
  });
  const stopServer = () => killGroup(server);
  try {
    const driver = await connectWebKit(port);
    const run = async <T>(expression: string): Promise<T> => {
      const result = (await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => (${expression}))
           .then((value) => done({ value }), (error) => done({ error: String(error) }));`,
      )) as { value?: T; error?: string };
      if (result.error !== undefined) throw new Error(result.error);
      return result.value as T;
    };
    // No script runs before the page's own here: the trap goes in after each navigation.
    const trapped = async () => void (await run(ERROR_TRAP));
    return {
      engine: 'webkit',
      goto: async (url) => {
        await driver.get(url);
        await trapped();
      },
      reload: async () => {
        await driver.navigate().refresh();
        await trapped();
      },
      back: async () => driver.navigate().back(),
      forward: async () => driver.navigate().forward(),
      click: async (selector) => driver.findElement(By.css(selector)).click(),
      upload: async (selector, path) => driver.findElement(By.css(selector)).sendKeys(path),
      run,
      pageErrors: () => run<string[]>('window.__smokeErrors ?? []'),
      close: async () => {
        await driver.quit().catch(() => {});
        stopServer();
      },
    };
  } catch (error) {
    stopServer();
    throw error;
  }
}

async function connectWebKit(port: number) {
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities(capabilities)
        .build();
    } catch (error) {
      // WebKitWebDriver takes a moment to listen.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

export function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

export function launch(engine: EngineName, webKitPort: number): Promise<SmokeDriver> {
  if (engine === 'chromium') return launchChromium();
  if (engine === 'firefox') return launchFirefox();
  return launchWebKit(webKitPort);
}
