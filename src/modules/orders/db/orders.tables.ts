import type { TenantTransaction } from '../../../platform/db/index.js';
import type { OrderRowTables } from './order-rows.tables.js';
import type { ShippingTables } from './shipping.tables.js';

/** Row types of the orders schema, camelCase (the CamelCasePlugin maps snake_case): each feature's file, joined. */
export type OrdersTables = OrderRowTables & ShippingTables;

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type OrdersTransaction = TenantTransaction<OrdersTables>;
