/**
 * Whether the network is up, and whether the service worker has stored the app and the very
 * dataset files the page decoded (`shardStored`): "Available offline" is said only then.
 */
class OfflineState {
  online = $state(true);
  shardStored = $state(false);
  private workerReady: Promise<unknown> | null = null;

  /** Call once in the browser. */
  watch(): void {
    this.online = navigator.onLine;
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
    if ('serviceWorker' in navigator && typeof caches !== 'undefined') {
      // `ready` resolves once a worker is active, which happens only after its precache succeeded.
      this.workerReady = navigator.serviceWorker.ready;
    }
  }

  /** Once the service worker is active, looks for every one of `urls` in its cache. */
  async checkStored(urls: string[]): Promise<void> {
    if (!this.workerReady) return;
    await this.workerReady;
    const found = await Promise.all(urls.map((url) => caches.match(url).catch(() => undefined)));
    this.shardStored = found.every((response) => response !== undefined);
  }
}

export const offlineState = new OfflineState();
