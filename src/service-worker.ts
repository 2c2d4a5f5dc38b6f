/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches the app, the static files and the dataset shard under a versioned cache, then
 * serves them cache-first so the app works offline. A shard is cached only after it passed
 * validation: a damaged download never replaces a good copy, and a build whose shard is bad
 * never installs (the previous worker and its cache stay in charge).
 */
import { withContentPolicy } from '$lib/offline/content-policy';
import { withIsolation } from '$lib/offline/isolation';
import { build, files, prerendered, version } from '$service-worker';
import { validateContainer } from '$lib/data/sections';
import { collectFiles } from '$lib/offline/referenced-files';
import { SHARD_VERSION } from '$lib/data/shard-codec';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `tsugi-${version}`;
const ASSETS = [...build, ...files, ...prerendered];
const SHARD_FILE = /\/data\/shard\.[0-9a-f]+\.bin$/;

sw.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  // A static host may send no headers: add the isolation WASM threads need and the
  // Content-Security-Policy, which alone reaches the worker scripts and forbids framing.
  event.respondWith(respond(event.request, url).then(withIsolation).then(withContentPolicy));
});

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  await cache.addAll(ASSETS);
  // The worker's own chunks and WASM binaries, so that training works offline too.
  const workers = build
    .filter((f) => f.includes('/workers/'))
    .map((f) => new URL(f, location.href).href);
  const workerFiles = await collectFiles(workers, async (url) => {
    if (!(await cache.match(url))) await cache.add(url);
    return (await cache.match(url))!.text();
  });
  await cache.addAll(workerFiles.filter((url) => url.endsWith('.wasm')));
  for (const path of files.filter((f) => SHARD_FILE.test(f))) {
    const response = await cache.match(path);
    try {
      validateContainer(new Uint8Array(await response!.arrayBuffer()), SHARD_VERSION);
    } catch (error) {
      await caches.delete(CACHE);
      throw error;
    }
  }
}

async function respond(request: Request, url: URL): Promise<Response> {
  const cache = await caches.open(CACHE);
  if (request.cache === 'reload' && SHARD_FILE.test(url.pathname))
    return refreshShard(request, cache);
  if (request.cache !== 'reload') {
    const cached = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
  }
  try {
    return await fetch(request);
  } catch (error) {
    const fallback = await cache.match(request, { ignoreSearch: true });
    if (fallback) return fallback;
    throw error;
  }
}

/** Network first; the cached copy is replaced only by a copy that validates. */
async function refreshShard(request: Request, cache: Cache): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(request);
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    throw error;
  }
  if (!response.ok) return response;
  const bytes = await response.clone().arrayBuffer();
  try {
    validateContainer(new Uint8Array(bytes), SHARD_VERSION);
    await cache.put(request, response.clone());
  } catch {
    // Leave the cache alone: the page decodes this copy, rejects it and says why.
  }
  return response;
}
