import { callRollupsCoarserMigration } from './0015-call-rollups-days-hours.js';
import { rawPayloadsSql } from '../../ingest/raw-payloads.sql.js';
import {
  appRole,
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';
import { teamsSubscriptionsMigration } from './0004-teams-subscriptions.js';
import { archiveObjectsMigration } from './0006-archive-objects.js';
import { rawPayloadsSealedMigration } from './0007-raw-payloads-sealed.js';
import { rawPayloadDeliveryKeysMigration } from './0008-raw-payload-delivery-keys.js';
import { callDurationOrderMigration } from './0010-call-duration-order.js';
import { callRollupsMigration } from './0011-call-rollups.js';
import { callExportsMigration } from './0012-call-exports.js';
import { callRollupsQueueMigration } from './0013-call-rollups-queue.js';
import { quarantineCategoriesMigration } from './0014-quarantine-categories.js';
import { rawSegmentsMigration } from './0020-raw-segments.js';
import { rollupDeltaPlpgsqlMigration } from './0021-rollup-delta-plpgsql.js';
import { rollupDeltaEmptyRowsMigration } from './0022-rollup-delta-empty-rows.js';
import { partitionCompactionsMigration } from './0023-partition-compactions.js';

/*
 * The call index. Personal data (numbers, names, the full record) is stored only as ciphertext
 * under the tenant's data key; what stays in plain columns is what filters and statistics need and
 * is not personal: times, durations, source, direction, outcome, queue, quality. Look-ups on
 * personal data go through HMAC blind indexes (bytea, 32 bytes) in side tables.
 *
 * call_records and its two side tables are partitioned by month of started_at (UTC), so old months
 * can be dropped whole and queries on a time range touch only their months. A unique index on a
 * partitioned table must contain the partition key, so "one row per (tenant, source, source call
 * id)" is kept by call_keys, a plain table that also remembers where (started_at) each call lives.
 */

export const partitionedTables = ['call_records', 'call_numbers', 'call_name_terms'] as const;

const callIndex = `
  ${grantSchemaUsage('calls')}

  CREATE TABLE calls.call_keys (
    tenant_id uuid NOT NULL,
    source text NOT NULL,
    source_call_id text NOT NULL,
    id uuid NOT NULL UNIQUE,
    started_at timestamptz NOT NULL,
    -- Sortable text form of sourceVersion (see source-version.ts); C collation compares bytes.
    source_version text COLLATE "C" NOT NULL,
    -- Keyed digest of the normalised record: an identical replay is recognised without decrypting.
    content_digest bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source, source_call_id)
  );
  ${tenantIsolation('calls.call_keys')}

  CREATE TABLE calls.call_records (
    tenant_id uuid NOT NULL,
    id uuid NOT NULL,
    started_at timestamptz NOT NULL,
    source text NOT NULL,
    source_call_id text NOT NULL,
    conversation_id text NOT NULL,
    source_version text COLLATE "C" NOT NULL,
    direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal', 'unknown')),
    disposition text CHECK (disposition IN ('answered', 'no_answer', 'busy', 'failed', 'cancelled', 'voicemail')),
    answered_at timestamptz,
    ended_at timestamptz,
    ring_seconds integer,
    talk_seconds integer,
    total_seconds integer,
    -- Talk plus after-call work where the source reports it (Amazon Connect); else talk.
    handle_seconds integer,
    -- HMAC of the agent id (or name when the source has no id) for the agent filter and grouping.
    agent_index bytea,
    -- {id, name} of the agent, encrypted; text so that min() can pick one per group in statistics.
    agent_ciphertext text,
    queue_id text,
    queue_name text,
    mos real,
    jitter_ms real,
    packet_loss_pct real,
    rtt_ms real,
    leg_count smallint NOT NULL,
    recording_count smallint NOT NULL,
    raw_object_key text NOT NULL,
    raw_sha256 text NOT NULL,
    ingested_at timestamptz NOT NULL,
    -- {from, to} parties, encrypted: what a list page shows, without decrypting whole records.
    parties_ciphertext bytea NOT NULL,
    -- The whole NormalisedCall as JSON, encrypted (bound to the call id).
    record_ciphertext bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, started_at, id)
  ) PARTITION BY RANGE (started_at);
  CREATE INDEX call_records_by_source ON calls.call_records (tenant_id, source, started_at, id);
  CREATE INDEX call_records_by_agent ON calls.call_records (tenant_id, agent_index, started_at, id) WHERE agent_index IS NOT NULL;
  CREATE INDEX call_records_by_queue ON calls.call_records (tenant_id, queue_id, started_at, id) WHERE queue_id IS NOT NULL;
  ${tenantIsolation('calls.call_records')}

  -- One row per distinct number of a call (any party of any leg): the HMAC of its E.164 form
  -- (purpose 'phone', shared with other modules such as DNC) and of the raw address as the source
  -- wrote it (purpose 'call.address'). Ordered by time so "calls of this number" reads a range.
  CREATE TABLE calls.call_numbers (
    tenant_id uuid NOT NULL,
    number_index bytea NOT NULL,
    started_at timestamptz NOT NULL,
    call_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, number_index, started_at, call_id)
  ) PARTITION BY RANGE (started_at);
  CREATE INDEX call_numbers_by_call ON calls.call_numbers (call_id);
  ${tenantIsolation('calls.call_numbers')}

  -- One row per distinct word of the people's names on a call (parties and agent), as HMACs of
  -- the folded word: whole-word search on names that are stored only encrypted.
  CREATE TABLE calls.call_name_terms (
    tenant_id uuid NOT NULL,
    term_index bytea NOT NULL,
    started_at timestamptz NOT NULL,
    call_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, term_index, started_at, call_id)
  ) PARTITION BY RANGE (started_at);
  CREATE INDEX call_name_terms_by_call ON calls.call_name_terms (call_id);
  ${tenantIsolation('calls.call_name_terms')}

  -- Rows of months without a partition land here, so no insert ever fails. ensure_month_partitions
  -- moves them out when it creates their month.
  ${partitionedTables.map((t) => `CREATE TABLE calls.${t}_default PARTITION OF calls.${t} DEFAULT;`).join('\n  ')}

  /*
   * Creates the monthly partitions (UTC months) of the three partitioned tables for each month
   * given, moving rows of that month out of the default partition first. It runs as the owner
   * (SECURITY DEFINER) because the application role may not run DDL, and only for months between
   * 1990 and two years ahead, so a garbage timestamp cannot create partitions without end.
   * The partition is filled and attached rather than created with PARTITION OF, because ATTACH
   * takes a lock on the parent that does not block readers and writers of other months.
   */
  CREATE FUNCTION calls.ensure_month_partitions(p_months timestamptz[]) RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = '' SET timezone = 'UTC'
  AS $$
  DECLARE
    month_start timestamptz;
    month_end timestamptz;
    parent text;
    part text;
    created integer := 0;
  BEGIN
    FOREACH month_start IN ARRAY p_months LOOP
      month_start := date_trunc('month', month_start);
      IF month_start < timestamptz '1990-01-01 00:00+00' OR month_start > now() + interval '2 years' THEN
        CONTINUE;
      END IF;
      month_end := month_start + interval '1 month';
      FOREACH parent IN ARRAY ARRAY[${partitionedTables.map((t) => `'${t}'`).join(', ')}] LOOP
        part := parent || '_p' || to_char(month_start, 'YYYYMM');
        CONTINUE WHEN to_regclass('calls.' || part) IS NOT NULL;
        -- Two writers creating the same month: the second waits, then finds it made.
        PERFORM pg_advisory_xact_lock(hashtextextended('calls.partition.' || part, 0));
        CONTINUE WHEN to_regclass('calls.' || part) IS NOT NULL;
        EXECUTE format('CREATE TABLE calls.%I (LIKE calls.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part, parent);
        EXECUTE format(
          'WITH moved AS (DELETE FROM calls.%I WHERE started_at >= $1 AND started_at < $2 RETURNING *) INSERT INTO calls.%I SELECT * FROM moved',
          parent || '_default', part) USING month_start, month_end;
        EXECUTE format('ALTER TABLE calls.%I ATTACH PARTITION calls.%I FOR VALUES FROM (%L) TO (%L)', parent, part, month_start, month_end);
        created := created + 1;
      END LOOP;
    END LOOP;
    RETURN created;
  END $$;
  REVOKE ALL ON FUNCTION calls.ensure_month_partitions(timestamptz[]) FROM PUBLIC;
  GRANT EXECUTE ON FUNCTION calls.ensure_month_partitions(timestamptz[]) TO ${appRole};
`;

const quarantine = `
  -- Payloads a connector could not normalise, kept with the reason until someone replays them.
  -- The payload is personal data: stored encrypted, or only referenced in the object store.
  CREATE TABLE calls.quarantine (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    source text NOT NULL,
    reason text NOT NULL,
    raw_ciphertext bytea,
    raw_object_key text,
    raw_sha256 text,
    raw_bytes integer,
    received_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed')),
    replay_attempts integer NOT NULL DEFAULT 0,
    last_replay_error text,
    replayed_at timestamptz,
    replayed_by text,
    CHECK (raw_ciphertext IS NOT NULL OR raw_object_key IS NOT NULL)
  );
  CREATE INDEX quarantine_listing ON calls.quarantine (tenant_id, status, received_at DESC, id DESC);
  ${tenantIsolation('calls.quarantine', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
`;

export const callsMigrations: MigrationSet = {
  schema: 'calls',
  migrations: [
    sqlMigration('0001_call_index', callIndex),
    sqlMigration('0002_quarantine', quarantine),
    sqlMigration(
      '0003_raw_payloads',
      `${rawPayloadsSql}\n${tenantIsolation('calls.raw_payloads', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}`,
    ),
    teamsSubscriptionsMigration,
    // What a replay needs to read a quarantined item as its delivery was read (time zone, column map...).
    sqlMigration(
      '0005_quarantine_connector_options',
      `ALTER TABLE calls.quarantine ADD COLUMN options jsonb NOT NULL DEFAULT '{}'::jsonb;`,
    ),
    archiveObjectsMigration,
    rawPayloadsSealedMigration,
    rawPayloadDeliveryKeysMigration,
    // How often the sweeper re-published a payload's event (raw-payload-redrive.job.ts): its bound.
    sqlMigration(
      '0009_raw_payload_redrives',
      `
      CREATE TABLE calls.raw_payload_redrives (
        payload_id uuid PRIMARY KEY REFERENCES calls.raw_payloads (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL,
        attempts integer NOT NULL CHECK (attempts > 0),
        last_redriven_at timestamptz NOT NULL
      );
      ${tenantIsolation('calls.raw_payload_redrives', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
      `,
    ),
    callDurationOrderMigration,
    callRollupsMigration,
    callExportsMigration,
    callRollupsQueueMigration,
    quarantineCategoriesMigration,
    callRollupsCoarserMigration,
    rawSegmentsMigration,
    rollupDeltaPlpgsqlMigration,
    rollupDeltaEmptyRowsMigration,
    partitionCompactionsMigration,
  ],
};
