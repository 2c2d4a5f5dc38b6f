/**
 * Listening for the loss of a WebGPU device. A lost device drops the work submitted to it and,
 * in Chromium, rejects buffer reads, but only `device.lost` says that the device is gone and
 * why. One watch per device, made when TF.js's WebGPU backend starts: the stepper checks it
 * before each batch and races its reads against it, so a loss never leaves a step waiting.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The part of a GPUDevice (and its GPUDeviceLostInfo) read here. */
export interface LosableDevice {
  lost: Promise<{ reason: string; message: string }>;
}

export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';

  constructor(
    /** GPUDeviceLostReason: 'destroyed', or 'unknown' (a GPU reset, a driver crash…). */
    readonly reason: string,
    /** The browser's own words. */
    readonly detail: string,
  ) {
    super(`WebGPU device lost (reason: ${reason || 'unknown'})`);
  }
}

export interface DeviceWatch {
  /** Set once the device is lost. */
  readonly lost: DeviceLostError | null;
  /** Throws the loss, if the device is lost. */
  check(): void;
  /** `work`, unless the device is lost first: then it rejects with the loss. */
  race<T>(work: Promise<T>): Promise<T>;
  /**
   * What a failed step should report: the loss when the device is lost, or is within `graceMs`
   * (a rejected read may arrive before `device.lost` settles), else `error` itself.
   */
  explain(error: unknown, graceMs?: number): Promise<unknown>;
}

const watches = new WeakMap<LosableDevice, DeviceWatch>();

/** The watch on `device`: made on the first call, shared by every later one. */
export function watchDevice(device: LosableDevice): DeviceWatch {
  let watch = watches.get(device);
  if (!watch) {
    watch = makeWatch(device);
    watches.set(device, watch);
  }
  return watch;
}

function makeWatch(device: LosableDevice): DeviceWatch {
  let lost: DeviceLostError | null = null;
  const whenLost = device.lost.then((info) => {
    lost = new DeviceLostError(info.reason, info.message);
    throw lost;
  });
  // Rejects only when the device is lost; who races against it handles that.
  whenLost.catch(() => {});
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  return {
    get lost() {
      return lost;
    },
    check() {
      if (lost) throw lost;
    },
    race(work) {
      if (!lost) return Promise.race([work, whenLost]);
      work.catch(() => {});
      return Promise.reject(lost);
    },
    async explain(error, graceMs = 1000) {
      if (error instanceof DeviceLostError) return error;
      await Promise.race([whenLost, sleep(graceMs)]).catch(() => {});
      return lost ?? error;
    },
  };
}

/** The device of a TF.js WebGPU backend; null for any other backend. */
export function deviceOf(backend: unknown): LosableDevice | null {
  const device = (backend as { device?: { lost?: unknown } } | null)?.device;
  const lost = device?.lost as Promise<unknown> | undefined;
  return typeof lost?.then === 'function' ? (device as LosableDevice) : null;
}

/** The watch on the active TF.js backend's device: null unless that backend is WebGPU. */
export function activeDeviceWatch(): DeviceWatch | null {
  if (tf.engine().backendName !== 'webgpu') return null;
  const device = deviceOf(tf.engine().backend);
  return device && watchDevice(device);
}
