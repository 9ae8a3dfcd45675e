import { sqlMigration, type MigrationSet } from '../../../../platform/db/index.js';
import { customers } from './0001-customers.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const customersMigrations: MigrationSet = {
  schema: 'customers',
  migrations: [sqlMigration('0001_customers', customers)],
};
