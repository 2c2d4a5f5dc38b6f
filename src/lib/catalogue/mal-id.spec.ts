import { describe, expect, it } from 'vitest';
import { parseMalId } from './mal-id';

describe('a MAL id in an address', () => {
  it('is read when it is written in decimal digits', () => {
    expect(parseMalId('5114')).toBe(5114);
    expect(parseMalId('1')).toBe(1);
  });

  it.each(['0x13FA', '1e3', ' 5114', '5114 ', '', '0', '05114', '-5114', '51.14', '５１１４'])(
    'is not read from %j',
    (text) => expect(parseMalId(text)).toBeNull(),
  );

  it('is absent when the address has none', () => expect(parseMalId(null)).toBeNull());
});
