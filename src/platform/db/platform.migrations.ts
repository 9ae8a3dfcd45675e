import { sqlMigration, type MigrationSet } from './module-migrations.js';
import { appRole } from './migration-helpers.js';

/** The kernel's own schema: helpers every module's policies use. */
export const platformMigrations: MigrationSet = {
  schema: 'platform',
  migrations: [
    sqlMigration(
      '0001_tenant_context',
      `
      -- The tenant of the current transaction, set by withTenant() with SET LOCAL.
      -- nullif: once set in a pooled session, the setting reads '' after the transaction, not NULL.
      CREATE FUNCTION platform.current_tenant_id() RETURNS uuid
        LANGUAGE sql STABLE PARALLEL SAFE
        AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
      GRANT USAGE ON SCHEMA platform TO ${appRole};
      GRANT EXECUTE ON FUNCTION platform.current_tenant_id() TO ${appRole};
      `,
    ),
    sqlMigration(
      '0002_installation',
      `
      -- Who this installation is, for names it shares with others on common infrastructure (the
      -- NATS subject and stream prefix). One row, written by installationId() (installation.ts).
      CREATE TABLE platform.installation (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        id text NOT NULL CHECK (id ~ '^[a-z0-9]{16}$'),
        -- The database the id was made in: a copy of it (CREATE DATABASE ... TEMPLATE, a restore)
        -- has another oid and makes an id of its own instead of posing as the original.
        database_oid oid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      `,
    ),
  ],
};
