import { DBOS, DBOSClient, type WorkflowHandle, type WorkflowStatus as DbosStatus } from '@dbos-inc/dbos-sdk';
import pg from 'pg';
import type { ExternalMigrationSet } from '../db/index.js';
import { inChildSpan, inRootSpan, type Logger } from '../telemetry/index.js';
import { secondsSince, type JobsMetrics } from './jobs.metrics.js';
import type {
  StepOptions,
  WorkflowContext,
  WorkflowRef,
  WorkflowRun,
  WorkflowState,
  WorkflowStatus,
  Workflows,
} from './workflows.types.js';

export interface DbosWorkflowsOptions {
  /** Owner URL of the database that holds DBOS's `dbos` schema (ours, by default). */
  readonly systemDatabaseUrl: string;
  /**
   * `executor` runs workflows (worker roles); `client` only starts them and reads their state
   * (the API role), so HTTP processes never execute workflow code.
   */
  readonly mode: 'executor' | 'client';
  /** Unique per process: DBOS recovers by executor id, and the runtime takes over dead ones. */
  readonly executorId: string;
  readonly logger: Logger;
  /** Workflows one executor runs at once. */
  readonly workerConcurrency?: number;
  readonly poolSize?: number;
  /** Counts executions and step attempts by workflow name (workflow_runs_*, workflow_steps_total). */
  readonly metrics?: JobsMetrics;
}

export const workflowQueueName = 'switchboard-workflows';
const applicationName = 'switchboard';

function toStatus(status: string): WorkflowStatus {
  switch (status) {
    case 'SUCCESS':
      return 'succeeded';
    case 'ERROR':
    case 'MAX_RECOVERY_ATTEMPTS_EXCEEDED':
      return 'failed';
    case 'CANCELLED':
      return 'cancelled';
    case 'PENDING':
      return 'running';
    default:
      return 'enqueued';
  }
}

function toState(status: DbosStatus): WorkflowState {
  const error = status.error;
  return {
    id: status.workflowID,
    name: status.workflowName,
    status: toStatus(status.status),
    output: status.output,
    error:
      error === undefined || error === null
        ? undefined
        : error instanceof Error
          ? error.message
          : typeof error === 'string'
            ? error
            : JSON.stringify(error),
    createdAt: new Date(status.createdAt),
    updatedAt: status.updatedAt === undefined ? undefined : new Date(status.updatedAt),
  };
}

function run<O>(handle: WorkflowHandle<O>): WorkflowRun<O> {
  return { id: handle.workflowID, result: () => handle.getResult() };
}

function stepConfig(name: string, options: StepOptions | undefined) {
  const retries = options?.retries ?? 0;
  return retries > 0
    ? {
        name,
        retriesAllowed: true,
        maxAttempts: retries + 1,
        intervalSeconds: (options?.initialBackoffMs ?? 1_000) / 1000,
        backoffRate: options?.backoffFactor ?? 2,
      }
    : { name };
}

