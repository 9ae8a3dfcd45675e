import type { TenantTransaction } from '../../../platform/db/index.js';
import type { InventoryTables } from './inventory.tables.js';
import type { ProductsTables } from './products.tables.js';

/** Row types of the catalog schema, camelCase (the CamelCasePlugin maps snake_case): each feature's file, joined. */
export type CatalogTables = ProductsTables & InventoryTables;

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type CatalogTransaction = TenantTransaction<CatalogTables>;
