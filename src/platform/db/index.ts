export { databaseNameOf, openDatabase, type Database, type OpenDatabaseOptions } from './database.js';
export { createNotifyListener, type NotifyListener } from './notify-listener.js';
export { tracedDialect, type TracedDialectOptions } from './traced.dialect.js';
export {
  jsonb,
  type NoTables,
  type TableMap,
  type TenantScope,
  type TenantTransaction,
  type UnitOfWork,
} from './tables.js';
export {
  sqlMigration,
  migrateToLatest,
  migrateSchemasTo,
  MigrationFailedError,
  type ModuleMigration,
  type MigrationSet,
  type ModuleMigrationSet,
  type ExternalMigrationSet,
  type MigrationReport,
} from './module-migrations.js';
export { tenantIsolation, grantSchemaUsage, appRole } from './migration-helpers.js';
export { DataDirInUseError } from './embedded-postgres.js';
export { platformMigrations } from './platform.migrations.js';
export { withMigrationLock, migrationLockKey } from './migration-lock.js';
export { watchPool, type PoolLifecycle } from './pool-lifecycle.js';
export {
  countUpTo,
  keysetAfter,
  orderByKeys,
  EXACT_COUNT_CAP,
  type ListTotal,
  type SortDirection,
} from './list-pages.js';
export { createTenantBatchLoader, type TenantBatchLoader, type TenantKey } from './tenant-batch-loader.js';
