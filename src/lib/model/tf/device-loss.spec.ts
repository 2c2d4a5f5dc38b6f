import { describe, expect, it } from 'vitest';
import { DeviceLostError, deviceOf, watchDevice, type LosableDevice } from './device-loss';

/** A device whose loss the test decides. */
function fakeDevice() {
  let lose!: (info: { reason: string; message: string }) => void;
  const device: LosableDevice = { lost: new Promise((resolve) => (lose = resolve)) };
  return { device, lose };
}

const never = new Promise<never>(() => {});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watching a WebGPU device', () => {
  it('knows nothing is wrong until device.lost settles, then says why', async () => {
    const { device, lose } = fakeDevice();
    const watch = watchDevice(device);
    expect(watch.lost).toBeNull();
    expect(() => watch.check()).not.toThrow();
    lose({ reason: 'destroyed', message: 'Device was destroyed.' });
    await tick();
    expect(watch.lost).toBeInstanceOf(DeviceLostError);
    expect(watch.lost?.message).toBe('WebGPU device lost (reason: destroyed)');
    expect(watch.lost?.detail).toBe('Device was destroyed.');
    expect(() => watch.check()).toThrow('WebGPU device lost (reason: destroyed)');
  });

  it('is one watch per device', () => {
    const { device } = fakeDevice();
    expect(watchDevice(device)).toBe(watchDevice(device));
    expect(watchDevice(fakeDevice().device)).not.toBe(watchDevice(device));
  });

  it('ends a read that would never come back once the device is lost', async () => {
    const { device, lose } = fakeDevice();
    const watch = watchDevice(device);
    const read = watch.race(never);
    lose({ reason: 'unknown', message: 'GPU reset' });
    await expect(read).rejects.toThrow('WebGPU device lost (reason: unknown)');
    await expect(watch.race(Promise.resolve(7))).rejects.toBeInstanceOf(DeviceLostError);
  });

  it('leaves reads alone while the device lives', async () => {
    const watch = watchDevice(fakeDevice().device);
    await expect(watch.race(Promise.resolve(7))).resolves.toBe(7);
  });

  it('takes a failed read for the loss that follows it, and other failures for themselves', async () => {
    const { device, lose } = fakeDevice();
    const watch = watchDevice(device);
    const failure = new Error('mapAsync: the device is gone');
    expect(await watch.explain(failure, 10)).toBe(failure);
    const explained = watch.explain(failure, 5_000);
    lose({ reason: 'destroyed', message: '' });
    expect(await explained).toBe(watch.lost);
  });

  it("finds the device of TF.js's WebGPU backend, and none on another", () => {
    const { device } = fakeDevice();
    expect(deviceOf({ device })).toBe(device);
    expect(deviceOf({})).toBeNull();
    expect(deviceOf(null)).toBeNull();
    expect(deviceOf({ device: {} })).toBeNull();
  });
});
