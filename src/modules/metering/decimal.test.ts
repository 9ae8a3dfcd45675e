import { describe, expect, it } from 'vitest';
import { divideRounded, formatDecimal, parseDecimal } from './decimal.js';

describe('exact decimals', () => {
  it('reads a decimal string digit by digit, refusing what is not one', () => {
    expect(parseDecimal('0.0125', 9)).toBe(12_500_000n);
    expect(parseDecimal('12', 9)).toBe(12_000_000_000n);
    expect(parseDecimal('0.000000001', 9)).toBe(1n);
    expect(parseDecimal('1.5000000000', 9)).toBe(1_500_000_000n);
    for (const bad of ['', '.5', '1.', '-1', '1e3', '0x10', ' 1', '1,5', '0.0000000001'])
      expect(parseDecimal(bad, 9), bad).toBeUndefined();
  });

  it('writes a scaled value back, trimmed or with fixed decimals', () => {
    expect(formatDecimal(12_500_000n, 9)).toBe('0.0125');
    expect(formatDecimal(0n, 9)).toBe('0');
    expect(formatDecimal(12_000_000_000n, 9)).toBe('12');
    expect(formatDecimal(1_234_500n, 6, 6)).toBe('1.234500');
    expect(formatDecimal(7n, 6, 6)).toBe('0.000007');
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
  });

  it('rounds half away from zero, and nothing is lost to a float', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(10n, 5n)).toBe(2n);
    // 0.1 + 0.2 in scaled integers is 0.3 exactly.
    expect(formatDecimal((parseDecimal('0.1', 9) ?? 0n) + (parseDecimal('0.2', 9) ?? 0n), 9)).toBe('0.3');
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
  });
});
