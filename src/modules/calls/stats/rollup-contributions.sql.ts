import { WAIT_EDGES } from './wait-histogram.js';

/** The key columns of calls.call_rollups, in the order of its unique index after tenant_id. */
export const rollupKeyColumns = [
  'bucket_start',
  'source',
  'direction',
  'disposition',
  'queue_id',
  'agent_index',
] as const;

const measureColumns = [
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

/**
 * `(column list) SELECT ...`: the contribution of the call rows `r` matching `where` to the
 * rollups, times `sign` (1 adds calls, -1 takes them away). Migrations use it for the backfill and
 * for calls.apply_rollup_delta, so both count a call the same way.
 */
export function rollupContributionsSql(from: string, where: string, sign: 1 | -1 | 'p_sign'): string {
  const s = String(sign);
  const within = WAIT_EDGES.map(
    (edge) => `(${s} * count(*) FILTER (WHERE r.ring_seconds <= ${edge}))::int`,
  ).join(', ');
  return `
    (tenant_id, ${rollupKeyColumns.join(', ')}, queue_name, agent_ciphertext, ${measureColumns.join(', ')})
    SELECT r.tenant_id,
           date_bin('15 minutes', r.started_at, timestamptz '2000-01-01 00:00:00+00'),
           r.source, r.direction, r.disposition, r.queue_id, r.agent_index,
           max(r.queue_name), min(r.agent_ciphertext),
           ${s} * count(*),
           ${s} * coalesce(sum(r.talk_seconds), 0), ${s} * count(r.talk_seconds),
           ${s} * coalesce(sum(r.handle_seconds), 0), ${s} * count(r.handle_seconds),
           ${s} * coalesce(sum(r.hold_seconds), 0), ${s} * count(r.hold_seconds),
           ${s} * coalesce(sum(r.ring_seconds), 0), ${s} * count(r.ring_seconds),
           ${s} * count(*) FILTER (WHERE r.ended_at IS NULL),
           ARRAY[${within}]
      FROM ${from}
     WHERE ${where}
     GROUP BY 1, 2, 3, 4, 5, 6, 7
     ORDER BY 1, 2, 3, 4, 5, 6, 7`;
}

/** The ON CONFLICT clause that adds a contribution to an existing rollup row `t`. */
export function rollupMergeSql(sign: string): string {
  const sums = measureColumns
    .filter((c) => c !== 'ring_within')
    .map((c) => `${c} = t.${c} + excluded.${c}`)
    .join(', ');
  return `
    ON CONFLICT (tenant_id, ${rollupKeyColumns.join(', ')}) DO UPDATE SET
      ${sums},
      ring_within = calls.add_counts(t.ring_within, excluded.ring_within),
      queue_name = CASE WHEN ${sign} > 0 THEN coalesce(excluded.queue_name, t.queue_name) ELSE t.queue_name END,
      agent_ciphertext = CASE WHEN ${sign} > 0 THEN coalesce(excluded.agent_ciphertext, t.agent_ciphertext) ELSE t.agent_ciphertext END`;
}
