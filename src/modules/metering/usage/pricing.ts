import type { DailyUsage, UsageLine } from '../contract.js';
import {
  divideRounded,
  formatDecimal,
  PRICE_SCALE,
  parseDecimal,
  REPORT_SCALE,
  scaleFactor,
} from '../decimal.js';
import { meterNames, meters, isMeterName, type MeterName } from '../meters.js';
import { moduleOfArea } from '../storage/storage-areas.js';
import type { UsageRow } from './usage.repo.js';

/** A meter's price per unit, scaled by 10^PRICE_SCALE. */
export type ScaledPrices = ReadonlyMap<string, bigint>;

/** A quantity of base units in the meter's unit, REPORT_SCALE decimals at most: 90 000 ms → "1.5". */
export function inUnits(meter: MeterName, base: bigint): string {
  return formatDecimal(divideRounded(base * scaleFactor(REPORT_SCALE), meters[meter].perUnit), REPORT_SCALE);
}

/** The cost of `base` units at `price` (scaled), scaled by 10^PRICE_SCALE: exact up to the last place. */
export function costOf(meter: MeterName, base: bigint, price: bigint): bigint {
  return divideRounded(base * price, meters[meter].perUnit);
}

/** A scaled cost as the reports show it: six decimals, rounded half up. */
export function formatCost(scaled: bigint): string {
  return formatDecimal(
    divideRounded(scaled, scaleFactor(PRICE_SCALE - REPORT_SCALE)),
    REPORT_SCALE,
    REPORT_SCALE,
  );
}

export function scalePrice(text: string): bigint {
  return parseDecimal(text, PRICE_SCALE) ?? 0n;
}

interface Sum {
  readonly meter: MeterName;
  readonly area: string | null;
  base: bigint;
}

/**
 * The lines of a period: every meter of the catalogue in its order, used or not; storage once per
 * area measured (its days' bytes summed are byte-days). Rows of a meter this build does not know
 * (written by a newer one) are left out rather than priced wrong.
 */
export function priceLines(
  rows: readonly UsageRow[],
  prices: ScaledPrices,
): { lines: UsageLine[]; totalCost: string; daily: DailyUsage[] } {
  const sums = new Map<string, Sum>();
  for (const meter of meterNames)
    if (meters[meter].kind === 'counter') sums.set(meter, { meter, area: null, base: 0n });
  const daily: DailyUsage[] = [];
  for (const row of rows) {
    if (!isMeterName(row.meter)) continue;
    const area = meters[row.meter].kind === 'gauge' ? row.dimension : null;
    const key = area === null ? row.meter : `${row.meter}|${area}`;
    const base = BigInt(row.quantity);
    const sum = sums.get(key);
    if (sum) sum.base += base;
    else sums.set(key, { meter: row.meter, area, base });
    daily.push({ day: row.day, meter: row.meter, area, quantity: inUnits(row.meter, base) });
  }
  if (![...sums.values()].some((sum) => sum.meter === 'storage'))
    sums.set('storage', { meter: 'storage', area: null, base: 0n });

  const order = (meter: MeterName) => meterNames.indexOf(meter);
  const ordered = [...sums.values()].sort(
    (a, b) => order(a.meter) - order(b.meter) || (a.area ?? '').localeCompare(b.area ?? ''),
  );
  let total = 0n;
  const lines = ordered.map((sum): UsageLine => {
    const price = prices.get(sum.meter) ?? 0n;
    const cost = costOf(sum.meter, sum.base, price);
    total += cost;
    const definition = meters[sum.meter];
    return {
      meter: sum.meter,
      area: sum.area,
      module: sum.area === null ? definition.module : moduleOfArea(sum.area),
      unit: definition.unit,
      quantity: inUnits(sum.meter, sum.base),
      unitPrice: formatDecimal(price, PRICE_SCALE),
      cost: formatCost(cost),
    };
  });
  return { lines, totalCost: formatCost(total), daily };
}
