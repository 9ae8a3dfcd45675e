import { sqlMigration, type MigrationSet } from '../../../../platform/db/index.js';
import { products } from './0001-products.js';
import { inventoryErp } from './0002-inventory-erp.js';
import { erpCircuit } from './0003-erp-circuit.js';

/** Hand-written and in order. A migration that was released is never edited: a change is a new one. */
export const catalogMigrations: MigrationSet = {
  schema: 'catalog',
  migrations: [
    sqlMigration('0001_products', products),
    sqlMigration('0002_inventory_erp', inventoryErp),
    sqlMigration('0003_erp_circuit', erpCircuit),
  ],
};
