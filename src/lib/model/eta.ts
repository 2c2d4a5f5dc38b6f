/**
 * Time left in a training run, from the wall-clock moments the page received each epoch's report.
 * The worker's own timings cover the kernel only; the held-out Recall@20, the checkpoint save and
 * the message round trip are part of an epoch too, so the page measures what it sees.
 */

/** How many recent epochs the median reads: enough to ignore one slow save, few enough to follow a change of pace. */
export const ETA_WINDOW = 5;

/** The median wall-clock milliseconds per epoch, or null before two reports of this run. */
export function msPerEpoch(arrivals: readonly number[], window = ETA_WINDOW): number | null {
  // The first report also carries the run's start-up (backend, training set): intervals only.
  if (arrivals.length < 2) return null;
  const intervals: number[] = [];
  for (let i = Math.max(1, arrivals.length - window); i < arrivals.length; i++) {
    intervals.push(Math.max(0, arrivals[i]! - arrivals[i - 1]!));
  }
  intervals.sort((a, b) => a - b);
  const mid = intervals.length >> 1;
  return intervals.length % 2 ? intervals[mid]! : (intervals[mid - 1]! + intervals[mid]!) / 2;
}

/**
 * Seconds left: the median epoch times the epochs still to run, less the time already spent on
 * the current one (never more than one epoch, so a slow epoch does not count below zero).
 * `arrivals` are this run's report times (ms, pauses left out), `now` on the same clock.
 */
export function secondsLeft(
  arrivals: readonly number[],
  remainingEpochs: number,
  now = arrivals.at(-1) ?? 0,
  window = ETA_WINDOW,
): number | null {
  const perEpoch = msPerEpoch(arrivals, window);
  if (perEpoch === null) return null;
  if (remainingEpochs <= 0) return 0;
  const intoCurrent = Math.min(Math.max(0, now - arrivals.at(-1)!), perEpoch);
  return (perEpoch * remainingEpochs - intoCurrent) / 1000;
}

/** "about 40 s left", "about 6 min left": whole seconds below a minute and a half. */
export function formatTimeLeft(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.ceil(seconds))} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}

/**
 * A run's clock: milliseconds on `now` (the page's `performance.now`, or a test's) with paused
 * time left out, so a pause neither counts as an epoch nor shortens the time left.
 */
export class RunClock {
  readonly #now: () => number;
  #pausedMs = 0;
  #pausedAt: number | null = null;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  read(): number {
    const now = this.#now();
    return now - this.#pausedMs - (this.#pausedAt === null ? 0 : now - this.#pausedAt);
  }

  /** The clock stands from here (the worker waits after the epoch it was told to pause in). */
  stop(): void {
    this.#pausedAt ??= this.#now();
  }

  /** The clock runs again; the time it stood is left out. */
  go(): void {
    if (this.#pausedAt !== null) this.#pausedMs += this.#now() - this.#pausedAt;
    this.#pausedAt = null;
  }

  reset(): void {
    this.#pausedMs = 0;
    this.#pausedAt = null;
  }
}
