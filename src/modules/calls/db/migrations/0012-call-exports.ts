import { sqlMigration, tenantIsolation } from '../../../../platform/db/index.js';

/*
 * Exports run as background jobs (export/export-jobs.service.ts): one row per export, its
 * progress (rows and bytes written so far) and where the file went. The filters may hold personal
 * data (a number, a name) and are kept only as ciphertext under the tenant's key. The file itself
 * is an object (encrypted at rest like every object) until expires_at, when the expiry timer
 * deletes it and the row stays as history with status 'expired'.
 */
const callExports = `
  CREATE TABLE calls.exports (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    requested_by text NOT NULL,
    format text NOT NULL CHECK (format IN ('csv', 'jsonl', 'vcon')),
    filters_ciphertext bytea NOT NULL,
    status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired')),
    attempts integer NOT NULL DEFAULT 0,
    rows_written bigint NOT NULL DEFAULT 0,
    bytes_written bigint NOT NULL DEFAULT 0,
    object_key text,
    sha256 text,
    error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    progress_at timestamptz,
    finished_at timestamptz,
    expires_at timestamptz
  );
  CREATE INDEX exports_newest ON calls.exports (tenant_id, id DESC);
  CREATE INDEX exports_expiring ON calls.exports (expires_at) WHERE status = 'succeeded';
  ${tenantIsolation('calls.exports', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
`;

export const callExportsMigration = sqlMigration('0012_call_exports', callExports);
