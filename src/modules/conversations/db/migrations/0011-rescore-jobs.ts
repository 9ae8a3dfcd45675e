import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Background re-scores of a period (POST /conversations/rescore): one row per job, its range and
 * scope, and its progress. The workflow pages through the recordings in the range by keyset
 * (started_at, id) and records after each batch how far it got (cursor_*), what it did (done,
 * failed) and why some failed (failures: the first 100, as { recordingId, reason }). batches_done
 * makes the progress update of a batch count once, even when a crash makes the batch run again.
 *
 * One job per tenant, range, queue and scope runs at a time (jobs_one_running): a second request
 * for the same while it runs gets that job back (coalesced).
 *
 * A re-score's analyses carry reason 'rescore' and request key `request:<job uuid>:<recording uuid>`,
 * so a job makes at most one analysis per recording whatever crashes.
 */
export const rescoreJobs = sqlMigration(
  '0011_rescore_jobs',
  `
  CREATE TABLE conversations.rescore_jobs (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    range_from timestamptz NOT NULL,
    range_to timestamptz NOT NULL CHECK (range_to > range_from),
    queue text CHECK (length(queue) BETWEEN 1 AND 200),
    scope text NOT NULL CHECK (scope IN ('qa', 'full')),
    state text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'cancelled')),
    cancel_requested boolean NOT NULL DEFAULT false,
    total integer,
    done integer NOT NULL DEFAULT 0,
    failed integer NOT NULL DEFAULT 0,
    failures jsonb NOT NULL DEFAULT '[]',
    batches_done integer NOT NULL DEFAULT 0,
    cursor_started_at timestamptz,
    cursor_id uuid,
    error text,
    requested_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
  );
  ${tenantIsolation('conversations.rescore_jobs', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
  CREATE INDEX rescore_jobs_by_created ON conversations.rescore_jobs (tenant_id, created_at DESC, id DESC);
  CREATE UNIQUE INDEX rescore_jobs_one_running
    ON conversations.rescore_jobs (tenant_id, range_from, range_to, coalesce(queue, ''), scope)
    WHERE state = 'running';

  ALTER TABLE conversations.analyses DROP CONSTRAINT analyses_reason_check;
  ALTER TABLE conversations.analyses ADD CONSTRAINT analyses_reason_check
    CHECK (reason IN ('pipeline', 'reanalysis', 'rescore'));
`,
);
