import { formattingLocale } from '@/i18n';
import type { Money } from './orders.api';

/*
 * Money in the console: integer minor units and an ISO 4217 code, as the API sends it
 * (src/platform/money.ts on the server). Shown with Intl in the reader's language; typed amounts
 * are read digit by digit into minor units, never through a float.
 */

const exponents = new Map<string, number>();

/** Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD (Intl knows them). */
export function currencyExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    try {
      exponent =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      exponent = 2;
    }
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** The minor units as an exact decimal string: 1999 EUR → "19.99", 5 JPY → "5", -5 EUR → "-0.05". */
export function minorToDecimal(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(amountMinor);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * What a person typed ("19.99", "19,99", " 1 234,5 ") → minor units. Undefined when empty; NaN when it
 * is no amount, is negative, or has more decimals than the currency (never rounded: the person
 * meant something else). A thousands separator (space, apostrophe, or the one of "1.234,56" /
 * "1,234.56") is accepted when the other mark is the decimal one.
 */
export function decimalToMinor(text: string, currency: string): number | undefined {
  let value = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (value === '') return undefined;
  const comma = value.lastIndexOf(',');
  const point = value.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    // The later mark is the decimal one; the other separates thousands.
    value = comma > point ? value.replace(/\./g, '').replace(',', '.') : value.replace(/,/g, '');
  } else if (comma >= 0) {
    value = value.replace(',', '.');
  }
  const match = /^(\d{1,13})(?:\.(\d*))?$/.exec(value);
  if (!match) return Number.NaN;
  const exponent = currencyExponent(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) return Number.NaN;
  const minor = Number(`${match[1]}${fraction.padEnd(exponent, '0')}`);
  return Number.isSafeInteger(minor) ? minor : Number.NaN;
}

const formats = new Map<string, Intl.NumberFormat>();

/** 1999 EUR → "€19.99" (en) or "19,99 €" (de): the reader's language, the currency's digits. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money) return '—';
  return formatMinor(money.amountMinor, money.currency);
}

export function formatMinor(amountMinor: number, currency: string): string {
  const locale = formattingLocale();
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      return `${minorToDecimal(amountMinor, currency)} ${currency}`;
    }
    formats.set(key, format);
  }
  // Through the exact decimal string: Intl reads it without float rounding (ES2023 string input).
  return format.format(minorToDecimal(amountMinor, currency) as unknown as number);
}
