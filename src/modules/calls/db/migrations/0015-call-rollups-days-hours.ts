import { appRole, sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';
import { WAIT_EDGES } from '../../stats/wait-histogram.js';
import {
  agentDayLevel,
  agentHourLevel,
  agentLevel,
  emptyRollupsSql,
  queueDayLevel,
  queueHourLevel,
  queueLevel,
  rollupContributionsSql,
  rollupFromLevelSql,
  rollupMergeSql,
  rollupZoneLockSql,
  type RollupLevel,
} from '../../stats/rollup-contributions.sql.js';

/*
 * Coarser levels, so that long ranges read few rows. The agent and queue levels per UTC hour serve
 * questions by hour (or day) in zones whose offset is a whole number of hours; backfilled here from
 * the quarter-hour levels.
 *
 * Day levels: the agent and queue levels' keys per calendar day of the tenant's time zone, so a
 * month by day reads 30 intervals, not 2,880 quarter hours (a tenant with 100,000 calls a day has
 * about 10,000 queue-level rows a day in quarter hours, a few hundred in days).
 *
 * A day is a day of one zone, so the levels are cut in the zone recorded in calls.rollup_zones
 * (one row per tenant). When the tenant's zone changes, the reader records the new zone (its
 * generation goes up, `ready` goes false, the old days are deleted) and the rollup-zones timer
 * rebuilds the days one at a time from the calls; until `ready`, the quarter-hour levels answer.
 * Ingest adds to the days in the recorded zone from the moment it is recorded. A day's rebuild
 * and ingest are kept apart by a per-tenant advisory lock (shared for ingest, exclusive for a
 * rebuild), so a rebuilt day counts every call committed before it and ingest the calls after.
 *
 * Tenants get a row on their first dashboard question by day; nothing to backfill here.
 */
const levelTable = (level: RollupLevel) => `
  CREATE TABLE ${level.table} (
    tenant_id uuid NOT NULL,
    bucket_start timestamptz NOT NULL,
    source text NOT NULL,
    direction text NOT NULL,
    disposition text,
    queue_id text,
    ${level.name === 'agent' ? 'agent_index bytea,' : ''}
    queue_name text,
    ${level.name === 'agent' ? 'agent_ciphertext text,' : ''}
    calls integer NOT NULL,
    talk_sum bigint NOT NULL,
    talk_count integer NOT NULL,
    handle_sum bigint NOT NULL,
    handle_count integer NOT NULL,
    hold_sum bigint NOT NULL,
    hold_count integer NOT NULL,
    ring_sum bigint NOT NULL,
    ring_count integer NOT NULL,
    in_progress integer NOT NULL,
    ring_within integer[] NOT NULL CHECK (cardinality(ring_within) = ${WAIT_EDGES.length})
  );
  CREATE UNIQUE INDEX ${level.table.replace('calls.', '')}_key ON ${level.table}
    (tenant_id, ${level.keyColumns.join(', ')}) NULLS NOT DISTINCT;
  ${tenantIsolation(level.table)}
`;

const callsIn = '(r.started_at, r.id) IN (SELECT * FROM unnest(p_started_at, p_ids))';
// In the order every writer writes them, so concurrent ingest waits rather than deadlocks.
const quarterAndDay = [
  agentLevel,
  queueLevel,
  agentDayLevel,
  queueDayLevel,
  agentHourLevel,
  queueHourLevel,
] as const;

const coarserLevels = `
  CREATE TABLE calls.rollup_zones (
    tenant_id uuid PRIMARY KEY,
    -- The IANA zone the day levels are cut in.
    time_zone text NOT NULL,
    -- Goes up with each change of zone; a rebuild of an older generation stops.
    generation integer NOT NULL DEFAULT 1,
    -- Every day with calls has been rebuilt in this zone since it was recorded.
    ready boolean NOT NULL DEFAULT false,
    changed_at timestamptz NOT NULL DEFAULT now(),
    built_at timestamptz
  );
  ${tenantIsolation('calls.rollup_zones', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}

  ${levelTable(agentDayLevel)}
  ${levelTable(queueDayLevel)}
  ${levelTable(agentHourLevel)}
  ${levelTable(queueHourLevel)}

  CREATE OR REPLACE FUNCTION calls.apply_rollup_delta(p_started_at timestamptz[], p_ids uuid[], p_sign integer) RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    ${rollupZoneLockSql('shared')};
    ${quarterAndDay
      .map(
        (level) => `INSERT INTO ${level.table} AS t
    ${rollupContributionsSql('calls.call_records r', callsIn, 'p_sign', level)}
    ${rollupMergeSql('p_sign', level)};`,
      )
      .join('\n    ')}
    ${quarterAndDay.map((level) => `${emptyRollupsSql(level)};`).join('\n    ')}
  END;

  -- Every level of the calling tenant, from its calls (the day levels in its recorded zone, if any).
  CREATE OR REPLACE FUNCTION calls.rebuild_rollups() RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    ${rollupZoneLockSql('exclusive')};
    ${quarterAndDay.map((level) => `DELETE FROM ${level.table};`).join('\n    ')}
    ${quarterAndDay
      .map(
        (level) => `INSERT INTO ${level.table} AS t
    ${rollupContributionsSql('calls.call_records r', 'true', 1, level)};`,
      )
      .join('\n    ')}
    UPDATE calls.rollup_zones SET ready = true, built_at = now();
  END;
  GRANT EXECUTE ON FUNCTION calls.rebuild_rollups() TO ${appRole};

  -- The backfill of the hour levels (run as the owner, whom row-level security does not bind).
  INSERT INTO ${agentHourLevel.table} AS t
  ${rollupFromLevelSql(agentLevel, agentHourLevel)};
  INSERT INTO ${queueHourLevel.table} AS t
  ${rollupFromLevelSql(queueLevel, queueHourLevel)};
`;

export const callRollupsCoarserMigration = sqlMigration('0015_call_rollups_days_hours', coarserLevels);
