import { sql, type RawBuilder } from 'kysely';
import type { QueueTarget, QueueTargets, StatsInterval } from '../contract.js';
import { edgePosition, isWaitEdge } from './wait-histogram.js';

/*
 * SQL fragments of the statistics query (stats.repo): the raw scan of calls.call_records and the
 * rollup levels both join the tenant's targets as `tq` on the queue and answer the same StatsSums
 * columns, so a test can hold one against the other.
 */

/**
 * Interval of the tenant's local time that the instant `time` falls in: its UTC start and its
 * wall-clock start. The `range` interval is one for the whole range, starting at `rangeFrom`.
 */
export function intervalOf(
  time: RawBuilder<unknown>,
  interval: StatsInterval,
  timeZone: string,
  rangeFrom: Date,
) {
  if (interval === 'range')
    return {
      bucketLocal: sql`(${rangeFrom}::timestamptz at time zone ${timeZone})`,
      bucketStart: sql`${rangeFrom}::timestamptz`,
    };
  const local = sql`(${time} at time zone ${timeZone})`;
  const bucketLocal =
    interval === '15m'
      ? sql`date_bin('15 minutes', ${local}, timestamp '2000-01-01')`
      : sql`date_trunc(${interval === 'hour' ? 'hour' : 'day'}, ${local})`;
  const bucketStart =
    interval === 'day'
      ? sql`(${bucketLocal}) at time zone ${timeZone}`
      : sql`${time} - (${local} - ${bucketLocal})`;
  return { bucketLocal, bucketStart };
}

const position = (seconds: number) => (isWaitEdge(seconds) ? edgePosition(seconds) : 0);

/** `left join (values ...) tq`: each queue's own targets (seconds and histogram positions); `defaults` is the rest's. */
export function targetsJoin(targets: QueueTargets, queueColumn: RawBuilder<unknown>) {
  const rows = targets.queues.map(
    (q) =>
      sql`(${q.queueId}::text, ${q.serviceLevelSeconds}::int, ${position(q.serviceLevelSeconds)}::int, ${q.shortAbandonSeconds}::int, ${position(q.shortAbandonSeconds)}::int)`,
  );
  // One row that matches nothing keeps the VALUES list valid when no queue has targets.
  rows.push(sql`(null::text, null::int, null::int, null::int, null::int)`);
  const d: QueueTarget = targets.default;
  return {
    join: sql`left join (values ${sql.join(rows)}) as tq (queue_id, sl_seconds, sl_position, short_seconds, short_position) on tq.queue_id = ${queueColumn}`,
    slSeconds: sql`coalesce(tq.sl_seconds, ${d.serviceLevelSeconds}::int)`,
    slPosition: sql`coalesce(tq.sl_position, ${position(d.serviceLevelSeconds)}::int)`,
    shortSeconds: sql`coalesce(tq.short_seconds, ${d.shortAbandonSeconds}::int)`,
    shortPosition: sql`coalesce(tq.short_position, ${position(d.shortAbandonSeconds)}::int)`,
  };
}

/** StatsSums of call rows `r` (the raw scan). */
export function scanMeasures(targets: ReturnType<typeof targetsJoin>) {
  const answered = sql`r.disposition = 'answered'`;
  const inboundAnswered = sql`r.direction = 'inbound' and r.disposition = 'answered'`;
  const inboundCancelled = sql`r.direction = 'inbound' and r.disposition = 'cancelled'`;
  return sql`count(*) as calls,
           count(*) filter (where ${answered}) as answered,
           coalesce(sum(r.talk_seconds) filter (where ${answered}), 0) as talk_sum,
           count(r.talk_seconds) filter (where ${answered}) as talk_count,
           coalesce(sum(r.handle_seconds) filter (where ${answered}), 0) as handle_sum,
           count(r.handle_seconds) filter (where ${answered}) as handle_count,
           coalesce(sum(r.hold_seconds) filter (where ${answered}), 0) as hold_sum,
           count(r.hold_seconds) filter (where ${answered}) as hold_count,
           count(*) filter (where r.direction = 'inbound') as inbound,
           count(*) filter (where ${inboundCancelled}) as abandoned,
           count(*) filter (where ${inboundCancelled} and ${targets.shortSeconds} > 0 and r.ring_seconds <= ${targets.shortSeconds}) as short_abandoned,
           count(*) filter (where ${inboundAnswered} and r.ring_seconds <= ${targets.slSeconds}) as answered_within_target,
           coalesce(sum(r.ring_seconds) filter (where ${inboundAnswered}), 0) as wait_sum,
           count(r.ring_seconds) filter (where ${inboundAnswered}) as wait_count,
           count(*) filter (where r.ended_at is null) as in_progress`;
}

/** StatsSums of rollup rows `r`. Position 0 (no short abandons) reads NULL from the array, which sums to nothing. */
export function rollupMeasures(targets: ReturnType<typeof targetsJoin>) {
  const answered = sql`r.disposition = 'answered'`;
  const inboundAnswered = sql`r.direction = 'inbound' and r.disposition = 'answered'`;
  const inboundCancelled = sql`r.direction = 'inbound' and r.disposition = 'cancelled'`;
  const total = (expression: RawBuilder<unknown>, where?: RawBuilder<unknown>) =>
    where
      ? sql`coalesce(sum(${expression}) filter (where ${where}), 0)::bigint`
      : sql`coalesce(sum(${expression}), 0)::bigint`;
  return sql`${total(sql`r.calls`)} as calls,
           ${total(sql`r.calls`, answered)} as answered,
           ${total(sql`r.talk_sum`, answered)} as talk_sum,
           ${total(sql`r.talk_count`, answered)} as talk_count,
           ${total(sql`r.handle_sum`, answered)} as handle_sum,
           ${total(sql`r.handle_count`, answered)} as handle_count,
           ${total(sql`r.hold_sum`, answered)} as hold_sum,
           ${total(sql`r.hold_count`, answered)} as hold_count,
           ${total(sql`r.calls`, sql`r.direction = 'inbound'`)} as inbound,
           ${total(sql`r.calls`, inboundCancelled)} as abandoned,
           ${total(sql`r.ring_within[${targets.shortPosition}]`, inboundCancelled)} as short_abandoned,
           ${total(sql`r.ring_within[${targets.slPosition}]`, inboundAnswered)} as answered_within_target,
           ${total(sql`r.ring_sum`, inboundAnswered)} as wait_sum,
           ${total(sql`r.ring_count`, inboundAnswered)} as wait_count,
           ${total(sql`r.in_progress`)} as in_progress`;
}
