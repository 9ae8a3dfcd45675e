import { WAIT_EDGES } from './wait-histogram.js';

/*
 * The rollup levels and the SQL that counts calls into them. Each level is one table of sums per
 * interval and key; the levels differ in their keys and in the length of their intervals:
 * - agent (calls.call_rollups, migration 0011): 15-minute UTC intervals x source x direction x
 *   disposition x queue x agent, for the agent table and agent filters;
 * - queue (calls.call_rollups_queue, migration 0013): the same without the agent, for totals,
 *   charts and the queue table: one row where the agent level has one per agent;
 * - agent-day and queue-day (calls.call_rollups_day, calls.call_rollups_queue_day, migration
 *   0015): the same keys per calendar day of the tenant's time zone (calls.rollup_zones), so a
 *   month by day reads 30 intervals instead of 2,880 quarter hours;
 * - agent-hour and queue-hour (calls.call_rollups_hour, calls.call_rollups_queue_hour, migration
 *   0015): the agent and queue levels per UTC hour, for questions by hour or day in zones whose
 *   offset is a whole number of hours (a week by hour reads 168 intervals instead of 672).
 * All are written in the transaction that writes the index, by calls.apply_rollup_delta.
 */

export interface RollupLevel {
  readonly name: 'agent' | 'queue';
  /** How long its intervals are: 15 minutes or an hour of UTC, or a calendar day of the zone in calls.rollup_zones. */
  readonly grain: 'quarter' | 'hour' | 'day';
  readonly table: string;
  /** Its key columns after tenant_id, in the order of its unique index. */
  readonly keyColumns: readonly string[];
  /** Descriptive columns (not keys): any one value of the row's calls, the latest written kept. */
  readonly nameColumns: readonly { column: string; pick: 'max' | 'min' }[];
}

export const agentLevel = {
  name: 'agent',
  grain: 'quarter',
  table: 'calls.call_rollups',
  keyColumns: ['bucket_start', 'source', 'direction', 'disposition', 'queue_id', 'agent_index'],
  nameColumns: [
    { column: 'queue_name', pick: 'max' },
    { column: 'agent_ciphertext', pick: 'min' },
  ],
} as const satisfies RollupLevel;

export const queueLevel = {
  name: 'queue',
  grain: 'quarter',
  table: 'calls.call_rollups_queue',
  keyColumns: ['bucket_start', 'source', 'direction', 'disposition', 'queue_id'],
  nameColumns: [{ column: 'queue_name', pick: 'max' }],
} as const satisfies RollupLevel;

export const agentDayLevel = {
  ...agentLevel,
  grain: 'day',
  table: 'calls.call_rollups_day',
} as const satisfies RollupLevel;

export const queueDayLevel = {
  ...queueLevel,
  grain: 'day',
  table: 'calls.call_rollups_queue_day',
} as const satisfies RollupLevel;

export const agentHourLevel = {
  ...agentLevel,
  grain: 'hour',
  table: 'calls.call_rollups_hour',
} as const satisfies RollupLevel;

export const queueHourLevel = {
  ...queueLevel,
  grain: 'hour',
  table: 'calls.call_rollups_queue_hour',
} as const satisfies RollupLevel;

export const rollupLevels = [
  agentLevel,
  queueLevel,
  agentDayLevel,
  queueDayLevel,
  agentHourLevel,
  queueHourLevel,
] as const;
export const dayLevels = [agentDayLevel, queueDayLevel] as const;

export const measureColumns = [
  'calls',
  'talk_sum',
  'talk_count',
  'handle_sum',
  'handle_count',
  'hold_sum',
  'hold_count',
  'ring_sum',
  'ring_count',
  'in_progress',
  'ring_within',
] as const;

const quarterOf = (time: string) => `date_bin('15 minutes', ${time}, timestamptz '2000-01-01 00:00:00+00')`;
/** The start of the calendar day of the zone row `z` that an instant falls in (23 or 25 hours long when clocks change). */
const dayOf = (time: string) =>
  `(date_trunc('day', ${time} AT TIME ZONE z.time_zone) AT TIME ZONE z.time_zone)`;
const hourOf = (time: string) => `date_bin('1 hour', ${time}, timestamptz '2000-01-01 00:00:00+00')`;
const bucketOf = (level: RollupLevel, time: string) =>
  level.grain === 'day' ? dayOf(time) : level.grain === 'hour' ? hourOf(time) : quarterOf(time);
/** Day levels count only the calls of tenants with a zone (calls.rollup_zones), in that zone. */
const zoneJoin = (level: RollupLevel, alias: string) =>
  level.grain === 'day' ? ` JOIN calls.rollup_zones z ON z.tenant_id = ${alias}.tenant_id` : '';

/**
 * `(column list) SELECT ...`: the contribution of the call rows `r` matching `where` to a rollup
 * level, times `sign` (1 adds calls, -1 takes them away). Migrations use it for backfills and
 * for calls.apply_rollup_delta, so every path counts a call the same way.
 */
