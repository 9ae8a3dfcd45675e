import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const privacyMigrations: MigrationSet = {
  schema: 'privacy',
  migrations: [
    sqlMigration(
      '0001_requests',
      `
      ${grantSchemaUsage('privacy')}
      -- Data-subject requests (GDPR Art. 15-18, DPDP). The subject's identifiers are kept sealed
      -- under the tenant key only while the request runs (subject_ciphertext), then dropped: a
      -- finished request keeps the masked summary alone.
      CREATE TABLE privacy.requests (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('access', 'erasure', 'restriction', 'rectification')),
        status text NOT NULL CHECK (status IN ('received', 'verifying', 'in_progress', 'completed', 'rejected')),
        channel text NOT NULL CHECK (channel IN ('portal', 'console', 'email', 'phone')),
        customer_id text,
        requester_user_id text,
        subject_ciphertext bytea,
        subject_masked text NOT NULL,
        note_ciphertext bytea,
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        extended_due_at timestamptz,
        extension_reason text,
        verification_method text,
        verified_at timestamptz,
        rejection_reason text,
        completed_at timestamptz,
        result jsonb,
        export_object_key text,
        export_expires_at timestamptz,
        processing_started_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        week_reminder_at timestamptz,
        final_reminder_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX requests_queue ON privacy.requests (tenant_id, (coalesce(extended_due_at, due_at)))
        WHERE status IN ('received', 'verifying', 'in_progress');
      CREATE INDEX requests_requester ON privacy.requests (tenant_id, requester_user_id, received_at DESC);
      ${tenantIsolation('privacy.requests')}

      -- Every step of a request: who did what when, and each module's report. Append-only.
      CREATE TABLE privacy.request_steps (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        request_id uuid NOT NULL REFERENCES privacy.requests (id),
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        step text NOT NULL,
        module text,
        outcome text NOT NULL CHECK (outcome IN ('ok', 'failed', 'info')),
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX request_steps_request ON privacy.request_steps (tenant_id, request_id, at);
      ${tenantIsolation('privacy.request_steps', { privileges: ['SELECT', 'INSERT'] })}
      `,
    ),
  ],
};
