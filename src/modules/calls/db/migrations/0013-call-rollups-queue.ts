import { appRole, sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';
import { WAIT_EDGES } from '../../stats/wait-histogram.js';
import {
  agentLevel,
  emptyRollupsSql,
  queueLevel,
  rollupContributionsSql,
  rollupFromLevelSql,
  rollupMergeSql,
} from '../../stats/rollup-contributions.sql.js';

/*
 * A second rollup level without the agent: per 15-minute UTC interval x source x direction x
 * disposition x queue. Totals, charts and the queue table read it; the agent level (0011) keeps
 * serving the agent table and agent filters. A contact centre with 15 agents per queue has one row
 * here where the agent level has up to 15.
 *
 * It stays at 15 minutes, like the agent level: a zone whose offset is not a whole hour (India
 * +05:30, Nepal +05:45, Newfoundland -03:30) cuts its local hours and days on quarter hours.
 *
 * calls.apply_rollup_delta now writes both levels, in the same statement order for every caller
 * (agent level, then queue level, each in key order), so concurrent ingest waits rather than
 * deadlocks; calls.rebuild_rollups rebuilds both from the calls. The backfill sums the agent level.
 */
const queueRollups = `
  CREATE TABLE ${queueLevel.table} (
    tenant_id uuid NOT NULL,
    bucket_start timestamptz NOT NULL,
    source text NOT NULL,
    direction text NOT NULL,
    disposition text,
    queue_id text,
    -- Any one name the queue had in the row's calls.
    queue_name text,
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
  CREATE UNIQUE INDEX call_rollups_queue_key ON ${queueLevel.table}
    (tenant_id, ${queueLevel.keyColumns.join(', ')}) NULLS NOT DISTINCT;
  ${tenantIsolation(queueLevel.table)}

  CREATE OR REPLACE FUNCTION calls.apply_rollup_delta(p_started_at timestamptz[], p_ids uuid[], p_sign integer) RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    INSERT INTO ${agentLevel.table} AS t
    ${rollupContributionsSql('calls.call_records r', '(r.started_at, r.id) IN (SELECT * FROM unnest(p_started_at, p_ids))', 'p_sign', agentLevel)}
    ${rollupMergeSql('p_sign', agentLevel)};
    INSERT INTO ${queueLevel.table} AS t
    ${rollupContributionsSql('calls.call_records r', '(r.started_at, r.id) IN (SELECT * FROM unnest(p_started_at, p_ids))', 'p_sign', queueLevel)}
    ${rollupMergeSql('p_sign', queueLevel)};
    ${emptyRollupsSql(agentLevel)};
    ${emptyRollupsSql(queueLevel)};
  END;

  CREATE OR REPLACE FUNCTION calls.rebuild_rollups() RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    DELETE FROM ${agentLevel.table};
    DELETE FROM ${queueLevel.table};
    INSERT INTO ${agentLevel.table} AS t
    ${rollupContributionsSql('calls.call_records r', 'true', 1, agentLevel)};
    INSERT INTO ${queueLevel.table} AS t
    ${rollupContributionsSql('calls.call_records r', 'true', 1, queueLevel)};
  END;
  GRANT EXECUTE ON FUNCTION calls.rebuild_rollups() TO ${appRole};

  -- The backfill, from the agent level (run as the owner, whom row-level security does not bind).
  INSERT INTO ${queueLevel.table} AS t
  ${rollupFromLevelSql(agentLevel, queueLevel)};
`;

export const callRollupsQueueMigration = sqlMigration('0013_call_rollups_queue', queueRollups);
