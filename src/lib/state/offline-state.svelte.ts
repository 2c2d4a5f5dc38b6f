/** Whether the network is up, and whether the service worker has the app stored for offline use. */
class OfflineState {
  online = $state(true);
  availableOffline = $state(false);

  /** Call once in the browser. */
  watch(): void {
    this.online = navigator.onLine;
    addEventListener('online', () => (this.online = true));
    addEventListener('offline', () => (this.online = false));
    if ('serviceWorker' in navigator) {
      // `ready` resolves once a worker is active, which happens only after its precache succeeded.
      void navigator.serviceWorker.ready.then(() => (this.availableOffline = true));
    }
  }
}

export const offlineState = new OfflineState();
