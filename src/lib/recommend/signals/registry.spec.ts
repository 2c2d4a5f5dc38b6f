import { describe, expect, it } from 'vitest';
import { CONTENT_SIGNAL, MODEL_SIGNAL, PART_SIGNALS, SIGNALS } from './registry';
import { sharesFor } from './shares';

describe('the signal registry', () => {
  it('names each signal once, with one model and one content side', () => {
    expect(new Set(SIGNALS.map((s) => s.key)).size).toBe(SIGNALS.length);
    expect(new Set(SIGNALS.map((s) => s.label)).size).toBe(SIGNALS.length);
    expect(SIGNALS).toContain(MODEL_SIGNAL);
    expect(SIGNALS).toContain(CONTENT_SIGNAL);
    expect(PART_SIGNALS.length).toBe(SIGNALS.length - 2);
  });

  it('leaves the model a share at every list size, and gives no part a negative one', () => {
    for (let entries = 0; entries <= 100; entries++) {
      const shares = Object.values(sharesFor(entries));
      for (const share of shares) expect(share).toBeGreaterThanOrEqual(0);
      expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(1);
    }
  });
});