async function workflowStoreVersion(client: pg.Client): Promise<number> {
  const exists = await client.query<{ found: boolean }>(
    `select to_regclass('dbos.dbos_migrations') is not null as found`,
  );
  if (!exists.rows[0]?.found) return 0;
  const { rows } = await client.query<{ version: string | null }>(
    'select max(version)::text as version from dbos.dbos_migrations',
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Creates or upgrades DBOS's system tables (schema `dbos`) with DBOS's own migrator, and reports
 * the version reached when it moved. Not safe to run twice at once (its `CREATE INDEX
 * CONCURRENTLY` statements collide), so it runs only as part of the platform's migrations, under
 * their lock (`workflowStoreMigrations`); executors launch with `runMigrations: false`.
 */
export async function migrateWorkflowStore(systemDatabaseUrl: string): Promise<readonly string[]> {
  const client = new pg.Client({
    connectionString: systemDatabaseUrl,
    application_name: 'switchboard-workflows-migrate',
  });
  client.on('error', () => undefined); // a failure surfaces through the awaited queries below
  await client.connect();
  try {
    const before = await workflowStoreVersion(client);
    await DBOS.migrate(systemDatabaseUrl);
    const after = await workflowStoreVersion(client);
    return after > before ? [`system tables v${before} -> v${after}`] : [];
  } finally {
    await client.end();
  }
}

/** DBOS's system schema, migrated with the modules' schemas (after `jobs`) under the one migration lock. */
export const workflowStoreMigrations: ExternalMigrationSet = {
  schema: 'dbos',
  migrateExternal: migrateWorkflowStore,
};

/**
 * The URL DBOS connects with. It sets `idle_in_transaction_session_timeout` through libpq options,
 * because otherwise DBOS sends a `SET` from its pool's connect hook, in parallel with the first
 * query of whoever borrowed the connection: pg's "client.query() when the client is already
 * executing a query" warning at every start (an error in pg 9). With the setting in the URL,
 * DBOS leaves the hook out (the timeout is DBOS's default, 60 s).
 */
export function dbosConnectionUrl(systemDatabaseUrl: string): string {
  const url = new URL(systemDatabaseUrl);
  const options = url.searchParams.get('options');
  if (!options?.includes('idle_in_transaction_session_timeout')) {
    url.searchParams.set(
      'options',
      [options, '-c idle_in_transaction_session_timeout=60000'].filter(Boolean).join(' '),
    );
  }
  return url.toString();
}

/** A pino logger in the shape DBOS logs to. */
function dbosLogger(logger: Logger) {
  const child = logger.child({ component: 'workflows' });
  return {
    info: (entry: unknown) => child.debug({ dbos: entry }, 'dbos'),
    debug: (entry: unknown) => child.trace({ dbos: entry }, 'dbos'),
    warn: (entry: unknown) => child.warn({ dbos: entry }, 'dbos'),
    error: (entry: unknown) => child.error({ err: entry }, 'dbos'),
  };
}

/**
 * The Workflows interface on DBOS Transact. DBOS keeps its state in the `dbos` schema of our
 * PostgreSQL and is a process-wide singleton, so there is one instance per process. Runs are
 * started on one DBOS queue: every executor takes queued runs with row locks, so several workers
 * share them without running one twice.
 */
export function createDbosWorkflows(options: DbosWorkflowsOptions): Workflows {
  const registered = new Map<string, (input: unknown) => Promise<unknown>>();
  let client: DBOSClient | undefined;
  let launched = false;

  const metrics = options.metrics;
  /** The step's function, counted when it runs (a step replayed from its record does not run). */
  const counted =
    <T>(workflow: string, fn: () => Promise<T>) =>
    async (): Promise<T> => {
      const started = performance.now();
      try {
        const value = await fn();
        metrics?.stepRan(workflow, 'succeeded', secondsSince(started));
        return value;
      } catch (error) {
        metrics?.stepRan(workflow, 'failed', secondsSince(started));
        throw error;
      }
    };

  const ctxFor = (workflowId: string, workflow: string): WorkflowContext => ({
    workflowId,
    // The span is made inside the step, so it stands for an execution (each retry its own), not
    // for a replay that returns the recorded output.
    step: (name, fn, stepOptions) =>
      DBOS.runStep(
        () =>
          inChildSpan(`step ${name}`, { attributes: { 'switchboard.workflow.step': name } }, () =>
            metrics ? counted(workflow, fn)() : fn(),
          ),
        stepConfig(name, stepOptions),
      ),
    async startChild<I, O>(workflow: WorkflowRef<I, O>, input: I): Promise<WorkflowRun<O>> {
      const fn = registered.get(workflow.name);
      if (!fn) throw new Error(`workflow ${workflow.name} is not defined`);
      const handle = await DBOS.startWorkflow(fn, { queueName: workflowQueueName })(input);
      return run(handle as WorkflowHandle<O>);
    },
    async waitForMessage<T>(topic: string, timeoutMs: number) {
      const message = await DBOS.recv<T>(topic, timeoutMs / 1000);
      return message ?? undefined;
    },
    setProgress: (key, value) => DBOS.setEvent(key, value),
    sleep: (ms) => DBOS.sleepms(ms),
  });

  function requireClient(): DBOSClient {
    if (!client) throw new Error('workflows are not launched');
    return client;
  }

  return {
    executorId: options.executorId,
    define<I, O>(name: string, fn: (ctx: WorkflowContext, input: I) => Promise<O>): WorkflowRef<I, O> {
      if (launched) throw new Error(`define workflow ${name} before launch()`);
      if (registered.has(name)) throw new Error(`workflow ${name} is defined twice`);
      const body = async (input: unknown): Promise<unknown> => {
        const id = DBOS.workflowID;
        if (!id) throw new Error('not inside a workflow');
        // A run comes off the queue, outside the trace that started it: each run is a trace of its own.
        return inRootSpan(
          `workflow ${name}`,
          { attributes: { 'switchboard.workflow.name': name, 'switchboard.workflow.id': id } },
          async () => {
            metrics?.workflowStarted(name);
            try {
              const output = await fn(ctxFor(id, name), input as I);
              metrics?.workflowFinished(name, 'succeeded');
              return output;
            } catch (error) {
              metrics?.workflowFinished(name, 'failed');
              throw error;
            }
          },
        );
      };
      registered.set(name, options.mode === 'executor' ? DBOS.registerWorkflow(body, { name }) : body);
      return { name };
    },
    async launch() {
      if (launched) return;
      // The store is migrated beforehand (workflowStoreMigrations): DBOS only checks its version.
      const systemDatabaseUrl = dbosConnectionUrl(options.systemDatabaseUrl);
      if (options.mode === 'executor') {
        DBOS.setConfig({
          name: applicationName,
          systemDatabaseUrl,
          systemDatabasePoolSize: options.poolSize ?? 6,
          executorID: options.executorId,
          logger: dbosLogger(options.logger),
          runMigrations: false,
        });
        await DBOS.launch();
        await DBOS.registerQueue(workflowQueueName, {
          workerConcurrency: options.workerConcurrency ?? 10,
          minPollingIntervalMs: 200,
          onConflict: 'always_update',
        });
      } else {
        client = await DBOSClient.create({
          systemDatabaseUrl,
          applicationName,
          systemDatabasePoolSize: options.poolSize ?? 2,
          logger: dbosLogger(options.logger),
        });
      }
      launched = true;
    },
    async start<I, O>(
      workflow: WorkflowRef<I, O>,
      input: I,
      startOptions?: { id?: string },
    ): Promise<WorkflowRun<O>> {
      if (options.mode === 'client') {
        const handle = await requireClient().enqueue(
          {
            workflowName: workflow.name,
            queueName: workflowQueueName,
            ...(startOptions?.id ? { workflowID: startOptions.id } : {}),
          },
          input,
        );
        return run(handle as WorkflowHandle<O>);
      }
      const fn = registered.get(workflow.name);
      if (!fn) throw new Error(`workflow ${workflow.name} is not defined`);
      const handle = await DBOS.startWorkflow(fn, {
        queueName: workflowQueueName,
        ...(startOptions?.id ? { workflowID: startOptions.id } : {}),
      })(input);
      return run(handle as WorkflowHandle<O>);
    },
    async status(id) {
      const status =
        options.mode === 'client' ? await requireClient().getWorkflow(id) : await DBOS.getWorkflowStatus(id);
      return status ? toState(status) : undefined;
    },
    send: (id, topic, message) =>
      options.mode === 'client' ? requireClient().send(id, message, topic) : DBOS.send(id, message, topic),
    async progress<T>(id: string, key: string, timeoutMs = 0) {
      const value =
        options.mode === 'client'
          ? await requireClient().getEvent<T>(id, key, timeoutMs / 1000)
          : await DBOS.getEvent<T>(id, key, timeoutMs / 1000);
      return value ?? undefined;
    },
    async takeOver(executorIds) {
      if (executorIds.length === 0) return [];
      const pending =
        options.mode === 'client'
          ? await requireClient().listWorkflows({ status: 'PENDING', executorId: [...executorIds] })
          : await DBOS.listWorkflows({ status: 'PENDING', executorId: [...executorIds] });
      const ids = pending.map((w) => w.workflowID);
      if (ids.length === 0) return [];
      // Back on the queue: any live executor takes them and replays from the last recorded step.
      if (options.mode === 'client') await Promise.all(ids.map((id) => requireClient().resumeWorkflow(id)));
      else await DBOS.resumeWorkflows(ids);
      return ids;
    },
    async shutdown() {
      if (!launched) return;
      launched = false;
      if (client) await client.destroy();
      else await DBOS.shutdown({ deregister: true });
    },
  };
}
