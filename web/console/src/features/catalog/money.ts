import { formattingLocale } from '@/i18n';
import type { Money } from './catalog.api';

/*
 * Money in the console, as on the server (src/platform/money.ts): integer minor units plus the
 * ISO 4217 code. State holds integers only; a typed amount is read digit by digit into minor units
 * and shown through Intl from its exact decimal string — never through a float.
 */

/** The largest amount the server takes (10^13 minor units), far inside 2^53. */
export const maxAmountMinor = 10_000_000_000_000;

const exponents = new Map<string, number>();

/** Whether Intl knows the code as a currency (three upper-case letters). */
export function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return typeof Intl.supportedValuesOf !== 'function' || Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

/** Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD. */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** 1999 EUR → "19.99"; 1999 JPY → "1999". Exact, by digits. */
export function toDecimalString(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor));
  if (exponent === 0) return `${negative ? '-' : ''}${digits}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

export type AmountProblem = 'empty' | 'notANumber' | 'tooManyDecimals' | 'negative' | 'tooLarge';

/**
 * What a person typed into an amount field, as minor units of `currency`. Accepts "19.99", "19,99"
 * (a decimal comma), a leading "+", and grouping: "1 234.50", "1,234.50", "1.234,50" (with both
 * marks the last one is the decimal mark; one mark repeated is grouping: "1.000.000"). A single mark
 * is always the decimal mark, so "1,234" EUR is "too many decimals", never silently 1234. More
 * decimals than the currency has is a problem, never rounded away; so is a negative amount.
 */
export function parseAmount(
  text: string,
  currency: string,
): { readonly amountMinor: number } | { readonly problem: AmountProblem } {
  let value = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (value === '') return { problem: 'empty' };
  if (value.startsWith('-')) return { problem: 'negative' };
  if (value.startsWith('+')) value = value.slice(1);
  if (!/^[\d.,]+$/.test(value) || !/\d/.test(value)) return { problem: 'notANumber' };
  const dots = value.split('.').length - 1;
  const commas = value.split(',').length - 1;
  let decimalMark: string | undefined;
  let groupMark: string | undefined;
  if (dots > 0 && commas > 0) {
    decimalMark = value.lastIndexOf('.') > value.lastIndexOf(',') ? '.' : ',';
    groupMark = decimalMark === '.' ? ',' : '.';
    if ((decimalMark === '.' ? dots : commas) > 1) return { problem: 'notANumber' };
  } else if (dots + commas === 1) {
    decimalMark = dots ? '.' : ',';
  } else if (dots + commas > 1) {
    groupMark = dots ? '.' : ',';
  }
  const [wholeText = '', fraction = ''] = decimalMark ? value.split(decimalMark) : [value];
  let whole = wholeText;
  if (groupMark) {
    const groups = whole.split(groupMark);
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || !groups.slice(1).every((g) => /^\d{3}$/.test(g)))
      return { problem: 'notANumber' };
    whole = groups.join('');
  }
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction) || whole + fraction === '')
    return { problem: 'notANumber' };
  const exponent = currencyExponent(currency);
  if (fraction.replace(/0+$/, '').length > exponent) return { problem: 'tooManyDecimals' };
  const digits = `${whole}${fraction.padEnd(exponent, '0').slice(0, exponent)}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 14) return { problem: 'tooLarge' };
  const amountMinor = Number(digits);
  if (amountMinor > maxAmountMinor) return { problem: 'tooLarge' };
  return { amountMinor };
}

/** Minor units as the amount field shows them for editing ("19.99"), in the reader's decimal mark. */
export function amountText(money: Money): string {
  const decimal = new Intl.NumberFormat(formattingLocale())
    .formatToParts(1.5)
    .find((p) => p.type === 'decimal');
  const text = toDecimalString(money);
  return decimal?.value === ',' ? text.replace('.', ',') : text;
}

/** 1999 EUR → "€19.99" / "19,99 €", formatted from the exact decimal string. */
export function formatMoney(money: Money, locale: string = formattingLocale()): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  // Intl reads a decimal string exactly (no float in between); the cast covers older lib typings.
  return format.format(toDecimalString(money) as unknown as number);
}

/** The price of a product in `currency`, if it has one. */
export function priceIn(prices: readonly Money[], currency: string): Money | undefined {
  return prices.find((price) => price.currency === currency);
}
