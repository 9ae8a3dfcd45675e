import { describe, expect, it } from 'vitest';

import { compileDncList, DncPatternError } from './dnc-matcher.js';

describe('compileDncList', () => {
  const list = compileDncList(['+12125550100'], ['+4420*', '+1555???1234', '+33*', '+4930123456', '+1?']);

  it.each([
    ['+12125550100', true, 'exact'],
    ['+12125550101', false, 'one digit off'],
    ['+442071234567', true, 'prefix'],
    ['+4420', true, 'the prefix itself'],
    ['+44207', true, 'longer'],
    ['+4421', false, 'another prefix'],
    ['+15550001234', true, '? matches any digit'],
    ['+15559991234', true, '? matches any digit'],
    ['+15550001235', false, 'the fixed tail differs'],
    ['+1555000123', false, 'too short for the pattern'],
    ['+155500012345', false, 'too long for the pattern'],
    ['+4930123456', true, 'a pattern without wildcards is exact'],
    ['+19', true, '+1? matches +1 and one digit only'],
    ['+199', false, '+1? is not a prefix'],
    ['+33612345678', true, 'country prefix'],
  ])('%s: %s (%s)', (number, expected) => {
    expect(list.has(number)).toBe(expected);
  });

  it('refuses patterns it cannot read, naming them', () => {
    for (const bad of ['4420*', '+44 20*', '+44*20', '+', '+1234567890123456', '+44a']) {
      expect(() => compileDncList([], [bad])).toThrow(DncPatternError);
    }
  });

  it('finds each of 100,000 listed numbers, and none of 100,000 others', () => {
    const numbers = Array.from({ length: 100_000 }, (_, i) => `+1212${String(i).padStart(7, '0')}`);
    const big = compileDncList(numbers, ['+1800*', '+1888*']);
    let hits = 0;
    for (let i = 0; i < 200_000; i++) if (big.has(`+1212${String(i).padStart(7, '0')}`)) hits++;
    expect(hits).toBe(100_000);
    expect(big.has('+18005551234')).toBe(true);
  });
});
