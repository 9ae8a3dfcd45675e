import type { AuditLog } from '../../../platform/audit/index.js';
import type { Database } from '../../../platform/db/index.js';
import { PlatformErrors, type FieldProblem } from '../../../platform/errors.js';
import { isCurrency } from '../../../platform/money.js';
import type { PriceList, PricesService } from '../contract.js';
import type { MeteringTables } from '../db/metering.tables.js';
import { formatDecimal, parseDecimal, PRICE_SCALE } from '../decimal.js';
import { isMeterName, meterNames, meters } from '../meters.js';
import { listPrices, replacePrices, type PriceRow } from './prices.repo.js';

/** The largest price a unit may have: numeric(19,9) holds ten whole digits. */
export const MAX_PRICE_DIGITS = 10;

function toPriceList(rows: readonly PriceRow[]): PriceList {
  const byMeter = new Map(rows.map((row) => [row.meter, row]));
  const latest = rows.reduce<PriceRow | undefined>(
    (newest, row) => (!newest || row.updatedAt > newest.updatedAt ? row : newest),
    undefined,
  );
  return {
    currency: rows[0]?.currency ?? null,
    prices: meterNames.map((meter) => {
      const row = byMeter.get(meter);
      const scaled = row ? (parseDecimal(row.unitPrice, PRICE_SCALE) ?? 0n) : 0n;
      const { module, unit, description } = meters[meter];
      return { meter, module, unit, description, unitPrice: formatDecimal(scaled, PRICE_SCALE) };
    }),
    updatedAt: latest?.updatedAt ?? null,
    updatedBy: latest?.updatedBy ?? null,
  };
}

/** What is wrong with a price list, field by field (the routes' schema says the same first). */
function problemsOf(list: { currency: string; prices: Readonly<Record<string, string>> }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isCurrency(list.currency))
    problems.push({
      field: 'body.currency',
      message: 'must be an ISO 4217 currency code in upper case (EUR, USD, JPY)',
    });
  for (const [meter, price] of Object.entries(list.prices)) {
    if (!isMeterName(meter)) problems.push({ field: `body.prices.${meter}`, message: 'is not a meter' });
    else if (
      parseDecimal(price, PRICE_SCALE) === undefined ||
      (price.split('.')[0] ?? '').length > MAX_PRICE_DIGITS
    )
      problems.push({
        field: `body.prices.${meter}`,
        message: `must be a decimal number of at most ${MAX_PRICE_DIGITS} digits before the point and ${PRICE_SCALE} after it`,
      });
  }
  return problems;
}

export function createPricesService(deps: {
  readonly database: Database;
  readonly audit: AuditLog;
}): PricesService {
  const { database, audit } = deps;
  return {
    async get(ctx) {
      return toPriceList(await database.withTenant<MeteringTables, PriceRow[]>(ctx, listPrices));
    },
    async replace(ctx, list) {
      const problems = problemsOf(list);
      if (problems.length > 0) throw PlatformErrors.validation(problems);
      // Every meter gets a row (0 when left out), so the list keeps its currency even when all are 0.
      const rows = meterNames.map((meter) => ({
        meter,
        unitPrice: formatDecimal(parseDecimal(list.prices[meter] ?? '0', PRICE_SCALE) ?? 0n, PRICE_SCALE),
      }));
      const saved = await database.withTenant<MeteringTables, PriceRow[]>(ctx, async (trx) => {
        await replacePrices(trx, ctx.tenantId, rows, list.currency, ctx.actor.id);
        await audit.append(trx, ctx, {
          action: 'metering.prices_changed',
          target: { type: 'price_list', id: 'metering' },
          details: {
            currency: list.currency,
            prices: Object.fromEntries(
              rows.filter((row) => row.unitPrice !== '0').map((r) => [r.meter, r.unitPrice]),
            ),
          },
        });
        return listPrices(trx);
      });
      return toPriceList(saved);
    },
  };
}
