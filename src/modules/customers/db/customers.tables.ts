import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the customers schema, camelCase (the CamelCasePlugin maps snake_case). */
export type ItemsTable = {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Generated<Date>;
  announcedAt: Date | null;
};

export type CustomersTables = {
  'customers.items': ItemsTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type CustomersTransaction = TenantTransaction<CustomersTables>;