export function rollupContributionsSql(
  from: string,
  where: string,
  sign: 1 | -1 | 'p_sign',
  level: RollupLevel = agentLevel,
): string {
  const s = String(sign);
  const within = WAIT_EDGES.map(
    (edge) => `(${s} * count(*) FILTER (WHERE r.ring_seconds <= ${edge}))::int`,
  ).join(', ');
  const keys = level.keyColumns.map((c) =>
    c === 'bucket_start' ? bucketOf(level, 'r.started_at') : `r.${c}`,
  );
  const names = level.nameColumns.map((n) => `${n.pick}(r.${n.column})`).join(', ');
  const positions = level.keyColumns.map((_, i) => String(i + 2)).join(', ');
  return `
    (tenant_id, ${level.keyColumns.join(', ')}, ${level.nameColumns.map((n) => n.column).join(', ')}, ${measureColumns.join(', ')})
    SELECT r.tenant_id,
           ${keys.join(', ')},
           ${names},
           ${s} * count(*),
           ${s} * coalesce(sum(r.talk_seconds), 0), ${s} * count(r.talk_seconds),
           ${s} * coalesce(sum(r.handle_seconds), 0), ${s} * count(r.handle_seconds),
           ${s} * coalesce(sum(r.hold_seconds), 0), ${s} * count(r.hold_seconds),
           ${s} * coalesce(sum(r.ring_seconds), 0), ${s} * count(r.ring_seconds),
           ${s} * count(*) FILTER (WHERE r.ended_at IS NULL),
           ARRAY[${within}]
      FROM ${from}${zoneJoin(level, 'r')}
     WHERE ${where}
     GROUP BY 1, ${positions}
     ORDER BY 1, ${positions}`;
}

/**
 * `(column list) SELECT ...`: a coarser level's rows summed from the rows `r` of a finer one (the
 * backfill of the queue level from the agent level).
 */
export function rollupFromLevelSql(finer: RollupLevel, coarser: RollupLevel): string {
  const keys = coarser.keyColumns
    .map((c) =>
      c === 'bucket_start' && coarser.grain !== finer.grain ? bucketOf(coarser, 'r.bucket_start') : `r.${c}`,
    )
    .join(', ');
  const names = coarser.nameColumns.map((n) => `${n.pick}(r.${n.column})`).join(', ');
  const sums = measureColumns
    .filter((c) => c !== 'ring_within')
    .map((c) => `sum(r.${c})`)
    .join(', ');
  const within = WAIT_EDGES.map((_, i) => `sum(r.ring_within[${i + 1}])::int`).join(', ');
  const positions = coarser.keyColumns.map((_, i) => String(i + 2)).join(', ');
  return `
    (tenant_id, ${coarser.keyColumns.join(', ')}, ${coarser.nameColumns.map((n) => n.column).join(', ')}, ${measureColumns.join(', ')})
    SELECT r.tenant_id, ${keys}, ${names}, ${sums}, ARRAY[${within}]
      FROM ${finer.table} r
     GROUP BY 1, ${positions}
     ORDER BY 1, ${positions}`;
}

/** The ON CONFLICT clause that adds a contribution to an existing rollup row `t`. */
export function rollupMergeSql(sign: string, level: RollupLevel = agentLevel): string {
  const sums = measureColumns
    .filter((c) => c !== 'ring_within')
    .map((c) => `${c} = t.${c} + excluded.${c}`)
    .join(', ');
  const names = level.nameColumns
    .map(
      (n) =>
        `${n.column} = CASE WHEN ${sign} > 0 THEN coalesce(excluded.${n.column}, t.${n.column}) ELSE t.${n.column} END`,
    )
    .join(',\n      ');
  return `
    ON CONFLICT (tenant_id, ${level.keyColumns.join(', ')}) DO UPDATE SET
      ${sums},
      ring_within = calls.add_counts(t.ring_within, excluded.ring_within),
      ${names}`;
}

/** Deletes the rows of a level left without calls in the intervals of these start times (`p_started_at`). */
export function emptyRollupsSql(level: RollupLevel): string {
  const intervals =
    level.grain === 'day'
      ? `SELECT ${dayOf('s')} FROM unnest(p_started_at) AS s CROSS JOIN calls.rollup_zones z`
      : `SELECT ${bucketOf(level, 's')} FROM unnest(p_started_at) AS s`;
  return `DELETE FROM ${level.table} d
     WHERE d.calls = 0
       AND d.bucket_start IN (${intervals})`;
}

/**
 * The lock that keeps a day level's rebuild and the calling tenant's ingest apart: ingest takes it
 * shared for its transaction (calls.apply_rollup_delta), a rebuild exclusively, so a rebuilt day
 * counts every call committed before it and ingest adds only the calls after.
 */
export const rollupZoneLockSql = (mode: 'shared' | 'exclusive') =>
  `SELECT pg_advisory_xact_lock${mode === 'shared' ? '_shared' : ''}(hashtextextended('calls.rollup_zone:' || platform.current_tenant_id()::text, 0))`;
