import type { ColumnType, Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the metering schema, camelCase (the CamelCasePlugin maps snake_case). */
export type CountedEventsTable = {
  eventId: string;
  tenantId: string;
  countedAt: Generated<Date>;
};

export type DailyUsageTable = {
  tenantId: string;
  /** Read as text (`day::text`): pg would make a local-midnight Date of a date. */
  day: string;
  meter: string;
  dimension: Generated<string>;
  /** bigint; read as text where it is summed, so that nothing passes through a float. */
  quantity: ColumnType<string, string, string>;
  updatedAt: Generated<Date>;
};

export type UnitPricesTable = {
  tenantId: string;
  meter: string;
  currency: string;
  /** numeric(19,9): pg gives it as a string, exactly. */
  unitPrice: string;
  updatedAt: Generated<Date>;
  updatedBy: string;
};

export type MeteringTables = {
  'metering.counted_events': CountedEventsTable;
  'metering.daily_usage': DailyUsageTable;
  'metering.unit_prices': UnitPricesTable;
};

/** A withTenant transaction over the module's tables: what its repo functions run in. */
export type MeteringTransaction = TenantTransaction<MeteringTables>;
