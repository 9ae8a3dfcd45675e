import { readFileSync } from 'node:fs';
import type { Config } from '../platform/config/index.js';
import { openDatabase, type Database, type MigrationSet } from '../platform/db/index.js';
import type { Authenticator } from '../platform/auth/index.js';
import { createHttpApp, type HttpApp, type RouteMount } from '../platform/http/index.js';
import { createLogger, createMetricsRegistry, Gauge, type Logger, type Registry } from '../platform/telemetry/index.js';
import { createIdentityModule, type IdentityModule } from '../modules/identity/index.js';
import { moduleMigrations } from './modules.js';

export type Role = 'start' | 'api' | 'worker' | 'cli';

export interface Platform {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly database: Database;
  readonly identity: IdentityModule;
  /** Present for roles that serve HTTP. */
  readonly http: HttpApp | undefined;
  /** Stops HTTP (draining in-flight requests), then workers, then the database. Idempotent. */
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  readonly role: Role;
  readonly logger?: Logger;
  /** Extra authenticators (tests register a test-only one). */
  readonly authenticators?: readonly Authenticator[];
  /** Extra migrations and routes (tests use them to exercise kernel helpers on tables of their own). */
  readonly extraMigrations?: readonly MigrationSet[];
  readonly extraRoutes?: (deps: { database: Database }) => readonly RouteMount[];
  /** Skip migrating on open (the `migrate` command does it explicitly). */
  readonly migrate?: boolean;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function poolMetrics(registry: Registry, database: Database): void {
  const gauge = (name: string, help: string, read: (pool: Database['pools']['app']) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        this.set({ pool: 'app' }, read(database.pools.app));
        this.set({ pool: 'owner' }, read(database.pools.owner));
      },
    });
  gauge('db_pool_connections_total', 'Open database connections', (p) => p.totalCount);
  gauge('db_pool_connections_idle', 'Idle database connections', (p) => p.idleCount);
  gauge('db_pool_waiting_clients', 'Queries waiting for a database connection', (p) => p.waitingCount);
}

/** The composition root: builds every dependency from the config and wires the modules. */
export async function createPlatform(config: Config, options: CreatePlatformOptions): Promise<Platform> {
  const logger = options.logger ?? createLogger(config.log);
  const metrics = createMetricsRegistry();
  const database = await openDatabase({
    url: config.database.url,
    appUrl: config.database.appUrl,
    poolMax: config.database.poolMax,
    dataDir: config.dataDir,
    embeddedPort: config.database.embeddedPort,
    role: options.role,
    exclusive: options.role === 'start',
    logger,
    ...(options.migrate === false ? {} : { migrations: [...moduleMigrations, ...(options.extraMigrations ?? [])] }),
    onMigrated: (reports) => {
      const applied = reports.flatMap((r) => r.applied.map((name) => `${r.schema}/${name}`));
      if (applied.length > 0) logger.info({ applied }, 'database migrated');
    },
  });
  try {
    poolMetrics(metrics, database);
    const identity = createIdentityModule({ database });
    const modules = [identity];
    const serveHttp = options.role === 'start' || options.role === 'api';
    const http = serveHttp
      ? await createHttpApp({
          logger,
          metrics,
          version: packageVersion(),
          publicUrl: config.http.publicUrl,
          bodyLimitBytes: config.http.bodyLimitBytes,
          trustProxy: config.http.trustProxy,
          readinessChecks: [{ name: 'database', check: () => database.ping() }],
          authenticators: options.authenticators ?? [],
          routes: [...modules.flatMap((m) => m.routes), ...(options.extraRoutes?.({ database }) ?? [])],
        })
      : undefined;

    let closing: Promise<void> | undefined;
    return {
      config,
      logger,
      metrics,
      database,
      identity,
      http,
      close() {
        closing ??= (async () => {
          await http?.close();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
