import { describe, expect, it } from 'vitest';
import { formatTimeLeft, msPerEpoch, secondsLeft } from './eta';

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
