import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../db/index.js';

export const auditMigrations: MigrationSet = {
  schema: 'audit',
  migrations: [
    sqlMigration(
      '0001_entries',
      `
      ${grantSchemaUsage('audit')}
      -- One hash chain per tenant: seq is gap-free within a tenant, and each entry's hash covers the
      -- previous entry's hash, so an edited or removed row breaks every link after it.
      CREATE TABLE audit.entries (
        tenant_id uuid NOT NULL,
        seq bigint NOT NULL CHECK (seq > 0),
        id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        actor_type text NOT NULL,
        actor_id text NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id text,
        request_id text,
        client_ip text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash bytea,
        hash bytea NOT NULL,
        PRIMARY KEY (tenant_id, seq)
      );
      CREATE INDEX entries_by_time ON audit.entries (tenant_id, occurred_at DESC);
      CREATE INDEX entries_by_actor ON audit.entries (tenant_id, actor_id, occurred_at DESC);
      CREATE INDEX entries_by_action ON audit.entries (tenant_id, action, occurred_at DESC);
      -- Append-only for the application: no UPDATE, no DELETE privilege at all.
      ${tenantIsolation('audit.entries', { privileges: ['SELECT', 'INSERT'] })}

      -- The newest (seq, hash) of each tenant. Lets verification notice entries cut from the end of
      -- a chain, which the links alone cannot show.
      CREATE TABLE audit.heads (
        tenant_id uuid PRIMARY KEY,
        seq bigint NOT NULL,
        hash bytea NOT NULL
      );
      ${tenantIsolation('audit.heads', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
      `,
    ),
  ],
};
