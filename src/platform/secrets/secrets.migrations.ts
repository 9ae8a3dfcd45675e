import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../db/index.js';

export const secretsMigrations: MigrationSet = {
  schema: 'secrets',
  migrations: [
    sqlMigration(
      '0001_tenant_secrets',
      `
      ${grantSchemaUsage('secrets')}
      -- Connector credentials (Graph client secrets, Twilio auth tokens, Firehose access keys...),
      -- encrypted with the tenant's data key, the name bound in as associated data so a ciphertext
      -- cannot be moved to another name.
      CREATE TABLE secrets.tenant_secrets (
        tenant_id uuid NOT NULL,
        name text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
        ciphertext text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        PRIMARY KEY (tenant_id, name)
      );
      ${tenantIsolation('secrets.tenant_secrets')}
      `,
    ),
    sqlMigration(
      '0002_secret_expiry',
      `
      -- When the credential stops working at its issuer (an Entra ID client secret lasts at most two
      -- years), if the tenant said so: the secrets_expiring_soonest_timestamp_seconds gauge and its alert.
      ALTER TABLE secrets.tenant_secrets ADD COLUMN expires_at timestamptz;
      CREATE INDEX tenant_secrets_expires_at ON secrets.tenant_secrets (expires_at) WHERE expires_at IS NOT NULL;
      `,
    ),
  ],
};
