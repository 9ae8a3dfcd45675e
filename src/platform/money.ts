import { z } from 'zod';

/**
 * Money is an integer number of the currency's minor units plus its ISO 4217 code — never a float.
 * `{ amountMinor: 1999, currency: 'EUR' }` is €19.99; `{ amountMinor: 1999, currency: 'JPY' }` is
 * ¥1,999 (no minor unit); KWD has three decimals. The currencies and their exponents are the ones
 * Node's ICU knows (`Intl`), so nothing here is a hand-kept table.
 */
export interface Money {
  readonly amountMinor: number;
  readonly currency: string;
}

/** The largest amount accepted anywhere: 10^13 minor units (100 billion in a two-decimal currency), far inside 2^53. */
export const maxAmountMinor = 10_000_000_000_000;

const knownCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const exponents = new Map<string, number>();

/** Whether `code` is an ISO 4217 code this runtime knows (upper case, three letters). */
export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/** Digits after the decimal point in the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
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

/** An ISO 4217 code, in the schemas of every route and settings document. */
export const currencySchema = z
  .string()
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code in upper case (EUR, USD, JPY)' });

/** A non-negative integer amount of minor units, bounded. */
export const amountMinorSchema = z.number().int().min(0).max(maxAmountMinor);

/** `{ amountMinor, currency }` as routes accept and return it. */
export const moneySchema = z.strictObject({ amountMinor: amountMinorSchema, currency: currencySchema });

/** 1999 EUR → "19.99" (the decimal string gateways such as PayPal take). */
export function toDecimalString(money: Money): string {
  const exponent = currencyExponent(money.currency);
  if (exponent === 0) return String(money.amountMinor);
  const negative = money.amountMinor < 0;
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * "19.99" EUR → 1999. Exact: the decimal string is read digit by digit, never through a float; more
 * decimals than the currency has, or anything that is not a plain decimal, is undefined.
 */
export function fromDecimalString(value: string, currency: string): number | undefined {
  const match = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return undefined;
  const exponent = currencyExponent(currency);
  const fraction = match[3] ?? '';
  if (fraction.replace(/0+$/, '').length > exponent) return undefined;
  const minor = Number(`${match[2]}${fraction.padEnd(exponent, '0').slice(0, exponent)}`);
  return match[1] === '-' ? -minor : minor;
}

/** 1999 EUR in 'de' → "19,99 €": for people, never for storage. */
export function formatMoney(money: Money, locale = 'en'): string {
  const exponent = currencyExponent(money.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }).format(
    money.amountMinor / 10 ** exponent,
  );
}

/**
 * Splits `amountMinor` over `weights` in proportion, in whole minor units that add up exactly
 * (largest remainder): a discount spread over lines, a partial refund over captures.
 */
export function allocate(amountMinor: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (weights.length === 0) return [];
  if (total <= 0) return weights.map((_, index) => (index === 0 ? amountMinor : 0));
  const shares = weights.map((weight) => Math.floor((amountMinor * weight) / total));
  let left = amountMinor - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = weights
    .map((weight, index) => ({ index, remainder: (amountMinor * weight) % total }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}

/**
 * Tax on an amount at a rate in basis points (2000 = 20 %), rounded half away from zero to the
 * minor unit — computed in integers, so 0.1 + 0.2 never enters a total.
 */
export function taxOf(amountMinor: number, rateBasisPoints: number): number {
  const product = amountMinor * rateBasisPoints;
  const quotient = Math.floor(product / 10_000);
  return product - quotient * 10_000 >= 5_000 ? quotient + 1 : quotient;
}
