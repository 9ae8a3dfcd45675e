import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { QueueTargets, StatsGroupBy, StatsInterval } from '../contract.js';
import { groupColumns, type IndexFilters, type StatsRow } from '../query/call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import { intervalOf, rollupMeasures, targetsJoin } from './stats-sql.js';

/** Filters the rollups can answer: those on their key columns. Number, name and duration filters need the calls themselves. */
export const rollupCanServe = (filters: IndexFilters) =>
  filters.numberIndex === undefined &&
  (filters.nameTerms?.length ?? 0) === 0 &&
  filters.minDurationSeconds === undefined;

/**
 * Figures per interval of the tenant's local time from the rollups, for a range whose ends are on
 * 15-minute UTC boundaries (the caller reads the partial intervals at the edges from the calls).
 * Same rows as callStats would give over the same range.
 */
export async function rollupStats(
  trx: Transaction<CallsTables>,
  filters: IndexFilters & { from: Date; to: Date },
  options: {
    interval: StatsInterval;
    timeZone: string;
    groupBy?: StatsGroupBy | undefined;
    targets: QueueTargets;
  },
): Promise<StatsRow[]> {
  const { bucketLocal, bucketStart } = intervalOf(sql`r.bucket_start`, options.interval, options.timeZone);
  const targets = targetsJoin(options.targets, sql`r.queue_id`);
  const group = options.groupBy
    ? groupColumns[options.groupBy]
    : { value: sql`null::text`, name: sql`null::text` };
  const where: RawBuilder<unknown>[] = [
    sql`r.bucket_start >= ${filters.from}`,
    sql`r.bucket_start < ${filters.to}`,
  ];
  if (filters.sources?.length) where.push(sql`r.source = any(${[...filters.sources]}::text[])`);
  if (filters.directions?.length) where.push(sql`r.direction = any(${[...filters.directions]}::text[])`);
  if (filters.dispositions?.length)
    where.push(sql`r.disposition = any(${[...filters.dispositions]}::text[])`);
  if (filters.agentIndex) where.push(sql`r.agent_index = ${filters.agentIndex}`);
  if (filters.queue !== undefined) where.push(sql`r.queue_id = ${filters.queue}`);
  const { rows } = await sql<StatsRow>`
    select ${bucketStart} as bucket_start,
           to_char(${bucketLocal}, 'YYYY-MM-DD"T"HH24:MI') as local_start,
           ${group.value} as group_value,
           ${group.name} as group_name,
           ${rollupMeasures(targets)}
      from calls.call_rollups r ${targets.join}
     where ${sql.join(where, sql` and `)}
     group by 1, 2, 3
     order by 1, 3 nulls first`.execute(trx);
  return rows;
}
