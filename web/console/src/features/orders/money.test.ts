import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '@/i18n';
import { decimalToMinor, formatMinor, formatMoney, minorToDecimal } from './money';

describe('money in the console', () => {
  afterEach(() => setLocale('en'));

  it('formats integer minor units with the currency’s own digits, in the reader’s language', () => {
    setLocale('en');
    expect(formatMoney({ amountMinor: 1999, currency: 'EUR' })).toMatch(/€\s?19\.99/);
    expect(formatMoney({ amountMinor: 1999, currency: 'JPY' })).toMatch(/1,999/);
    expect(formatMoney({ amountMinor: 1999, currency: 'KWD' })).toMatch(/1\.999/);
    expect(formatMinor(5, 'USD')).toBe('$0.05');
    expect(formatMoney(null)).toBe('—');
    setLocale('de');
    expect(formatMoney({ amountMinor: 123_456_789, currency: 'EUR' })).toMatch(/^1\.234\.567,89\s€$/);
  });

  it('never goes through a float: amounts beyond float precision stay exact', () => {
    setLocale('en');
    // The largest safe integer divided by 100 as a float would round; the string does not.
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
    expect(minorToDecimal(1, 'EUR')).toBe('0.01');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(7, 'JPY')).toBe('7');
    expect(formatMinor(1_000_000_000_001, 'EUR')).toBe('€10,000,000,000.01');
  });

  it('reads typed decimals exactly into minor units', () => {
    expect(decimalToMinor('19.99', 'EUR')).toBe(1999);
    expect(decimalToMinor('19,99', 'EUR')).toBe(1999);
    expect(decimalToMinor(' 1 234,5 ', 'EUR')).toBe(123_450);
    expect(decimalToMinor('1.234,56', 'EUR')).toBe(123_456);
    expect(decimalToMinor('1,234.56', 'EUR')).toBe(123_456);
    expect(decimalToMinor('0.1', 'EUR')).toBe(10);
    expect(decimalToMinor('0.29', 'EUR')).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(decimalToMinor('1999', 'JPY')).toBe(1999);
    expect(decimalToMinor('1.5', 'JPY')).toBeNaN();
    expect(decimalToMinor('1.2345', 'KWD')).toBeNaN();
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinor('19.999', 'EUR')).toBeNaN();
    expect(decimalToMinor('19.990', 'EUR')).toBe(1999);
    expect(decimalToMinor('-5', 'EUR')).toBeNaN();
    expect(decimalToMinor('1e3', 'EUR')).toBeNaN();
    expect(decimalToMinor('abc', 'EUR')).toBeNaN();
    expect(decimalToMinor('  ', 'EUR')).toBeUndefined();
  });
});
