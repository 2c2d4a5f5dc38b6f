import { describe, expect, it } from 'vitest';
import { groupPicks, percentiles } from './group';

describe('group recommendations', () => {
  it('turns scores into percentiles among the candidates', () => {
    const p = percentiles(Float32Array.from([5, 1, 3, 9]), [0, 1, 2]);
    expect([...p]).toEqual([1, 0, 0.5, 0]);
  });

  it('average favours what the group likes most overall; least misery what nobody minds', () => {
    // A and B love anime 0, which C ranks low; anime 1 is good enough for everyone.
    const a = Float32Array.from([5, 4, 3, 2, 1]);
    const c = Float32Array.from([2, 3, 5, 4, 1]);
    const none = new Uint8Array(5);
    expect(groupPicks([a, a, c], none, 'average', 5).map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    const misery = groupPicks([a, a, c], none, 'least-misery', 5);
    expect(misery.map((p) => p.index)).toEqual([1, 2, 0, 3, 4]);
    expect(misery[0]!.fits).toEqual([0.75, 0.75, 0.5]);
  });

  it("measures each member's fit among the group's shortlist, so fits spread", () => {
    // 200 titles; A and B agree on the order, C reverses the top of it.
    const a = Float32Array.from({ length: 200 }, (_, i) => 200 - i);
    const c = Float32Array.from({ length: 200 }, (_, i) => (i < 10 ? i : 200 - i));
    const picks = groupPicks([a, c], new Uint8Array(200), 'average', 10, 10);
    const fitsOfC = picks.map((p) => p.fits[1]!);
    expect(Math.max(...fitsOfC)).toBe(1);
    expect(Math.min(...fitsOfC)).toBe(0);
    // Among all 200 titles, every one of these would be above 90% for both.
    const overall = groupPicks([a, c], new Uint8Array(200), 'average', 10, 200);
    expect(Math.min(...overall.flatMap((p) => p.fits))).toBeGreaterThan(0.9);
  });

  it('leaves out excluded titles', () => {
    const a = Float32Array.from([5, 4, 3]);
    const picks = groupPicks([a, a], Uint8Array.from([1, 0, 0]), 'average', 5);
    expect(picks.map((p) => p.index)).toEqual([1, 2]);
  });
});
