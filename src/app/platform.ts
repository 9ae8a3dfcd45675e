import { createHmac, randomUUID } from 'node:crypto';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { BlockList, isIPv6 } from 'node:net';
import { Redis } from 'ioredis';
import { ConfigError, type Config } from '../platform/config/index.js';
import { assertMasterKeyFits } from './master-key-check.js';
import { createAuditLog, type AuditLog } from '../platform/audit/index.js';
import { createBus, deadLetterRoutes, type Bus } from '../platform/bus/index.js';
import {
  createDbosWorkflows,
  createJobsMetrics,
  createWorkerRuntime,
  declareModuleGroups,
  objectCreatedEventType,
  type EventTrigger,
  type JobTrigger,
  type ObjectCreatedData,
  type WorkerRuntime,
  type Workflows,
} from '../platform/jobs/index.js';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type Authenticator,
  type RateLimiter,
} from '../platform/auth/index.js';
import {
  createKeyring,
  createLocalMasterKeyProvider,
  decodeMasterKey,
  loadMasterKey,
  type Keyring,
  type MasterKeyProvider,
} from '../platform/crypto/index.js';
import { createPgDataKeyStore } from '../platform/crypto/data-key.pg-store.js';
import { createPgSubjectKeyStore } from '../platform/crypto/subject-key.pg-store.js';
import { createSubjectKeys } from '../platform/crypto/subject-keys.service.js';
import { objectStoreTombstones } from '../platform/backup/subject-tombstones.js';
import type { SubjectKeys } from '../platform/crypto/index.js';
import type { PrivacyParticipant } from '../platform/privacy/index.js';
import { openDatabase, type Database } from '../platform/db/index.js';
import {
  createHttpApp,
  createOpsApp,
  type HttpApp,
  type OpsApp,
  type ReadinessCheck,
} from '../platform/http/index.js';
import {
  createLogger,
  createMetricsRegistry,
  Gauge,
  startTracing,
  registerDiskMetrics,
  type Logger,
  type Registry,
  type WatchedVolume,
} from '../platform/telemetry/index.js';
import {
  createObjectStore,
  parseObjectStoreUrl,
  signedDownloadRoutes,
  withCreatedEvents,
  withTracing,
  type FilesystemObjectStore,
  type ObjectStore,
} from '../platform/objects/index.js';
import {
  createSecretsStore,
  registerSecretsMetrics,
  secretsRoutes,
  type SecretsStore,
} from '../platform/secrets/index.js';
import { assembleModules, migrationsOf, type AnyModuleDefinition } from '../platform/module.js';
import { kernelClassification } from '../platform/db/kernel.classification.js';
import { classificationRegistry, redactedFieldNames } from '../platform/privacy/index.js';
import { consoleFor } from './console-setup.js';
import { portalPlugin } from '../platform/http/portal.plugin.js';
import { moduleMigrations, modules, type ModuleApis } from './modules.js';

/**
 * What a process runs: `start` everything; `api` HTTP; `worker` event consumers, workflows and (unless
 * SWITCHBOARD_TIMERS=false) timers; `scheduler` the outbox relay and the timers only; `cli` none.
 */
export type Role = 'start' | 'api' | 'worker' | 'scheduler' | 'cli';

