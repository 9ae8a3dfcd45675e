import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Pull connectors as a tenant configures them (POST /conversations/sources), where each one left
 * off, and what each run did. Nothing here is personal data: the configuration holds URLs, field
 * paths and the NAMES of secrets (their values live in the secrets store); run reports hold
 * recording ids, counts and what the remote system answered.
 */
export const recordingSources = sqlMigration(
  '0004_recording_sources',
  `
  CREATE TABLE conversations.recording_sources (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('rest', 'twilio', '3cx')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- The kind's settings as checked by its zod schema (rest-recorder / twilio-recordings /
    -- threecx-recordings .config.ts), defaults filled in; secrets appear only by name.
    config jsonb NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    -- How often the timer runs it, and the window limits of each run (see pull/pull-run.ts).
    interval_minutes integer NOT NULL CHECK (interval_minutes BETWEEN 1 AND 1440),
    look_back_minutes integer NOT NULL CHECK (look_back_minutes BETWEEN 0 AND 1440),
    first_run_minutes integer NOT NULL CHECK (first_run_minutes BETWEEN 1 AND 43200),
    max_window_minutes integer NOT NULL CHECK (max_window_minutes BETWEEN 5 AND 10080),
    settle_seconds integer NOT NULL CHECK (settle_seconds BETWEEN 0 AND 3600),
    max_hold_back_minutes integer NOT NULL CHECK (max_hold_back_minutes BETWEEN 0 AND 10080),
    -- When the timer runs it next (set after each run, and when it is enabled or its interval changes).
    next_run_at timestamptz,
    last_run_at timestamptz,
    last_run_status text CHECK (last_run_status IN ('running', 'succeeded', 'partial', 'failed', 'abandoned')),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    UNIQUE (tenant_id, name)
  );
  ${tenantIsolation('conversations.recording_sources')}
  CREATE INDEX recording_sources_due ON conversations.recording_sources (next_run_at) WHERE enabled;

  -- Where a source left off: the high-water mark the next window starts from (less the look-back).
  CREATE TABLE conversations.recording_source_cursors (
    source_id uuid PRIMARY KEY REFERENCES conversations.recording_sources (id) ON DELETE CASCADE,
    tenant_id uuid NOT NULL,
    high_water_mark timestamptz NOT NULL,
    last_success_at timestamptz,
    imported_total bigint NOT NULL DEFAULT 0,
    duplicates_total bigint NOT NULL DEFAULT 0,
    failed_total bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ${tenantIsolation('conversations.recording_source_cursors')}

  -- One row per run (timer, run-now, a Twilio callback): what it fetched, imported, found again,
  -- and what failed with the reason. The newest few hundred per source are kept.
  CREATE TABLE conversations.recording_source_runs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    source_id uuid NOT NULL REFERENCES conversations.recording_sources (id) ON DELETE CASCADE,
    trigger text NOT NULL CHECK (trigger IN ('timer', 'manual', 'callback')),
    -- partial: the run finished but some recordings failed; failed: the source refused the run.
    state text NOT NULL CHECK (state IN ('running', 'succeeded', 'partial', 'failed', 'abandoned')),
    window_since timestamptz,
    window_until timestamptz,
    fetched integer NOT NULL DEFAULT 0,
    imported integer NOT NULL DEFAULT 0,
    duplicates integer NOT NULL DEFAULT 0,
    -- [{ sourceRecordingId, message, transient }]
    failures jsonb NOT NULL DEFAULT '[]',
    -- [{ sourceRecordingId, reason }]: what the source passed over (still processing, absent, dropped legs)
    skipped jsonb NOT NULL DEFAULT '[]',
    error_code text,
    error text,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  );
  ${tenantIsolation('conversations.recording_source_runs')}
  CREATE INDEX recording_source_runs_by_source ON conversations.recording_source_runs (tenant_id, source_id, started_at DESC);
`,
);
