import { describe, expect, it } from 'vitest';
import { findDigitRuns, tokenize } from './digit-runs.js';
import {
  abaRoutingValid,
  expiryOf,
  ibanValid,
  isCardNumber,
  luhnValid,
  ssnValid,
  ukNinoValid,
} from './checksums.js';

const runs = (text: string): string[] => findDigitRuns(tokenize(text)).map((run) => run.digits);

describe('digits as people say them', () => {
  it.each([
    ['four one one one', '4111'],
    ['4111 1111 1111 1111', '4111111111111111'],
    ['4111-1111-1111-1111', '4111111111111111'],
    ['double five seven', '557'],
    ['triple seven two', '7772'],
    ['double oh nine', '009'],
    ['oh three twenty six', '0326'],
    ['zero three slash twenty-six', '0326'],
    ['forty one eleven', '4111'],
    ['forty one hundred eleven', '4111'],
    ['nineteen hundred', '1900'],
    ['two thousand and twenty six', '2026'],
    ['twenty twenty six', '2026'],
    ['four one one one uh one one one one', '41111111'],
    ['4111 one one one one', '41111111'],
    ['five to for three', '5243'],
    ['six nine five too', '6952'],
  ])('"%s" is %s', (text, digits) => {
    expect(runs(text)).toEqual([digits]);
  });

  it('keeps where each group was said, so the digits map back to the text', () => {
    const text = 'it is four one, double five';
    const [run] = findDigitRuns(tokenize(text));
    expect(run && text.slice(run.start, run.end)).toBe('four one, double five');
    expect(
      run?.groups.map((group) => [group.digits, text.slice(group.start, group.end), group.separator]),
    ).toEqual([
      ['4', 'four', ''],
      ['1', 'one', ' '],
      ['55', 'double five', ','],
    ]);
  });

  it('does not read ordinary words as digits', () => {
    expect(runs('Oh, I see. I paid for it to be fixed, double check it')).toEqual([]);
    expect(runs('one of the two')).toEqual(['1', '2']);
    expect(runs("o'clock")).toEqual([]);
  });

  it('never joins digits across a line break', () => {
    expect(runs('four one\none one')).toEqual(['41', '11']);
  });
});

describe('check digits', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isCardNumber('378282246310005')).toBe(true);
    expect(isCardNumber('4111')).toBe(false);
  });

  it('IBAN mod 97 and country length', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
  });

  it('ABA routing, SSN, UK NI', () => {
    expect(abaRoutingValid('011000015')).toBe(true);
    expect(abaRoutingValid('011000016')).toBe(false);
    expect(ssnValid('123456789')).toBe(true);
    expect(ssnValid('666123456')).toBe(false);
    expect(ssnValid('912345678')).toBe(false);
    expect(ssnValid('123006789')).toBe(false);
    expect(ukNinoValid('AB 12 34 56 C')).toBe(true);
    expect(ukNinoValid('BG123456C')).toBe(false);
    expect(ukNinoValid('AB123456E')).toBe(false);
  });

  it('expiry forms', () => {
    expect(expiryOf('0326')).toEqual({ month: 3, year: 2026 });
    expect(expiryOf('326')).toEqual({ month: 3, year: 2026 });
    expect(expiryOf('122031')).toEqual({ month: 12, year: 2031 });
    expect(expiryOf('1326')).toBeNull();
    expect(expiryOf('2026')).toBeNull();
  });
});
