import { describe, expect, it } from 'vitest';
import { releaseOnPageHide, type PageLifecycleTarget } from './page-lifecycle';

function transition(type: 'pagehide' | 'pageshow', persisted: boolean) {
  return Object.assign(new Event(type), { persisted }) as PageTransitionEvent;
}

function watched(hasWorker: () => boolean) {
  const target = new EventTarget() as unknown as PageLifecycleTarget & EventTarget;
  const calls = { released: 0, reloaded: 0 };
  const stop = releaseOnPageHide(
    target,
    () => {
      calls.released++;
      return hasWorker();
    },
    () => calls.reloaded++,
  );
  return { target, calls, stop };
}

describe('releaseOnPageHide', () => {
  it('releases on every pagehide and reloads a page restored from the cache after ending work', () => {
    const { target, calls } = watched(() => true);
    target.dispatchEvent(transition('pageshow', false));
    expect(calls).toEqual({ released: 0, reloaded: 0 });
    target.dispatchEvent(transition('pagehide', true));
    expect(calls.released).toBe(1);
    target.dispatchEvent(transition('pageshow', true));
    expect(calls.reloaded).toBe(1);
  });

  it('does not reload a restored page that had nothing to end', () => {
    const { target, calls } = watched(() => false);
    target.dispatchEvent(transition('pagehide', true));
    target.dispatchEvent(transition('pageshow', true));
    expect(calls).toEqual({ released: 1, reloaded: 0 });
  });

  it('stops watching when asked', () => {
    const { target, calls, stop } = watched(() => true);
    stop();
    target.dispatchEvent(transition('pagehide', true));
    target.dispatchEvent(transition('pageshow', true));
    expect(calls).toEqual({ released: 0, reloaded: 0 });
  });
});
