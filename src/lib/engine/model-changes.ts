/**
 * The page's one listener for stored or deleted models (from this tab's worker or another tab's):
 * the worker is told to drop what it derived from the old model before any listener asks again.
 */
import { MODEL_CHANNEL } from './model-channel';
import { engine } from './client';

const listeners = new Set<() => void | Promise<void>>();
let channel: BroadcastChannel | null = null;

/** Calls `listener` after each model change; returns the unsubscribe. */
export function onModelChange(listener: () => void | Promise<void>): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(MODEL_CHANNEL);
    channel.onmessage = async () => {
      await engine().modelChanged();
      for (const call of listeners) void call();
    };
  }
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
