import { sqlMigration, type MigrationSet } from '../../../../platform/db/index.js';
import { orders } from './0001-orders.js';
import { shipping } from './0002-shipping.js';
import { privacy } from './0003-privacy.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const ordersMigrations: MigrationSet = {
  schema: 'orders',
  migrations: [
    sqlMigration('0001_orders', orders),
    sqlMigration('0002_shipping', shipping),
    sqlMigration('0003_privacy', privacy),
  ],
};
