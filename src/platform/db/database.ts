import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import type { Logger } from '../telemetry/index.js';
import { assertAppConnectionIsRestricted, deriveAppUrl, ensureAppRoles } from './app-role.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
import { installationId } from './installation.js';
import { withMigrationLock } from './migration-lock.js';
import { migrateToLatest, type MigrationReport, type MigrationSet } from './module-migrations.js';
import { platformMigrations } from './platform.migrations.js';
import { watchPool } from './pool-lifecycle.js';
import type { NoTables, TenantScope, TenantTransaction } from './tables.js';
import { tracedDialect, type TracedDialectOptions } from './traced.dialect.js';

// int8 (counts, sums) as numbers: our counts stay far below 2^53, and strings leak into every DTO.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export interface Database {
  /**
   * Connection pool of the restricted application role. Row-level security applies: outside
   * withTenant() a query on a tenant table sees no rows.
   */
  readonly app: Kysely<NoTables>;
  /**
   * Connection pool of the owner role. Only for the kernel and operator commands (migrations,
   * tenant provisioning, cross-tenant relays, audit verification); never for request handling.
   */
  readonly owner: Kysely<NoTables>;
  /**
   * Runs `fn` in a transaction of the application role with `app.tenant_id` set for its duration.
   * `DB` names the tables `fn` queries; without it the transaction is a `UnitOfWork` to hand on.
   */
  withTenant<DB = NoTables, T = unknown>(
    scope: TenantScope,
    fn: (trx: TenantTransaction<DB>) => Promise<T>,
  ): Promise<T>;
  /**
   * Tenant transactions on a small pool of their own, for the kernel's short reads that run while
   * a caller holds a connection of the main pool in its own transaction (a data key fetched in the
   * middle of an upsert). Sixteen partition handlers inside their transactions can hold every
   * connection of the main pool; a key read waiting on that pool would then wait for ever.
   */
  readonly reserved: Pick<Database, 'withTenant'>;
  /** The pg pools, for metrics. */
  readonly pools: { readonly app: pg.Pool; readonly owner: pg.Pool; readonly reserved: pg.Pool };
  /** Owner connection string (for tools that need their own connections, such as a LISTEN client). */
  readonly ownerUrl: string;
  readonly appUrl: string;
  /**
   * This installation's id (16 lower-case hex characters), made once per database: what it names
   * on shared infrastructure (the default NATS prefix) so installations never meet there.
   */
  installationId(): Promise<string>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** DATABASE_URL; unset starts the embedded PostgreSQL. */
  url: string | undefined;
  /** DATABASE_APP_URL; unset derives a managed login role. */
  appUrl: string | undefined;
  poolMax: number;
  dataDir: string;
  embeddedPort: number;
  /** What this process runs as, for the embedded server's lock. */
  role: string;
  /** `start` must not run twice on one data dir. */
  exclusive: boolean;
  logger: Logger;
  /**
   * Module migrations to run (in order) before the app pool opens, all under one lock so any
   * number of processes can start at once; omit to skip migrating.
   */
  migrations?: readonly MigrationSet[];
  onMigrated?: (reports: MigrationReport[]) => void;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const camelCase = new CamelCasePlugin();

/** Connections of the reserved pool: key reads are a single indexed row each, and cached after. */
const reservedPoolMax = 2;

function kysely<DB>(dialect: Dialect): Kysely<DB> {
  return new Kysely<DB>({ dialect, plugins: [camelCase] });
}

