import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDeltas, encodeDeltas, fromPlanes, toPlanes } from './column-codecs';

describe('numeric columns', () => {
  it('round-trips 16- and 32-bit columns through byte planes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff })), (values) => {
        const u32 = Uint32Array.from(values);
        expect(fromPlanes(toPlanes(u32), Uint32Array)).toEqual(u32);
        const u16 = Uint16Array.from(values, (v) => v & 0xffff);
        expect(fromPlanes(toPlanes(u16), Uint16Array)).toEqual(u16);
      }),
    );
  });

  it('puts each byte plane together: small numbers leave the high planes zero', () => {
    expect([...toPlanes(Uint16Array.from([1, 2, 0x0301]))]).toEqual([1, 2, 1, 0, 0, 3]);
    expect(() => fromPlanes(new Uint8Array(3), Uint16Array)).toThrow(RangeError);
  });

  it('round-trips a column through signed steps, each a byte when it is small', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 31 - 1 })), (values) => {
        const column = Uint32Array.from(values);
        expect(decodeDeltas(encodeDeltas(column), column.length)).toEqual(column);
      }),
    );
    const members = Uint32Array.from([3_900_000, 3_899_990, 3_899_990, 3_899_991]);
    expect(encodeDeltas(members).length).toBe(4 + 3);
  });

  it('rejects steps that leave the column range', () => {
    // Zigzag 1 is a step of -1: from the implicit 0 it goes below zero.
    expect(() => decodeDeltas(Uint8Array.from([1]), 1)).toThrow(RangeError);
  });
});
