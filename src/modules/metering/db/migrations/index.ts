import { sqlMigration, type MigrationSet } from '../../../../platform/db/index.js';
import { metering } from './0001-metering.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const meteringMigrations: MigrationSet = {
  schema: 'metering',
  migrations: [sqlMigration('0001_metering', metering)],
};
