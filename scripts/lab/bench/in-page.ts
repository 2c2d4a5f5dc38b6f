/// <reference lib="dom" />
/** Functions the benchmarks run inside the page (page.evaluate), hence the DOM types. */

/** How long the worker took to build the item-kNN it stored (null if none is stored yet). */
export async function storedItemKnnBuildMs(): Promise<number | null> {
  // Opened without a version: if the app has not created it yet, abort rather than create an
  // empty version 1 that the app's upgrade would then skip. (Inline: page functions cannot share
  // helpers.)
  const db = await new Promise<IDBDatabase | null>((resolve) => {
    const request = indexedDB.open('tsugi');
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
  });
  if (!db) return null;
  if (!db.objectStoreNames.contains('derived')) {
    db.close();
    return null;
  }
  const request = db.transaction('derived').objectStore('derived').get('item-knn');
  const stored = await new Promise<{ buildMs: number } | undefined>((resolve) => {
    request.onsuccess = () => resolve(request.result as { buildMs: number } | undefined);
    request.onerror = () => resolve(undefined);
  });
  db.close();
  return stored?.buildMs ?? null;
}

/** Moves the blend and niche sliders 20 times; returns each input → next frame time. (Runs in the page: no named inner functions, which tsx would wrap in a helper the page lacks.) */
export async function moveSliders(): Promise<number[]> {
  const times: number[] = [];
  const blend = document.querySelector<HTMLInputElement>('[data-testid="blend"]')!;
  const niche = document.querySelector<HTMLInputElement>('[data-testid="niche"]')!;
  for (let k = 0; k < 20; k++) {
    const input = k % 2 ? niche : blend;
    input.value = String(k % 2 ? ((k % 5) - 2) / 4 : (k % 10) / 10);
    const started = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * Bytes the page's agent (the page and its workers) holds now, and the workers' share
 * (performance.measureUserAgentSpecificMemory: needs cross-origin isolation; Chromium answers at
 * once with --enable-blink-features=ForceEagerMeasureMemory). Null where it is missing.
 */
export async function measureMemory(): Promise<{ total: number; workers: number } | null> {
  const measure = (
    performance as unknown as {
      measureUserAgentSpecificMemory?: () => Promise<{
        bytes: number;
        breakdown: { bytes: number; attribution: { scope: string }[] }[];
      }>;
    }
  ).measureUserAgentSpecificMemory;
  if (!measure || !crossOriginIsolated) return null;
  const result = await measure.call(performance);
  let workers = 0;
  for (const entry of result.breakdown) {
    if (entry.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
      workers += entry.bytes;
  }
  return { total: result.bytes, workers };
}
