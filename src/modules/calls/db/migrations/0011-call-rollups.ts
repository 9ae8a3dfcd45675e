import { appRole, sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';
import { WAIT_EDGES } from '../../stats/wait-histogram.js';
import { rollupContributionsSql, rollupMergeSql } from '../../stats/rollup-contributions.sql.js';

/*
 * Per-interval rollups of the call index, so that dashboards read thousands of rows, not millions.
 *
 * One row per 15-minute UTC interval (date_bin from 2000-01-01Z) x source x direction x
 * disposition x queue x agent (its blind index: agents are stored only encrypted). Every time zone
 * whose offset is a multiple of 15 minutes cuts its local quarter hours, hours and days on these
 * boundaries. The measures are sums over the calls of the row, unconditional: what applies only to
 * answered or inbound calls is selected by the key columns at read time. `ring_within[i]` counts
 * calls with ring_seconds <= WAIT_EDGES[i] (see wait-histogram.ts).
 *
 * Written in the transaction that writes the index (call-upsert.service.ts): a re-versioned or
 * merged call subtracts its stored row's contribution before adding the new one, and a row whose
 * count falls to 0 is deleted. The backfill below fills it from the calls indexed before.
 *
 * hold_seconds joins call_records (time on hold where the source reports it), so the rollups can
 * total it; calls indexed before this migration have it NULL until re-ingested.
 */
const rollups = `
  ALTER TABLE calls.call_records ADD COLUMN hold_seconds integer;

  CREATE TABLE calls.call_rollups (
    tenant_id uuid NOT NULL,
    bucket_start timestamptz NOT NULL,
    source text NOT NULL,
    direction text NOT NULL,
    disposition text,
    queue_id text,
    agent_index bytea,
    -- Any one name the queue had in the row's calls; any one ciphertext of the agent's {id, name}.
    queue_name text,
    agent_ciphertext text,
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
  CREATE UNIQUE INDEX call_rollups_key ON calls.call_rollups
    (tenant_id, bucket_start, source, direction, disposition, queue_id, agent_index) NULLS NOT DISTINCT;
  ${tenantIsolation('calls.call_rollups')}

  -- Element-wise sum of two histograms of the same length.
  CREATE FUNCTION calls.add_counts(a integer[], b integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT array_agg(x + y ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS u (x, y, i));

  /*
   * Adds (p_sign 1) or takes away (-1) the contribution of these stored calls, then deletes the
   * rows of their intervals left without calls. Runs as the caller, under row-level security.
   */
  CREATE FUNCTION calls.apply_rollup_delta(p_started_at timestamptz[], p_ids uuid[], p_sign integer) RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    INSERT INTO calls.call_rollups AS t
    ${rollupContributionsSql('calls.call_records r', '(r.started_at, r.id) IN (SELECT * FROM unnest(p_started_at, p_ids))', 'p_sign')}
    ${rollupMergeSql('p_sign')};
    DELETE FROM calls.call_rollups d
     WHERE d.calls = 0
       AND d.bucket_start IN (SELECT date_bin('15 minutes', s, timestamptz '2000-01-01 00:00:00+00') FROM unnest(p_started_at) AS s);
  END;
  GRANT EXECUTE ON FUNCTION calls.apply_rollup_delta(timestamptz[], uuid[], integer) TO ${appRole};

  /*
   * Rebuilds the rollups of the calling tenant from its calls (row-level security scopes both
   * statements): for an operator after a restore, and for tests. Rows are written in key order,
   * so a concurrent ingest waits rather than deadlocks.
   */
  CREATE FUNCTION calls.rebuild_rollups() RETURNS void
    LANGUAGE sql VOLATILE
  BEGIN ATOMIC
    DELETE FROM calls.call_rollups;
    INSERT INTO calls.call_rollups AS t
    ${rollupContributionsSql('calls.call_records r', 'true', 1)};
  END;
  GRANT EXECUTE ON FUNCTION calls.rebuild_rollups() TO ${appRole};

  -- The backfill: the calls of every tenant indexed before this migration (run as the owner, whom
  -- row-level security does not bind).
  INSERT INTO calls.call_rollups AS t
  ${rollupContributionsSql('calls.call_records r', 'true', 1)};

  /*
   * Service-level targets per queue (queue_id '' = the tenant's default for every other queue and
   * for calls without one). The seconds are edges of the wait histogram, so rollups answer exactly.
   */
  CREATE TABLE calls.queue_targets (
    tenant_id uuid NOT NULL,
    queue_id text NOT NULL,
    service_level_seconds integer NOT NULL CHECK (service_level_seconds = ANY (ARRAY[${WAIT_EDGES.join(', ')}])),
    service_level_goal numeric(5, 4) NOT NULL CHECK (service_level_goal > 0 AND service_level_goal <= 1),
    short_abandon_seconds integer NOT NULL CHECK (short_abandon_seconds = 0 OR short_abandon_seconds = ANY (ARRAY[${WAIT_EDGES.join(', ')}])),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
  );
  ${tenantIsolation('calls.queue_targets')}
`;

export const callRollupsMigration = sqlMigration('0011_call_rollups', rollups);
