/**
 * Choosing where training computes, in the worker: WebGPU (TF.js with the WGSL kernel) only on
 * a hardware adapter (a software adapter is far slower than the CPU), then WASM (the SIMD kernel
 * on every core, cpu-kernel.ts), WebGL (TF.js), CPU (the plain JavaScript loop). Each backend's
 * code loads only when tried. A failure at start-up falls through to the next one. Once WebGPU's
 * device is lost, WebGPU is not used again until the page reloads (a new worker, a new device).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { NcfModel } from '$lib/model/ncf-model';
import { BACKENDS, type BackendChoice, type BackendName } from './api';
import { activeDeviceWatch, DeviceLostError, type DeviceWatch } from '$lib/model/tf/device-loss';
import { TfNcf } from '$lib/model/tf/tf-ncf';
import { plainStepper, type Stepper } from '$lib/model/train-loop';
import { KernelStepper } from '$lib/model/wasm/kernel-stepper';
import { cpuKernel, type CpuKernel } from './cpu-kernel';

interface GpuAdapterLike {
  info?: {
    isFallbackAdapter?: boolean;
    vendor?: string;
    architecture?: string;
    description?: string;
  };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

/** The adapter in words: "WebGPU kernel on <this>". */
function adapterName(adapter: GpuAdapterLike | null): string {
  const info = adapter?.info;
  const name = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return `${name || 'an unnamed adapter'}${info?.isFallbackAdapter ? ' (software fallback)' : ''}`;
}

