import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/index.js';
import type { TimerTrigger } from '../../../platform/jobs/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CallsTables } from '../db/calls.tables.js';
import { dayLevels, rollupContributionsSql, rollupZoneLockSql } from './rollup-contributions.sql.js';

/*
 * The zone the day levels are cut in, per tenant (calls.rollup_zones, migration 0015), and their
 * rebuild when it changes: one short transaction per day, under the exclusive per-tenant lock
 * that ingest takes shared, so ingest waits at most one day's rebuild and no call is counted twice
 * or missed.
 */

type Trx = Transaction<CallsTables>;

export interface RollupZone {
  readonly timeZone: string;
  readonly generation: number;
  readonly ready: boolean;
}

/** The calling tenant's recorded zone, if it has one. */
export async function rollupZone(trx: Trx): Promise<RollupZone | undefined> {
  const { rows } = await sql<RollupZone>`
    select time_zone, generation, ready from calls.rollup_zones`.execute(trx);
  return rows[0];
}

/**
 * Records the zone the tenant's day levels are to be cut in. A new zone deletes the days cut in
 * the old one and leaves the levels not ready until rebuildRollupDays has run; the same zone
 * changes nothing.
 */
export async function recordRollupZone(trx: Trx, timeZone: string): Promise<RollupZone> {
  await sql.raw(rollupZoneLockSql('exclusive')).execute(trx);
  const current = await rollupZone(trx);
  if (current?.timeZone === timeZone) return current;
  for (const level of dayLevels) await sql`delete from ${sql.raw(level.table)}`.execute(trx);
  const { rows } = await sql<RollupZone>`
    insert into calls.rollup_zones (tenant_id, time_zone)
    values (platform.current_tenant_id(), ${timeZone})
    on conflict (tenant_id) do update
       set time_zone = excluded.time_zone, generation = calls.rollup_zones.generation + 1,
           ready = false, changed_at = now(), built_at = null
    returning time_zone, generation, ready`.execute(trx);
  return rows[0] as RollupZone;
}

/**
 * Rebuilds the tenant's day levels in its recorded zone, a day at a time, from the first day with
 * calls to the last; stops if the zone changes meanwhile. Returns the days rebuilt.
 */
export async function rebuildRollupDays(
  database: Database,
  ctx: { readonly tenantId: string },
): Promise<number> {
  const plan = await database.withTenant<
    CallsTables,
    { zone?: RollupZone; days: { start: Date; end: Date }[] }
  >(ctx, async (trx) => {
    const zone = await rollupZone(trx);
    if (!zone || zone.ready) return { days: [] };
    const { rows } = await sql<{ start: Date; end: Date }>`
        with span as (select min(started_at) as first, max(started_at) as last from calls.call_records)
        select d at time zone ${zone.timeZone} as start, (d + interval '1 day') at time zone ${zone.timeZone} as end
          from span, generate_series(date_trunc('day', span.first at time zone ${zone.timeZone}),
                                     date_trunc('day', span.last at time zone ${zone.timeZone}),
                                     interval '1 day') as d
         where span.first is not null
         order by 1`.execute(trx);
    return { zone, days: rows };
  });
  const { zone } = plan;
  if (!zone) return 0;
  let rebuilt = 0;
  for (const day of plan.days) {
    const current = await database.withTenant<CallsTables, boolean>(ctx, async (trx) => {
      await sql.raw(rollupZoneLockSql('exclusive')).execute(trx);
      if ((await rollupZone(trx))?.generation !== zone.generation) return false;
      const within = `r.started_at >= '${day.start.toISOString()}'::timestamptz AND r.started_at < '${day.end.toISOString()}'::timestamptz`;
      for (const level of dayLevels) {
        await sql`delete from ${sql.raw(level.table)} where bucket_start = ${day.start}`.execute(trx);
        await sql
          .raw(
            `INSERT INTO ${level.table} AS t ${rollupContributionsSql('calls.call_records r', within, 1, level)}`,
          )
          .execute(trx);
      }
      return true;
    });
    if (!current) return rebuilt;
    rebuilt += 1;
  }
  await database.withTenant<CallsTables>(ctx, (trx) =>
    sql`update calls.rollup_zones set ready = true, built_at = now() where generation = ${zone.generation}`.execute(
      trx,
    ),
  );
  return rebuilt;
}

/** Every minute, one replica rebuilds the day levels of tenants whose zone changed. */
export function rollupZonesTimer(deps: { database: Database; logger: Logger }): TimerTrigger {
  return {
    kind: 'timer',
    name: 'calls.rollup-zones',
    cron: '* * * * *',
    missed: 'skip',
    async run() {
      const { rows } = await sql<{ tenantId: string }>`
        select tenant_id from calls.rollup_zones where not ready order by changed_at`.execute(
        deps.database.owner,
      );
      for (const { tenantId } of rows) {
        try {
          const days = await rebuildRollupDays(deps.database, { tenantId });
          deps.logger.info({ tenantId, days }, 'calls: day rollups rebuilt in the tenant zone');
        } catch (error) {
          deps.logger.error(
            { tenantId, err: error },
            'calls: rebuilding the day rollups failed; retried next minute',
          );
        }
      }
    },
  };
}
