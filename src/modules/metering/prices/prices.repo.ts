import type { Selectable } from 'kysely';
import type { MeteringTransaction, UnitPricesTable } from '../db/metering.tables.js';

export type PriceRow = Selectable<UnitPricesTable>;

export async function listPrices(trx: MeteringTransaction): Promise<PriceRow[]> {
  return trx.selectFrom('metering.unit_prices').selectAll().orderBy('meter').execute();
}

/** Replaces the tenant's whole list: a list is one currency, so no old price may stay behind. */
export async function replacePrices(
  trx: MeteringTransaction,
  tenantId: string,
  rows: readonly { readonly meter: string; readonly unitPrice: string }[],
  currency: string,
  updatedBy: string,
): Promise<void> {
  await trx.deleteFrom('metering.unit_prices').where('tenantId', '=', tenantId).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('metering.unit_prices')
    .values(
      rows.map((row) => ({ tenantId, meter: row.meter, unitPrice: row.unitPrice, currency, updatedBy })),
    )
    .execute();
}
