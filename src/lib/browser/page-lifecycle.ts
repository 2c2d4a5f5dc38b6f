/**
 * Firefox keeps a page the user leaves in its back-forward cache with the page's workers frozen,
 * a database transaction of theirs still open, and every later write of the app (in the next
 * page) then waits on it forever. Leaving a page therefore ends what holds the database, as an
 * unload would; a page brought back from that cache reloads when something it relied on was ended.
 */
export interface PageLifecycleTarget {
  addEventListener(
    type: 'pagehide' | 'pageshow',
    listener: (event: PageTransitionEvent) => void,
  ): void;
  removeEventListener(
    type: 'pagehide' | 'pageshow',
    listener: (event: PageTransitionEvent) => void,
  ): void;
}

/**
 * `release` ends the page's background work and says whether it ended something the page needs
 * back; `reload` runs when such a page is shown again from the back-forward cache.
 * Returns a function that stops watching.
 */
export function releaseOnPageHide(
  target: PageLifecycleTarget,
  release: () => boolean,
  reload: () => void,
): () => void {
  let ended = false;
  const hide = () => {
    ended = release() || ended;
  };
  const show = (event: PageTransitionEvent) => {
    if (event.persisted && ended) reload();
  };
  target.addEventListener('pagehide', hide);
  target.addEventListener('pageshow', show);
  return () => {
    target.removeEventListener('pagehide', hide);
    target.removeEventListener('pageshow', show);
  };
}
