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
    sqlMigration(
      '0002_subject_keys',
      `
      -- Crypto-shredding: one key per data-subject identifier (an e-mail, a phone number, a customer),
      -- wrapped by the tenant's data key and found by a blind index of the identifier (ref). Erasure
      -- sets wrapped_key to NULL and keeps the row as a tombstone, so nothing new is sealed under an
      -- erased identifier and every ciphertext sealed under it stays unreadable. See docs/privacy.md.
      CREATE TABLE crypto.subject_keys (
        tenant_id uuid NOT NULL,
        ref bytea NOT NULL CHECK (octet_length(ref) = 32),
        wrapped_key bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        shredded_at timestamptz,
        PRIMARY KEY (tenant_id, ref),
        CHECK ((wrapped_key IS NULL) = (shredded_at IS NOT NULL))
      );
      ${tenantIsolation('crypto.subject_keys', { privileges: ['SELECT', 'INSERT', 'UPDATE'] })}
      `,
    ),
  ],
};
