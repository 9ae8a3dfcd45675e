import { sqlMigration, type MigrationSet } from '../../../../platform/db/index.js';
import { payments } from './0001-payments.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const paymentsMigrations: MigrationSet = {
  schema: 'payments',
  migrations: [sqlMigration('0001_payments', payments)],
};
