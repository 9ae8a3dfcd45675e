import { grantSchemaUsage, sqlMigration, tenantIsolation, type MigrationSet } from '../../../../platform/db/index.js';

export const identityMigrations: MigrationSet = {
  schema: 'identity',
  migrations: [
    sqlMigration(
      '0001_tenants',
      `
      ${grantSchemaUsage('identity')}
      CREATE TABLE identity.tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        time_zone text NOT NULL DEFAULT 'UTC',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ${tenantIsolation('identity.tenants', { column: 'id', privileges: ['SELECT', 'UPDATE'] })}
      `,
    ),
  ],
};