export interface Platform {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Registry;
  readonly database: Database;
  readonly keyring: Keyring;
  /** Per-data-subject keys (crypto-shredding). */
  readonly subjectKeys: SubjectKeys;
  /** Every module taking part in the privacy contract, in registry order. */
  readonly privacyParticipants: readonly PrivacyParticipant[];
  readonly masterKey: MasterKeyProvider;
  readonly auditLog: AuditLog;
  readonly secrets: SecretsStore;
  /** The object store; every new tenant object is announced as objects.object.created.v1 (the blob trigger). */
  readonly objects: ObjectStore;
  /** The same store without the announcement, for bulk writers that announce their work otherwise (the call archive). */
  readonly quietObjects: ObjectStore;
  readonly bus: Bus;
  /** Durable workflows: executed by start/worker, started and inspected by api; absent for CLI commands. */
  readonly workflows: Workflows | undefined;
  /** Each module's api, by name (the registry in modules.ts). */
  readonly modules: ModuleApis;
  /** Every module's event handlers and jobs (timers, object-created triggers): what the worker runtime runs, for tests to run one on demand. */
  readonly handlers: readonly EventTrigger[];
  readonly jobs: readonly JobTrigger[];
  /** Present for roles that serve HTTP. */
  readonly http: HttpApp | undefined;
  /**
   * Present for `worker`: the operations endpoint (/healthz, /readyz, /metrics) that the command
   * listens on at HOST:PORT, since a worker serves no API.
   */
  readonly opsHttp: OpsApp | undefined;
  /** Stops HTTP (draining in-flight requests), then workers, then the database. Idempotent. */
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  readonly role: Role;
  readonly logger?: Logger;
  /** Extra authenticators, tried before the built-in ones (tests register a test-only one). */
  readonly authenticators?: readonly Authenticator[];
  /**
   * Modules beyond the registry, created after it (tests bring modules of their own). One the
   * registry lists already is created once, so a module's test can name it before and after it is registered.
   */
  readonly extraModules?: readonly AnyModuleDefinition[];
  /** Skip migrating on open (the `migrate` command does it explicitly). */
  readonly migrate?: boolean;
  /** How modules sign links to objects (tests observe them); default the object store's signed URL. */
  readonly signObjectUrl?: (objectKey: string) => Promise<string>;
  /** How modules fetch outbound HTTP, such as OIDC discovery documents (tests route it to a local provider). */
  readonly fetch?: typeof fetch;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
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
        this.set({ pool: 'reserved' }, read(database.pools.reserved));
      },
    });
  gauge('db_pool_connections_total', 'Open database connections', (p) => p.totalCount);
  gauge('db_pool_connections_idle', 'Idle database connections', (p) => p.idleCount);
  gauge('db_pool_waiting_clients', 'Queries waiting for a database connection', (p) => p.waitingCount);
}

/** The folders whose file systems the disk gauges watch: the data dir, and a filesystem object store's root. */
function watchedVolumes(config: Config): WatchedVolume[] {
  const volumes: WatchedVolume[] = [{ volume: 'data', path: config.dataDir }];
  const location = parseObjectStoreUrl(config.objects.url, { cwd: process.cwd() });
  if (location.kind === 'filesystem') volumes.push({ volume: 'objects', path: location.root });
  return volumes;
}

