/** A helper thread of the CPU training kernel, started by the trainer worker (cpu-kernel.ts). */
import { kernelThread, type ToThread } from '$lib/model/wasm/kernel-thread';

const handle = kernelThread((message) => self.postMessage(message));
self.onmessage = (event: MessageEvent<ToThread>) => handle(event.data);