const gpuOf = () => (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;

/** The watch on the device of TF.js's WebGPU backend, once it has started. */
let webgpuDevice: DeviceWatch | null = null;

/** Why WebGPU is not used again: its device was lost earlier in this worker. */
function webgpuLost(): string | null {
  const lost = webgpuDevice?.lost;
  if (!lost) return null;
  return `the WebGPU device was lost (reason: ${lost.reason}) earlier in this session (a reload tries it again)`;
}

/** Why WebGPU should not be used here, or null when it should. */
async function webgpuObstacle(): Promise<string | null> {
  const lost = webgpuLost();
  if (lost) return lost;
  const gpu = gpuOf();
  if (!gpu) return 'this browser has no WebGPU';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'no WebGPU adapter is available';
  if (adapter.info?.isFallbackAdapter) {
    return 'the only WebGPU adapter is a software fallback, slower than WASM on this CPU';
  }
  return null;
}

async function load(name: BackendName): Promise<void> {
  if (name === 'webgpu') {
    await import('@tensorflow/tfjs-backend-webgpu');
    const [kernel, check] = await Promise.all([
      import('$lib/model/tf/ncf-sgd-webgpu'),
      import('$lib/model/tf/ncf-sgd-webgpu-check'),
    ]);
    kernel.registerNcfSgdWebGpu();
    verifyKernel = check.verifyNcfSgdWebGpu;
  }
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
}

/** What computes the training step, in words, after why this backend was chosen. */
async function withDetail(name: BackendName, reason: string): Promise<string> {
  if (name === 'webgpu') {
    const adapter = adapterName(
      (await gpuOf()
        ?.requestAdapter()
        .catch(() => null)) ?? null,
    );
    return `${reason}; WebGPU kernel on ${adapter}, which matches the JavaScript step on this device (largest difference ${kernelDifference.toExponential(1)})`;
  }
  if (name === 'wasm') return `${reason}; ${cpu!.label}`;
  if (name === 'webgl') return `${reason}; the JavaScript step through WebGL read-backs, 1 thread`;
  return `${reason}; JavaScript, 1 thread`;
}

/** The CPU kernel, once WASM was chosen. */
let cpu: CpuKernel | null = null;
let verifyKernel: () => Promise<number> = () => Promise.resolve(0);
let kernelDifference = NaN;

/** Null when the backend started, else why not. */
async function start(name: BackendName, threads?: number): Promise<string | null> {
  const lost = name === 'webgpu' && webgpuLost();
  // TF.js would hand back the backend of the lost device: it must not be chosen again.
  if (lost) return `not WebGPU: ${lost}`;
  try {
    // The CPU paths need no TF.js backend: the kernel and the loop work on their own arrays.
    if (name === 'wasm') cpu = await cpuKernel(threads);
    if (name === 'wasm' || name === 'cpu') return null;
    await load(name);
    if (!(await tf.setBackend(name))) return `${name} failed to start`;
    if (name === 'webgpu') {
      // Listened to from now on: a loss at any time is seen, not only by a failing read.
      webgpuDevice = activeDeviceWatch();
      // A GPU that computes the training step wrongly must not train: checked once, on a tiny model.
      kernelDifference = await verifyKernel();
    }
    return null;
  } catch (error) {
    return `${name} failed to start (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * `preferred` (a user setting) is tried first, as is; otherwise WebGPU is tried only on a
 * hardware adapter. The reason says why the backend in use was chosen; `because` (why the
 * backends in `exclude` were left out) opens it. `threads` caps the WASM kernel's threads.
 */
export async function chooseBackend(
  preferred?: BackendName,
  exclude: BackendName[] = [],
  because?: string,
  threads?: number,
): Promise<BackendChoice> {
  const skipped: string[] = because ? [because] : [];
  const chosen = async (name: BackendName, reason: string): Promise<BackendChoice> => ({
    name,
    reason: await withDetail(name, reason),
    threads: name === 'wasm' ? cpu!.options.threads : 1,
  });
  if (preferred && !exclude.includes(preferred)) {
    const failure = await start(preferred, threads);
    if (!failure) return chosen(preferred, 'chosen in the settings');
    skipped.push(`${failure}, though chosen in the settings`);
  }
  for (const name of BACKENDS) {
    if (name === preferred || exclude.includes(name)) continue;
    if (name === 'webgpu') {
      const obstacle = await webgpuObstacle();
      if (obstacle) {
        skipped.push(`not WebGPU: ${obstacle}`);
        continue;
      }
    }
    const failure = await start(name, threads);
    if (!failure) {
      const reason =
        name === 'webgpu' ? 'a hardware WebGPU adapter is available' : skipped.join('; ');
      return chosen(name, reason || `${name} is the first backend that started`);
    }
    skipped.push(failure);
  }
  throw new Error(`No TF.js backend could start: ${skipped.join('; ')}`);
}

/** Where a training run's SGD steps on backend `name`, from `initial`. */
export function stepperFor(name: BackendName, initial: NcfModel): Stepper {
  if (name === 'wasm') return new KernelStepper(initial, cpu!.options);
  if (name === 'cpu') return plainStepper(initial);
  return new TfNcf(initial);
}

/** Where a fine-tune steps: the WGSL kernel, or the CPU (the SIMD kernel on one thread). */
export type FineTuneBackend = { name: 'webgpu' } | { name: 'javascript'; reason: string };

/**
 * The fine-tune runs on WebGPU when a hardware adapter is there; elsewhere on the plain loop,
 * which is the very step the WASM and CPU kernels run, without copies in and out of TF.js.
 * A training run on another backend keeps it: switching TF.js's backend under it would move its
 * variables. A lost WebGPU device rules WebGPU out, even while TF.js still has it active.
 */
export function fineTuneBackend(
  active: string | null,
  trainingRuns: boolean,
  webgpu: string | null,
  lost: string | null = null,
): FineTuneBackend {
  if (lost) return { name: 'javascript', reason: lost };
  if (active === 'webgpu') return { name: 'webgpu' };
  if (webgpu) return { name: 'javascript', reason: webgpu };
  if (trainingRuns)
    return { name: 'javascript', reason: `training from scratch holds the ${active} backend` };
  return { name: 'webgpu' };
}

/**
 * A GPU stepper that keeps the parameters of its last completed step, and when a step fails (a
 * lost device, memory) goes on from them with the plain loop: a fine-tune neither hangs on nor
 * dies with the GPU. `onFallback` hears how many steps the GPU completed, and why it stopped.
 */
export function withPlainFallback(
  initial: NcfModel,
  gpu: (initial: NcfModel) => Stepper,
  onFallback: (completed: number, error: unknown) => void,
): Stepper {
  let primary: Stepper | null = null;
  let plain: Stepper | null = null;
  let last = initial;
  let completed = 0;
  const release = () => {
    try {
      primary?.dispose?.();
    } catch {
      // A lost device may not free its buffers cleanly; they go with it.
    }
    primary = null;
  };
  const fallBack = (error: unknown) => {
    release();
    onFallback(completed, error);
    plain = plainStepper(structuredClone(last));
  };
  try {
    primary = gpu(initial);
  } catch (error) {
    fallBack(error);
  }
  return {
    async train(examples, rate, l2) {
      if (primary) {
        try {
          const loss = await primary.train(examples, rate, l2);
          // Read back now: once the device is lost, nothing can be.
          last = await primary.toModel();
          completed++;
          return loss;
        } catch (error) {
          fallBack(error);
        }
      }
      return plain!.train(examples, rate, l2);
    },
    toModel: () => plain?.toModel() ?? Promise.resolve(structuredClone(last)),
    dispose: release,
  };
}

/** Why a GPU step stopped, in words for the model page. */
function stepFailure(error: unknown): string {
  if (error instanceof DeviceLostError) return error.message;
  return `the WebGPU step failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The stepper a fine-tune should use now, and its label for the model page. On WebGPU the label
 * is read once the fine-tune is over: it says so when the steps went on with the plain loop.
 */
export async function fineTuneStepper(trainingRuns: boolean): Promise<{
  makeStepper: (initial: NcfModel) => Stepper;
  readonly label: string;
}> {
  const active = tf.engine().backendName || null;
  let choice = fineTuneBackend(active, trainingRuns, await webgpuObstacle(), webgpuLost());
  if (choice.name === 'webgpu' && active !== 'webgpu') {
    const failure = await start('webgpu');
    if (failure) choice = { name: 'javascript', reason: failure };
  }
  if (choice.name === 'webgpu') {
    let fellBack: string | null = null;
    return {
      makeStepper: (initial) =>
        withPlainFallback(
          initial,
          (model) => new TfNcf(model),
          (completed, error) => {
            fellBack = `WebGPU, then the JavaScript loop from epoch ${completed + 1} (${stepFailure(error)})`;
          },
        ),
      get label() {
        return fellBack ?? 'WebGPU';
      },
    };
  }
  // One thread: a fine-tune is small, and runs beside whatever else the worker does.
  const kernel = await cpuKernel(1);
  return {
    makeStepper: (initial) => new KernelStepper(initial, kernel.options),
    label: `the ${kernel.label} (not WebGPU: ${choice.reason})`,
  };
}
