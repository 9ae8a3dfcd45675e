import {
  grantSchemaUsage,
  sqlMigration,
  tenantIsolation,
  type MigrationSet,
} from '../../../../platform/db/index.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const notificationsMigrations: MigrationSet = {
  schema: 'notifications',
  migrations: [
    sqlMigration(
      '0001_items',
      `
      ${grantSchemaUsage('notifications')}
      CREATE TABLE notifications.items (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        announced_at timestamptz
      );
      ${tenantIsolation('notifications.items')}
      `,
    ),
  ],
};
