/** Fetches the manifest and the shard it names, and decodes it, timing each step (worker-safe). */
import { MANIFEST_PATH, type ShardManifest } from './manifest';
import { ShardError } from './sections';
import { decodeShard, SHARD_VERSION } from './shard-codec';
import type { Shard } from './shard-types';

export interface ShardTimings {
  downloadMs: number;
  decodeMs: number;
}

export interface LoadedShard {
  shard: Shard;
  manifest: ShardManifest;
  timings: ShardTimings;
}

/** A load failure the UI can explain; `retryable` offers "fetch again". */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/**
 * `fresh` asks the service worker to go to the network; it replaces its cached copy only once
 * the new one has passed validation, so a bad download never evicts a good copy.
 */
export async function fetchShard(baseUrl: string, fresh = false): Promise<LoadedShard> {
  const started = performance.now();
  const cache: RequestCache = fresh ? 'reload' : 'default';
  const manifest = await fetchManifest(new URL(MANIFEST_PATH, baseUrl).href, cache);
  const response = await get(new URL(`data/${manifest.file}`, baseUrl).href, cache, 'the dataset');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const downloaded = performance.now();
  const shard = await decodeShard(bytes);
  const timings = { downloadMs: downloaded - started, decodeMs: performance.now() - downloaded };
  return { shard, manifest, timings };
}

async function fetchManifest(url: string, cache: RequestCache): Promise<ShardManifest> {
  const response = await get(url, cache, 'the dataset index');
  let manifest: ShardManifest;
  try {
    manifest = (await response.json()) as ShardManifest;
  } catch {
    throw new LoadError('The dataset index (shard.json) is not valid JSON.');
  }
  if (typeof manifest.file !== 'string' || !/^shard\.[0-9a-f]+\.bin$/.test(manifest.file)) {
    throw new LoadError('The dataset index (shard.json) does not name a dataset file.');
  }
  if (manifest.version !== SHARD_VERSION) {
    throw new ShardError(
      'version',
      `The dataset is format version ${manifest.version}; this app reads version ${SHARD_VERSION}.`,
    );
  }
  return manifest;
}

async function get(url: string, cache: RequestCache, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { cache });
  } catch {
    throw new LoadError(
      `Could not download ${what}: the network is unreachable and no copy is stored yet.`,
    );
  }
  if (!response.ok)
    throw new LoadError(`Could not download ${what}: the server answered ${response.status}.`);
  return response;
}

/** What to tell the user about a failed load. */
export function describeLoadError(error: unknown): string {
  if (error instanceof ShardError) {
    const what = {
      'not-a-shard': 'The downloaded dataset is not a Tsugi dataset file.',
      truncated: 'The downloaded dataset is incomplete (the download was cut short).',
      corrupt: 'The downloaded dataset is damaged.',
      version: 'The dataset does not match this version of the app.',
    }[error.kind];
    return `${what} ${error.message}`;
  }
  if (error instanceof LoadError) return error.message;
  return `The dataset could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
}
