import { sql } from 'kysely';
import type { MeteringTransaction } from '../db/metering.tables.js';

/** The SQL of recording usage; row-level security narrows every statement to the transaction's tenant. */

/** One row of a day's rollup to add to (counters) or set (gauges). */
export interface RollupRow {
  readonly day: string;
  readonly meter: string;
  readonly dimension: string;
  readonly quantity: bigint;
}

/** Records the events' ids; answers those that were new (a redelivered id is skipped). */
export async function insertCountedEvents(
  trx: MeteringTransaction,
  tenantId: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const { rows } = await sql<{ eventId: string }>`
    insert into metering.counted_events (event_id, tenant_id)
    select id, ${tenantId}::uuid from unnest(${[...eventIds]}::uuid[]) as id
    on conflict (event_id) do nothing
    returning event_id`.execute(trx);
  return new Set(rows.map((row) => row.eventId));
}

/**
 * Adds to the rollup rows, creating the missing ones. The rows are locked in one order (day,
 * meter, dimension), so two workers adding to the same rows wait for each other, never deadlock.
 */
export async function addToRollup(
  trx: MeteringTransaction,
  tenantId: string,
  rows: readonly RollupRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into metering.daily_usage (tenant_id, day, meter, dimension, quantity)
    select ${tenantId}::uuid, u.day, u.meter, u.dimension, u.quantity
    from unnest(
      ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.meter)}::text[],
      ${rows.map((r) => r.dimension)}::text[], ${rows.map((r) => r.quantity.toString())}::bigint[]
    ) as u(day, meter, dimension, quantity)
    order by u.day, u.meter, u.dimension
    on conflict (tenant_id, day, meter, dimension)
    do update set quantity = metering.daily_usage.quantity + excluded.quantity, updated_at = now()`.execute(
    trx,
  );
}

/** Replaces a gauge's rows of a day with a new measurement (a rerun of the day's job measures again). */
export async function replaceGauge(
  trx: MeteringTransaction,
  tenantId: string,
  day: string,
  meter: string,
  rows: readonly { readonly dimension: string; readonly quantity: bigint }[],
): Promise<void> {
  await sql`delete from metering.daily_usage
    where tenant_id = ${tenantId}::uuid and day = ${day}::date and meter = ${meter}`.execute(trx);
  if (rows.length === 0) return;
  await sql`
    insert into metering.daily_usage (tenant_id, day, meter, dimension, quantity)
    select ${tenantId}::uuid, ${day}::date, ${meter}, u.dimension, u.quantity
    from unnest(${rows.map((r) => r.dimension)}::text[], ${rows.map((r) => r.quantity.toString())}::bigint[])
      as u(dimension, quantity)`.execute(trx);
}
