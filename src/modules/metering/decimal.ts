/**
 * Exact decimal arithmetic for quantities, prices and costs: values are bigints scaled by a power of
 * ten, read from and written to decimal strings digit by digit, never through a float (a float
 * turns 0.1 + 0.2 into 0.30000000000000004, and a report must add up).
 */

/** Decimals of a unit price (numeric(19,9) in PostgreSQL): a tenth of a micro-unit per token stays exact. */
export const PRICE_SCALE = 9;
/** Decimals of a cost or a quantity in a report. */
export const REPORT_SCALE = 6;

const decimalPattern = /^(\d+)(?:\.(\d+))?$/;

/** "0.0125" at scale 9 → 12500000n; undefined when it is not a plain non-negative decimal or has more decimals. */
export function parseDecimal(text: string, scale: number): bigint | undefined {
  const match = decimalPattern.exec(text);
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return undefined;
  return BigInt(`${match[1] ?? '0'}${fraction.padEnd(scale, '0')}`);
}

/** 12500000n at scale 9 → "0.0125"; `fixed` keeps that many decimals (trailing zeros included) instead of trimming. */
export function formatDecimal(value: bigint, scale: number, fixed?: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  let fraction = scale > 0 ? digits.slice(digits.length - scale) : '';
  fraction = fixed === undefined ? fraction.replace(/0+$/, '') : fraction.padEnd(fixed, '0').slice(0, fixed);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** a / b rounded half away from zero (b > 0). */
export function divideRounded(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('the divisor must be positive');
  const quotient = a / b;
  const remainder = a % b;
  if (remainder === 0n) return quotient;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < b) return quotient;
  return a < 0n ? quotient - 1n : quotient + 1n;
}

/** 10n ** n, for moving between scales. */
export function scaleFactor(n: number): bigint {
  return 10n ** BigInt(n);
}
