/**
 * A WebGPU device lost mid-run, for real: the test reaches into the engine worker (Playwright
 * evaluates code in it), keeps every GPUDevice the worker asks for, and calls `destroy()` on it
 * at the first queue submit after it is armed, so the loss lands inside a training step. Training
 * must go on with WASM from the last checkpoint and say why; a fine-tune on WebGPU must finish on
 * the JavaScript loop. Runs on SwiftShader's software adapter (see DESIGN.md).
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { realExports } from '../support/exports';

interface LossHook {
  devices: { destroy(): void }[];
  armed: boolean;
  destroyed: number;
}

/** The engine worker, with the hook installed (before it has asked for a GPU device). */
async function hookedWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((w) => w.url().includes('engine.worker'));
  await expect.poll(() => find() !== undefined, { timeout: 20_000 }).toBe(true);
  const worker = find()!;
  await worker.evaluate(() => {
    type Proto<T> = { prototype: T };
    const scope = globalThis as unknown as {
      __deviceLossHook?: LossHook;
      GPUAdapter: Proto<{ requestDevice(...args: unknown[]): Promise<LossHook['devices'][0]> }>;
      GPUQueue: Proto<{ submit(buffers: unknown): void }>;
    };
    if (scope.__deviceLossHook) return;
    const hook: LossHook = { devices: [], armed: false, destroyed: 0 };
    scope.__deviceLossHook = hook;
    const adapter = scope.GPUAdapter.prototype;
    const requestDevice = adapter.requestDevice;
    adapter.requestDevice = async function (...args) {
      const device = await requestDevice.apply(this, args);
      hook.devices.push(device);
      return device;
    };
    const queue = scope.GPUQueue.prototype;
    const submit = queue.submit;
    queue.submit = function (buffers) {
      submit.call(this, buffers);
      if (!hook.armed) return;
      hook.armed = false;
      for (const device of hook.devices) device.destroy();
      hook.destroyed++;
    };
  });
  return worker;
}

const hookState = (worker: Worker) =>
  worker.evaluate(() => {
    const hook = (globalThis as unknown as { __deviceLossHook: LossHook }).__deviceLossHook;
    return { devices: hook.devices.length, destroyed: hook.destroyed };
  });

const arm = (worker: Worker) =>
  worker.evaluate(() => {
    (globalThis as unknown as { __deviceLossHook: LossHook }).__deviceLossHook.armed = true;
  });

const epochRows = (page: Page) => page.getByTestId('epochs-table').locator('tbody tr');

/** The epoch of the checkpoint in the page's IndexedDB. */
const storedEpoch = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number | undefined>((resolve, reject) => {
        const open = indexedDB.open('tsugi');
        open.onerror = () => reject(new Error('cannot open the database'));
        open.onsuccess = () => {
          const get = open.result.transaction('models').objectStore('models').get('current');
          get.onerror = () => reject(new Error('cannot read the checkpoint'));
          get.onsuccess = () => {
            open.result.close();
            resolve((get.result as { epoch?: number } | undefined)?.epoch);
          };
        };
      }),
  );

async function startTraining(page: Page, backend: string, epochs: number): Promise<void> {
  await page.getByTestId('backend').selectOption(backend);
  await page.getByTestId('epochs').fill(String(epochs));
  await page.getByTestId('holdout').uncheck();
  await page.getByTestId('train').click();
}

test('a device lost mid-epoch: training goes on with WASM from the checkpoint, and says so', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await page.goto('/model');
  const worker = await hookedWorker(page);
  await startTraining(page, 'webgpu', 3);
  await expect(epochRows(page)).toHaveCount(1, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const progress = page.getByTestId('training-progress');
  await expect(progress).toContainText(/Paused at epoch \d of 3/, { timeout: 120_000 });
  const paused = Number(/Paused at epoch (\d)/.exec((await progress.textContent()) ?? '')![1]);
  expect(paused).toBeLessThan(3);
  expect(await storedEpoch(page)).toBe(paused);
  expect(await hookState(worker)).toEqual({ devices: 1, destroyed: 0 });

  // The next epoch's first submit destroys the device under the WGSL kernel.
  await arm(worker);
  await page.getByRole('button', { name: 'Resume' }).click();
  const notice = page.getByTestId('training-notice');
  await expect(notice).toHaveText(
    `WebGPU device lost (reason: destroyed); continued on WASM from epoch ${paused}.`,
    // Shown with the first epoch on WASM; these shared CPUs can be slow.
    { timeout: 240_000 },
  );
  const summary = page.getByTestId('training-summary');
  await expect(summary).toBeVisible({ timeout: 240_000 });
  await expect(summary).toContainText(
    `Backend: wasm (WebGPU device lost (reason: destroyed), continued from epoch ${paused};`,
  );
  await expect(progress).toContainText('Finished: epoch 3 of 3');
  await expect(epochRows(page).locator('td:first-child')).toHaveText(['1', '2', '3']);
  expect(await storedEpoch(page)).toBe(3);
  expect(await hookState(worker)).toEqual({ devices: 1, destroyed: 1 });

  // The lost device is not used again in this session, even when the settings ask for WebGPU.
  await startTraining(page, 'webgpu', 1);
  await expect(summary).toContainText(
    /Backend: wasm \(not WebGPU: the WebGPU device was lost \(reason: destroyed\) earlier in this session \(a reload tries it again\), though chosen in the settings; WASM/,
    { timeout: 120_000 },
  );
  expect(await hookState(worker)).toEqual({ devices: 1, destroyed: 1 });
});

test('a device lost during a fine-tune on WebGPU: it finishes on the JavaScript loop', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await page.goto('/model');
  const worker = await hookedWorker(page);
  // A run on WebGPU leaves TF.js on it: the fine-tune then steps there too, software adapter or not.
  await startTraining(page, 'webgpu', 1);
  await expect(page.getByTestId('training-summary')).toContainText('Backend: webgpu', {
    timeout: 120_000,
  });
  await arm(worker);
  // In-app navigation keeps the worker (and its TF.js backend).
  await page.getByRole('link', { name: 'See your recommendations' }).click();
  const largest = realExports().sort((a, b) => b.entries - a.entries)[0]!;
  await page.getByTestId('import-file').setInputFiles(largest.path);
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('model-in-use')).toHaveAttribute('data-kind', 'fine-tuned', {
    timeout: 120_000,
  });
  expect(await hookState(worker)).toEqual({ devices: 1, destroyed: 1 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model' }).click();
  await expect(page.getByTestId('tuned-on')).toHaveText(
    /^, on WebGPU, then the JavaScript loop from epoch 1 \(WebGPU device lost \(reason: destroyed\)/,
  );
});
