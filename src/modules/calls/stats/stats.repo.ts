import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { QueueTargets, StatsGroupBy, StatsInterval } from '../contract.js';
import { indexConditions, type IndexFilters } from '../query/call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import {
  agentDayLevel,
  agentHourLevel,
  agentLevel,
  queueDayLevel,
  queueHourLevel,
  queueLevel,
  type RollupLevel,
} from './rollup-contributions.sql.js';
import type { StatsSums } from './stats-figures.js';
import { intervalOf, rollupMeasures, scanMeasures, targetsJoin } from './stats-sql.js';

/*
 * The two readers of statistics, as one query: the raw scan of calls.call_records and a rollup
 * level. Both cut the same local intervals, join the same targets and answer the same StatsSums,
 * so a test can hold one against the other.
 */

type Trx = Transaction<CallsTables>;

/** Additive figures of one interval and group; the service turns them into ratios and averages. */
export interface StatsRow extends StatsSums {
  bucketStart: Date;
  localStart: string;
  groupValue: string | null;
  groupName: string | null;
}

export interface StatsOptions {
  readonly interval: StatsInterval;
  readonly timeZone: string;
  readonly groupBy?: StatsGroupBy | undefined;
  readonly targets: QueueTargets;
  /** Start of the whole range asked for: where the one interval of `range` starts. */
  readonly rangeFrom: Date;
}

/** Where figures are read from: the calls themselves, or a rollup level. */
export type StatsSource = 'scan' | RollupLevel;

const groupColumns: Record<StatsGroupBy, { value: RawBuilder<unknown>; name: RawBuilder<unknown> }> = {
  source: { value: sql`r.source`, name: sql`null::text` },
  direction: { value: sql`r.direction`, name: sql`null::text` },
  queue: { value: sql`r.queue_id`, name: sql`max(r.queue_name)` },
  // The agent is known by its blind index; any one of its (encrypted) {id, name} names the group.
  agent: { value: sql`encode(r.agent_index, 'hex')`, name: sql`min(r.agent_ciphertext)` },
};

/** Filters the rollups can answer: those on their key columns. Number, name and duration filters need the calls themselves. */
export const rollupCanServe = (filters: IndexFilters) =>
  filters.numberIndex === undefined &&
  (filters.nameTerms?.length ?? 0) === 0 &&
  filters.minDurationSeconds === undefined;

/** The smallest rollup level of a grain that answers: the queue level unless the agent is filtered or grouped on. */
export const rollupLevelFor = (
  filters: IndexFilters,
  groupBy: StatsGroupBy | undefined,
  grain: RollupLevel['grain'] = 'quarter',
): RollupLevel => {
  const agent = filters.agentIndex !== undefined || groupBy === 'agent';
  if (grain === 'day') return agent ? agentDayLevel : queueDayLevel;
  if (grain === 'hour') return agent ? agentHourLevel : queueHourLevel;
  return agent ? agentLevel : queueLevel;
};

/**
 * The whole calendar days of a zone inside a range: from its first local midnight to its last, or
 * undefined when it holds none.
 */
export async function wholeDaysWithin(
  trx: Trx,
  range: { from: Date; to: Date },
  timeZone: string,
): Promise<{ from: Date; to: Date } | undefined> {
  const midnight = (at: Date) =>
    sql`(date_trunc('day', ${at}::timestamptz at time zone ${timeZone}) at time zone ${timeZone})`;
  const { rows } = await sql<{ from: Date; to: Date }>`
    select case when ${midnight(range.from)} = ${range.from}::timestamptz then ${range.from}::timestamptz
                else (date_trunc('day', ${range.from}::timestamptz at time zone ${timeZone}) + interval '1 day') at time zone ${timeZone}
           end as from,
           ${midnight(range.to)} as to`.execute(trx);
  const days = rows[0];
  return days && days.from < days.to ? days : undefined;
}

/** Conditions on the rollup rows `r` of a range whose ends are on their interval boundaries. */
function rollupConditions(filters: IndexFilters & { from: Date; to: Date }): RawBuilder<unknown>[] {
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
  return where;
}

/**
 * Figures per interval of the tenant's local time. Hours and quarter hours are cut at local
 * wall-clock boundaries but kept apart by instant, so the hour repeated when clocks go back gives
 * two intervals (same local start, different UTC start). Days are local calendar days (23 or 25
 * hours on the days clocks change). From a rollup level, the range's ends must be on 15-minute UTC
 * boundaries (the caller reads the partial intervals at the edges from the calls), the filters
 * ones it can serve, and the agent level is needed for the agent.
 */
export async function statsRows(
  trx: Trx,
  from: StatsSource,
  filters: IndexFilters & { from: Date; to: Date },
  options: StatsOptions,
): Promise<StatsRow[]> {
  const scan = from === 'scan';
  if (!scan && from.name !== 'agent' && (options.groupBy === 'agent' || filters.agentIndex))
    throw new Error(`the ${from.name} rollups know no agents`);
  const time = scan ? sql`r.started_at` : sql`r.bucket_start`;
  const { bucketLocal, bucketStart } = intervalOf(
    time,
    options.interval,
    options.timeZone,
    options.rangeFrom,
  );
  const targets = targetsJoin(options.targets, sql`r.queue_id`);
  const group = options.groupBy
    ? groupColumns[options.groupBy]
    : { value: sql`null::text`, name: sql`null::text` };
  const where = scan ? indexConditions(filters) : rollupConditions(filters);
  const table = sql.raw(scan ? 'calls.call_records' : from.table);
  const { rows } = await sql<StatsRow>`
    select ${bucketStart} as bucket_start,
           to_char(${bucketLocal}, 'YYYY-MM-DD"T"HH24:MI') as local_start,
           ${group.value} as group_value,
           ${group.name} as group_name,
           ${scan ? scanMeasures(targets) : rollupMeasures(targets)}
      from ${table} r ${targets.join}
     where ${where.length ? sql.join(where, sql` and `) : sql`true`}
     group by 1, 2, 3
     order by 1, 3 nulls first`.execute(trx);
  return rows;
}
