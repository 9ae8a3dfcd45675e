import { SpanKind } from '@opentelemetry/api';
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { inChildSpan, isTracingEnabled } from '../telemetry/index.js';

/** Long statements (bulk unnest inserts, search queries) are cut: the shape is what helps. */
const maxStatementLength = 2_000;

export interface TracedDialectOptions {
  /** Which pool the queries use (`app`, `owner`, `reserved`, `bus`), as a span attribute. */
  readonly pool: string;
  /** The database name (`db.namespace`). */
  readonly database: string | undefined;
}

/**
 * A span per statement on this dialect's connections: every Kysely query and every raw `sql`
 * template run through Kysely, plus transaction begin/commit/rollback. The statement is the
 * compiled SQL with its `$n` placeholders, never the parameter values. A query joins the active
 * trace and never starts one (the bus and the timers poll all the time). With tracing off at the
 * time the database opens, the dialect is returned as it was: not one extra call per query.
 */
export function tracedDialect(dialect: Dialect, options: TracedDialectOptions): Dialect {
  if (!isTracingEnabled()) return dialect;
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TracedDriver(dialect.createDriver(), options),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

function operationOf(statement: string): string {
  const match = /^\s*([a-z]+)/i.exec(statement);
  return match?.[1]?.toUpperCase() ?? 'SQL';
}

function traceStatement<T>(
  options: TracedDialectOptions,
  statement: string,
  run: () => Promise<T>,
): Promise<T> {
  const operation = operationOf(statement);
  return inChildSpan(
    operation,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system.name': 'postgresql',
        'db.system': 'postgresql',
        'db.operation.name': operation,
        'db.query.text':
          statement.length > maxStatementLength ? statement.slice(0, maxStatementLength) : statement,
        ...(options.database === undefined ? {} : { 'db.namespace': options.database }),
        'switchboard.db.pool': options.pool,
      },
    },
    run,
  );
}

/** Hands the driver's own connection back to it: its release goes through a private method. */
class TracedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly options: TracedDialectOptions,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return traceStatement(this.options, compiledQuery.sql, () => this.inner.executeQuery<R>(compiledQuery));
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

function noSavepoints(): Promise<void> {
  return Promise.reject(new Error('the database driver does not support savepoints'));
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof TracedConnection ? connection.inner : connection;
}

class TracedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly options: TracedDialectOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new TracedConnection(await this.inner.acquireConnection(), this.options);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return traceStatement(this.options, 'begin', () =>
      this.inner.beginTransaction(unwrap(connection), settings),
    );
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return traceStatement(this.options, 'commit', () => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return traceStatement(this.options, 'rollback', () => this.inner.rollbackTransaction(unwrap(connection)));
  }

  // Optional in Kysely's Driver; the PostgreSQL driver has them all.
  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return traceStatement(
      this.options,
      'savepoint',
      () => this.inner.savepoint?.(unwrap(connection), name, compile) ?? noSavepoints(),
    );
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return traceStatement(
      this.options,
      'rollback to savepoint',
      () => this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile) ?? noSavepoints(),
    );
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return traceStatement(
      this.options,
      'release savepoint',
      () => this.inner.releaseSavepoint?.(unwrap(connection), name, compile) ?? noSavepoints(),
    );
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