/**
 * Opens the owner and application pools (starting or attaching to the embedded PostgreSQL when no
 * URL is given), ensures the application roles, optionally migrates, and verifies that the
 * application connection cannot bypass row-level security.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { logger } = options;
  let embedded: EmbeddedPostgresHandle | undefined;
  let ownerUrl = options.url;
  if (!ownerUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: options.dataDir,
      port: options.embeddedPort,
      role: options.role,
      exclusive: options.exclusive,
      logger,
    });
    ownerUrl = embedded.url;
  }
  const ownerPool = new pg.Pool({
    connectionString: ownerUrl,
    max: 4,
    application_name: `switchboard-${options.role}-owner`,
  });
  const ownerLifecycle = watchPool(ownerPool, logger, 'owner');
  const databaseName = databaseNameOf(ownerUrl);
  const owner = kysely<NoTables>(
    tracedDialect(new PostgresDialect({ pool: ownerPool }), { pool: 'owner', database: databaseName }),
  );
  let appPool: pg.Pool | undefined;
  let reservedPool: pg.Pool | undefined;
  try {
    const appUser = options.appUrl ? decodeURIComponent(new URL(options.appUrl).username) : undefined;
    const ensureRoles = () =>
      ensureAppRoles(owner, { ownerUrl, manageLogin: !options.appUrl, ...(appUser ? { appUser } : {}) });
    let installation: Promise<string> | undefined;
    const { migrations } = options;
    if (migrations) {
      await withMigrationLock({ ownerUrl, logger }, async () => {
        await ensureRoles();
        const reports = await migrateToLatest({ owner, ownerUrl }, [platformMigrations, ...migrations]);
        options.onMigrated?.(reports);
      });
    } else {
      await ensureRoles();
    }
    const appUrl = options.appUrl ?? deriveAppUrl(ownerUrl);
    appPool = new pg.Pool({
      connectionString: appUrl,
      max: options.poolMax,
      application_name: `switchboard-${options.role}`,
    });
    const appLifecycle = watchPool(appPool, logger, 'app');
    const appPgDialect = new PostgresDialect({ pool: appPool });
    const appTracing = { pool: 'app', database: databaseName };
    const app = kysely<NoTables>(tracedDialect(appPgDialect, appTracing));
    await assertAppConnectionIsRestricted(app);
    reservedPool = new pg.Pool({
      connectionString: appUrl,
      max: reservedPoolMax,
      application_name: `switchboard-${options.role}-reserved`,
    });
    const reservedLifecycle = watchPool(reservedPool, logger, 'reserved');
    const reservedPgDialect = new PostgresDialect({ pool: reservedPool });
    const reservedTracing = { pool: 'reserved', database: databaseName };

    let closed: Promise<void> | undefined;
    const pools = { app: appPool, owner: ownerPool, reserved: reservedPool };
    return {
      app,
      owner,
      pools,
      ownerUrl,
      appUrl,
      installationId() {
        installation ??= installationId(owner, logger);
        return installation;
      },
      withTenant: tenantTransactions(appPgDialect, appTracing),
      reserved: { withTenant: tenantTransactions(reservedPgDialect, reservedTracing) },
      async ping() {
        await sql`select 1`.execute(app);
      },
      close() {
        closed ??= (async () => {
          appLifecycle.closing();
          reservedLifecycle.closing();
          ownerLifecycle.closing();
          await app.destroy();
          await reservedPool?.end();
          await owner.destroy();
          // Every socket closed before the embedded server stops: see pool-lifecycle.ts.
          await Promise.all([appLifecycle.closed(), reservedLifecycle.closed(), ownerLifecycle.closed()]);
          await embedded?.stop();
        })();
        return closed;
      },
    };
  } catch (error) {
    await appPool?.end().catch(() => undefined);
    await reservedPool?.end().catch(() => undefined);
    await owner.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}

/** The database a connection string names (`db.namespace` on query spans). */
export function databaseNameOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Transactions of the application role with `app.tenant_id` set for their duration, on one pool.
 * BEGIN and the setting go to the server together, in one round trip (tenantBegin below): a list
 * page is then three round trips (begin, its query, commit) instead of four.
 */
function tenantTransactions(dialect: Dialect, tracing: TracedDialectOptions): Database['withTenant'] {
  return <DB = NoTables, T = unknown>(
    scope: TenantScope,
    fn: (trx: TenantTransaction<DB>) => Promise<T>,
  ): Promise<T> => {
    // A malformed id would make the cast in current_tenant_id() fail inside every policy;
    // refuse it here with a clear message instead. It also makes the id safe as a literal below.
    if (!uuidPattern.test(scope.tenantId))
      return Promise.reject(new Error(`invalid tenant id: ${scope.tenantId}`));
    // Table types exist only for the compiler: a Kysely of the caller's tables over the same
    // pool is a handful of objects (what withTables() makes too), and needs no cast.
    return kysely<DB>(tracedDialect(tenantBegin(dialect, scope.tenantId), tracing))
      .transaction()
      .execute(fn);
  };
}

/**
 * `dialect` whose transactions begin with `app.tenant_id` set: `begin; select set_config(...)` as
 * one simple-protocol query (two statements; node-pg sends a query without parameters that way).
 * The id is a UUID checked by the caller, so it is a literal here, not a parameter.
 */
function tenantBegin(dialect: Dialect, tenantId: string): Dialect {
  const begin = CompiledQuery.raw(`begin; select set_config('app.tenant_id', '${tenantId}', true)`);
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TenantBeginDriver(dialect.createDriver(), begin),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

function noSavepoints(): Promise<void> {
  return Promise.reject(new Error('the database driver does not support savepoints'));
}

class TenantBeginDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly begin: CompiledQuery,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.inner.acquireConnection();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // withTenant asks for no isolation level or access mode; refuse rather than drop one silently.
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined)
      throw new Error('tenant transactions take no isolation level or access mode');
    try {
      await connection.executeQuery(this.begin);
    } catch (error) {
      // BEGIN may have run and the setting failed: never hand the pool an open transaction.
      await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw error;
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.savepoint?.(connection, name, compile) ?? noSavepoints();
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint?.(connection, name, compile) ?? noSavepoints();
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.releaseSavepoint?.(connection, name, compile) ?? noSavepoints();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
