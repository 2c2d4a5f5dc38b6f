/** A helper thread of the training kernel in Node (worker_threads), for tests and scripts. */
import { parentPort } from 'node:worker_threads';
import { kernelThread, type ToThread } from '../../src/lib/model/wasm/kernel-thread';

const port = parentPort!;
const handle = kernelThread((message) => port.postMessage(message));
port.on('message', (message: ToThread) => handle(message));