function allowList(entries: readonly string[] | undefined): BlockList | undefined {
  if (!entries) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** Kernel routes that administer the tenant (secrets, dead letters); modules declare theirs. */
const kernelAdminPermissions = ['settings:write', 'bus:admin'];

/** The composition root: builds every dependency from the config and wires the modules. */
export async function createPlatform(config: Config, options: CreatePlatformOptions): Promise<Platform> {
  if (options.role === 'scheduler' && !config.jobs.timers)
    throw new ConfigError([
      'SWITCHBOARD_TIMERS: a scheduler process runs only the timers; unset it (it is meant for worker processes)',
    ]);
  const registry: readonly AnyModuleDefinition[] = modules;
  const extraModules = (options.extraModules ?? []).filter((module) => !registry.includes(module));
  // Log redaction follows the data classification: every restricted column's name is censored.
  const logger =
    options.logger ??
    createLogger({
      ...config.log,
      redactFields: redactedFieldNames(
        classificationRegistry(kernelClassification, [...registry, ...extraModules]),
      ),
    });
  // Before anything opens: the database and the HTTP app add their spans only when tracing is on.
  const version = packageVersion();
  const tracing = startTracing({ role: options.role, version, logger });
  const metrics = createMetricsRegistry();
  const masterKeyMaterial = await loadMasterKey({
    masterKeyBase64: config.security.masterKey,
    dataDir: config.dataDir,
  });
  if (masterKeyMaterial.origin === 'generated')
    logger.warn({ path: masterKeyMaterial.path }, 'generated a new master key: back it up');
  const masterKey = createLocalMasterKeyProvider(masterKeyMaterial.key);
  const previousMasterKeys = config.security.previousMasterKeys.map((k) =>
    createLocalMasterKeyProvider(decodeMasterKey(k, 'SWITCHBOARD_PREVIOUS_MASTER_KEYS')),
  );
  const database = await openDatabase({
    url: config.database.url,
    appUrl: config.database.appUrl,
    poolMax: config.database.poolMax,
    dataDir: config.dataDir,
    embeddedPort: config.database.embeddedPort,
    role: options.role,
    exclusive: options.role === 'start',
    logger,
    ...(options.migrate === false
      ? {}
      : { migrations: [...moduleMigrations, ...migrationsOf(extraModules)] }),
    onMigrated: (reports) => {
      const applied = reports.flatMap((r) => r.applied.map((name) => `${r.schema}/${name}`));
      if (applied.length > 0) logger.info({ applied }, 'database migrated');
    },
  });
  const closers: (() => Promise<void>)[] = [];
  try {
    await assertMasterKeyFits(
      database,
      { current: masterKey, previous: previousMasterKeys },
      masterKeyMaterial.origin === 'generated' ? masterKeyMaterial.path : undefined,
    );
    poolMetrics(metrics, database);
    registerDiskMetrics(metrics, watchedVolumes(config));
    registerSecretsMetrics(metrics, database.owner);
    const jobsMetrics = createJobsMetrics(metrics);
    const bus = await createBus(
      { natsUrl: config.bus.natsUrl, nats: { prefix: config.bus.natsPrefix } },
      { database, logger, metrics },
    );
    closers.push(() => bus.close());
    const runsWork = options.role === 'start' || options.role === 'worker';
    // A scheduler's timers do their own work in the leader (webhook and notification delivery, the
    // dialer) and start workflows that a worker executes: for workflows a client suffices.
    const workflows =
      options.role === 'cli'
        ? undefined
        : createDbosWorkflows({
            systemDatabaseUrl: database.ownerUrl,
            mode: runsWork ? 'executor' : 'client',
            executorId: `${options.role}-${os.hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
            logger,
            metrics: jobsMetrics,
          });
    const keyring = createKeyring({ store: createPgDataKeyStore(database), masterKey, previousMasterKeys });
    const auditLog = createAuditLog(database);
    const secrets = createSecretsStore({ database, keyring, audit: auditLog });
    const objectStore = createObjectStore(config.objects.url, {
      keyring,
      // Derived from the master key so every replica signs and verifies download links alike.
      urlSigningSecret: createHmac('sha256', masterKeyMaterial.key)
        .update('switchboard/object-url-signing/v1')
        .digest(),
      publicBaseUrl: config.http.publicUrl,
      onWarning: (message) => logger.warn({ objectStore: config.objects.url.split(':')[0] }, message),
    });
    closers.push(() => objectStore.close());
    const quietObjects = withTracing(objectStore);
    // Every shred is also recorded in the object store, so a restore of an older backup shreds again.
    const subjectKeys = createSubjectKeys({
      keyring,
      store: createPgSubjectKeyStore(database, { listen: { logger } }),
      tombstones: objectStoreTombstones(quietObjects),
    });
    const objects = withCreatedEvents(quietObjects, async (head) => {
      if (!head.tenantId) return;
      const data: ObjectCreatedData = {
        key: head.key,
        size: head.size,
        contentType: head.contentType,
        sha256: head.sha256,
      };
      await bus.publishNow([{ type: objectCreatedEventType, tenantId: head.tenantId, key: head.key, data }]);
    });
    const signObjectUrl = options.signObjectUrl;
    // One shared Redis client for the modules (the catalog cache, order locks) when REDIS_URL is set;
    // the rate limiter keeps its own, which refuses to queue while disconnected.
    const sharedRedis = config.redis.url
      ? new Redis(config.redis.url, { maxRetriesPerRequest: 2, connectionName: 'switchboard-modules' })
      : undefined;
    if (sharedRedis) {
      sharedRedis.on('error', (error: Error) =>
        logger.warn({ err: error }, 'redis (modules) connection error'),
      );
      closers.push(async () => {
        await sharedRedis.quit().catch(() => sharedRedis.disconnect());
      });
    }
    const assembled = assembleModules(
      modules,
      {
        config,
        logger,
        metrics,
        database,
        keyring,
        subjectKeys,
        masterKey,
        previousMasterKeys,
        auditLog,
        bus,
        objects,
        quietObjects,
        signedObjectUrl: signObjectUrl
          ? (key) => signObjectUrl(key)
          : (key, signing) => quietObjects.signedUrl(key, signing),
        fetch: options.fetch,
        workflows,
        redis: sharedRedis,
        secretsStore: secrets,
      },
      extraModules,
    );
    const { instances } = assembled;

    const databaseCheck: ReadinessCheck = { name: 'database', check: () => database.ping() };
    const objectStoreCheck: ReadinessCheck = {
      name: 'object-store',
      check: async () => {
        await objects.head('readiness/probe');
      },
    };
    const serveHttp = options.role === 'start' || options.role === 'api';
    let http: HttpApp | undefined;
    if (serveHttp) {
      for (const instance of instances) await instance.beforeServing?.();
      let rateLimiter: RateLimiter;
      // No bus check: the API publishes through the outbox in PostgreSQL, so it keeps accepting
      // while NATS is away, and the relay catches up when it is back.
      const readinessChecks: ReadinessCheck[] = [databaseCheck, objectStoreCheck];
      if (config.redis.url) {
        const redis = new Redis(config.redis.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 2,
          enableOfflineQueue: false,
        });
        await redis.connect();
        rateLimiter = createRedisRateLimiter(redis);
        readinessChecks.push({
          name: 'redis',
          check: async () => {
            await redis.ping();
          },
        });
      } else {
        rateLimiter = createMemoryRateLimiter();
        // `start` is one process; `api` processes are meant to be several, each counting alone.
        if (options.role === 'api')
          logger.warn(
            'REDIS_URL is unset: rate limits are counted in this process only, so each api replica allows the full limit',
          );
      }
      closers.push(() => rateLimiter.close());
      http = await createHttpApp({
        logger,
        metrics,
        version,
        publicUrl: config.http.publicUrl,
        bodyLimitBytes: config.http.bodyLimitBytes,
        trustProxy: config.http.trustProxy,
        readinessChecks,
        authenticators: [
          ...(options.authenticators ?? []),
          ...instances.flatMap((m) => m.authenticators ?? []),
        ],
        rateLimiter,
        surfaces: {
          internal: { rateLimitPerMinute: config.http.rateLimitPerMinute.internal, corsOrigins: [] },
          external: {
            rateLimitPerMinute: config.http.rateLimitPerMinute.external,
            corsOrigins: config.http.corsOrigins,
          },
        },
        adminAllowList: allowList(config.http.adminAllowedIps),
        isAdminPermission: (permission) =>
          kernelAdminPermissions.includes(permission) || assembled.adminPermissions.has(permission),
        extraPlugins: [portalPlugin(), consoleFor(assembled.apis)],
        routes: [
          ...instances.flatMap((m) => m.routes ?? []),
          { surface: 'internal', prefix: '/secrets', plugin: secretsRoutes(secrets) },
          { surface: 'internal', prefix: '/bus/dead-letters', plugin: deadLetterRoutes(bus.deadLetters) },
          ...(objectStore.kind === 'filesystem'
            ? [
                {
                  surface: 'root' as const,
                  prefix: '/objects',
                  plugin: signedDownloadRoutes(objectStore as FilesystemObjectStore),
                },
              ]
            : []),
        ],
      });
    }

    // Consumer groups exist before this process accepts anything they must handle.
    if (options.role !== 'cli') await declareModuleGroups(bus, instances);
    // Background work: the outbox relay, every module's consumers and triggers, timers, workflows.
    let runtime: WorkerRuntime | undefined;
    if ((runsWork || options.role === 'scheduler') && workflows) {
      const scheduler = options.role === 'scheduler';
      runtime = createWorkerRuntime(
        { database, bus, logger, workflows, metrics: { registry: metrics, jobs: jobsMetrics } },
        { modules: instances, consume: !scheduler, timers: scheduler || config.jobs.timers },
      );
      await runtime.start();
    } else {
      await workflows?.launch();
    }
    // A worker consumes from the bus and a scheduler relays to it: each is ready when the database,
    // the bus and the store answer.
    const opsHttp =
      options.role === 'worker' || options.role === 'scheduler'
        ? await createOpsApp({
            logger,
            metrics,
            readinessChecks: [databaseCheck, { name: 'bus', check: () => bus.ping() }, objectStoreCheck],
          })
        : undefined;

    let closing: Promise<void> | undefined;
    return {
      config,
      logger,
      metrics,
      database,
      keyring,
      subjectKeys,
      privacyParticipants: assembled.privacyParticipants,
      masterKey,
      auditLog,
      secrets,
      objects,
      quietObjects,
      bus,
      workflows,
      modules: assembled.apis,
      handlers: instances.flatMap((m) => m.handlers ?? []),
      jobs: instances.flatMap((m) => m.jobs ?? []),
      http,
      opsHttp,
      close() {
        closing ??= (async () => {
          for (const instance of instances)
            await instance
              .close?.()
              .catch((error: unknown) => logger.warn({ err: error }, 'a module did not close cleanly'));
          await http?.close();
          await opsHttp?.close();
          if (runtime) await runtime.stop();
          else await workflows?.shutdown();
          for (const close of [...closers].reverse()) await close();
          await database.close();
          // The provider outlives this platform (one per process); its finished spans leave now.
          await tracing
            .flush()
            .catch((error: unknown) => logger.warn({ err: error }, 'exporting the last spans failed'));
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    await database.close();
    throw error;
  }
}
