import { sql } from 'kysely';
import type { MeteringTransaction } from '../db/metering.tables.js';

/** A rollup row as the reports read it: the day as text and the quantity exact (bigint as text). */
export interface UsageRow {
  readonly day: string;
  readonly meter: string;
  readonly dimension: string;
  readonly quantity: string;
}

/** The tenant's rollup rows of the days from `from` to `to` (both included), in day order. */
export async function usageRows(trx: MeteringTransaction, from: string, to: string): Promise<UsageRow[]> {
  return trx
    .selectFrom('metering.daily_usage')
    .select([
      sql<string>`day::text`.as('day'),
      'meter',
      'dimension',
      sql<string>`quantity::text`.as('quantity'),
    ])
    .where(sql<boolean>`day between ${from}::date and ${to}::date`)
    .orderBy('day')
    .orderBy('meter')
    .orderBy('dimension')
    .execute();
}
