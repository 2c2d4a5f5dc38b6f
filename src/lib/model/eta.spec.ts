import { describe, expect, it } from 'vitest';
import { formatTimeLeft, msPerEpoch, RunClock, secondsLeft } from './eta';

describe('msPerEpoch', () => {
  it('needs two reports: the first one also carries the start-up', () => {
    expect(msPerEpoch([])).toBeNull();
    expect(msPerEpoch([9_000])).toBeNull();
    expect(msPerEpoch([9_000, 12_000])).toBe(3_000);
  });

  it('takes the median of recent intervals, ignoring one slow epoch', () => {
    expect(msPerEpoch([0, 1_000, 2_000, 7_000, 8_000])).toBe(1_000);
    expect(msPerEpoch([0, 1_000, 3_000, 6_000, 10_000])).toBe(2_500);
  });

  it('reads only the last few intervals, so it follows a change of pace', () => {
    const slowThenFast = [0, 10_000, 20_000, 30_000, 31_000, 32_000, 33_000];
    expect(msPerEpoch(slowThenFast, 3)).toBe(1_000);
    expect(msPerEpoch(slowThenFast, 6)).toBe(5_500);
  });
});

describe('secondsLeft', () => {
  it('is unknown until the end of the second epoch', () => {
    expect(secondsLeft([5_000], 4)).toBeNull();
    expect(secondsLeft([5_000, 7_000], 3)).toBe(6);
  });

  it('counts wall-clock epochs, not the start-up before the first', () => {
    // 30 s of start-up, then 2 s epochs: 3 epochs left is 6 s, not 3 × 17 s.
    expect(secondsLeft([30_000, 32_000, 34_000], 3)).toBe(6);
  });

  it('counts down within the current epoch, never below the epochs after it', () => {
    expect(secondsLeft([0, 2_000], 3, 2_500)).toBe(5.5);
    expect(secondsLeft([0, 2_000], 3, 60_000)).toBe(4);
    expect(secondsLeft([0, 2_000], 3, 1_000)).toBe(6);
  });

  it('is zero when nothing is left', () => {
    expect(secondsLeft([0, 2_000], 0)).toBe(0);
  });
});

describe('formatTimeLeft', () => {
  it('says seconds below a minute and a half, minutes above', () => {
    expect(formatTimeLeft(0)).toBe('about 1 s left');
    expect(formatTimeLeft(41.2)).toBe('about 42 s left');
    expect(formatTimeLeft(89)).toBe('about 89 s left');
    expect(formatTimeLeft(338)).toBe('about 6 min left');
  });
});

/** A clock the test moves by hand. */
function fakeClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A small seeded generator (mulberry32), so each simulated run is the same every time. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('a run as the page times it (RunClock, secondsLeft, formatTimeLeft)', () => {
  const EPOCHS = 5;

  /**
   * What the training page shows after each epoch report of a 5-epoch run: a start-up before the
   * first epoch, then steady epochs (±5%, as a checkpoint save jitters them), read on `RunClock`.
   */
  function simulate(seed: number, pauseAfter?: number) {
    const next = random(seed);
    const time = fakeClock();
    const clock = new RunClock(time.now);
    const startUp = 2_000 + next() * 30_000;
    const epochMs = 500 + next() * 9_500;
    const arrivals: number[] = [];
    const shown: (number | null)[] = [];
    time.advance(startUp);
    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      time.advance(epochMs * (0.95 + next() * 0.1));
      arrivals.push(clock.read());
      if (epoch === pauseAfter) {
        clock.stop();
        time.advance(120_000);
        clock.go();
      }
      shown.push(secondsLeft(arrivals, EPOCHS - epoch, clock.read()));
    }
    return { arrivals, shown };
  }

  it('shows the time left from the end of the second epoch, within 20% of the real time', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const { arrivals, shown } = simulate(seed);
      expect(shown[0]).toBeNull();
      const estimate = shown[1]!;
      expect(estimate).not.toBeNull();
      expect(formatTimeLeft(estimate)).toMatch(/about \d+ (s|min) left/);
      const actual = (arrivals[EPOCHS - 1]! - arrivals[1]!) / 1000;
      expect(
        Math.abs(estimate - actual) / actual,
        `seed ${seed}: estimated ${estimate} s left after epoch 2; it took ${actual} s`,
      ).toBeLessThan(0.2);
      expect(shown.at(-1)).toBe(0);
    }
  });

  it('leaves a pause out: neither an epoch longer nor less time left', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const { arrivals, shown } = simulate(seed, 3);
      const actual = (arrivals[EPOCHS - 1]! - arrivals[2]!) / 1000;
      expect(Math.abs(shown[2]! - actual) / actual).toBeLessThan(0.2);
      expect(arrivals[EPOCHS - 1]! - arrivals[0]!).toBeLessThan(60_000);
    }
  });

  it('runs on the clock it is given, from where it stood', () => {
    const time = fakeClock(5_000);
    const clock = new RunClock(time.now);
    time.advance(1_000);
    expect(clock.read()).toBe(6_000);
    clock.stop();
    time.advance(3_000);
    expect(clock.read()).toBe(6_000);
    clock.stop();
    clock.go();
    time.advance(500);
    expect(clock.read()).toBe(6_500);
    clock.reset();
    expect(clock.read()).toBe(9_500);
  });
});
