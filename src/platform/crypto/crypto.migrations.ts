import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../db/index.js';

export const cryptoMigrations: MigrationSet = {
  schema: 'crypto',
  migrations: [
    sqlMigration(
      '0001_tenant_keys',
      `
      ${grantSchemaUsage('crypto')}
      -- Per-tenant data keys and blind-index keys, each wrapped by the master key.
      CREATE TABLE crypto.tenant_keys (
        tenant_id uuid NOT NULL,
        key_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('data', 'index')),
        version integer NOT NULL CHECK (version > 0),
        wrapped_key bytea NOT NULL,
        master_key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key_id),
        UNIQUE (tenant_id, kind, version)
      );
      -- The application reads and adds keys for its tenant; only master-key rotation (owner) rewraps.
      ${tenantIsolation('crypto.tenant_keys', { privileges: ['SELECT', 'INSERT'] })}
      `,
    ),
  ],
};
