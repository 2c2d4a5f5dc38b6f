/**
 * The build's slow independent steps on Node worker threads, so they share the cores: EASE's
 * inverse and the float model's held-out check run beside the int8 model's check.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ShippedEase } from '../../src/lib/data/ease-codec';
import type { HeldOut } from '../../src/lib/data/model-codec';
import type { Shard } from '../../src/lib/data/shard-types';
import { splitUsers } from '../../src/lib/evaluation/split';
import type { NcfModel } from '../../src/lib/model/ncf-model';
import type { Interactions } from '../../src/lib/model/ncf-train';
import type { NegativeSampler } from '../../src/lib/model/negative-sampler';
import type { ShippedEaseConfig } from '../../src/lib/recommend/ease-sparse';
import { tsxWorker } from '../kernel/node-threads';
import { shippedEase } from '../model/ease-parts';
import { heldOutFigures } from './held-out';

interface HeldOutJob {
  kind: 'held-out';
  shard: Pick<Shard, 'catalogue' | 'ratings'>;
  model: NcfModel;
  sampler: NegativeSampler;
}

interface EaseJob {
  kind: 'ease';
  set: Interactions;
  catalogueSize: number;
  users: number;
  config: ShippedEaseConfig;
}

type Job = HeldOutJob | EaseJob;
type Reply = { line: string } | { result: unknown };

function inThread<T>(job: Job, log: (line: string) => void = () => {}): Promise<T> {
  const worker = tsxWorker(import.meta.url, job);
  return new Promise((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if ('line' in reply) return log(reply.line);
      resolve(reply.result as T);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** The figures of `model` on the held-out users. */
export const heldOutInThread = (job: Omit<HeldOutJob, 'kind'>) =>
  inThread<HeldOut>({ kind: 'held-out', ...job });

/** EASE as the shard ships it, its progress lines passed to `log`. */
export const easeInThread = (job: Omit<EaseJob, 'kind'>, log: (line: string) => void) =>
  inThread<ShippedEase | undefined>({ kind: 'ease', ...job }, log);

function run(job: Job, reply: (message: Reply) => void): void {
  if (job.kind === 'held-out') {
    const { shard, model, sampler } = job;
    reply({ result: heldOutFigures(shard, splitUsers(shard.ratings), model, sampler) });
  } else {
    const { set, catalogueSize, users, config } = job;
    reply({ result: shippedEase(set, catalogueSize, users, config, (line) => reply({ line })) });
  }
}

if (parentPort && (workerData as Job | undefined)?.kind) {
  const port = parentPort;
  run(workerData as Job, (message) => port.postMessage(message));
}
