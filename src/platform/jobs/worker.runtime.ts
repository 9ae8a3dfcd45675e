import { sql } from 'kysely';
import {
  busHandlerDuration,
  type Bus,
  type EventEnvelope,
  type EventHandler,
  type Subscription,
} from '../bus/index.js';
import type { Database } from '../db/index.js';
import type { Logger, Registry } from '../telemetry/index.js';
import { secondsSince, type JobsMetrics } from './jobs.metrics.js';
import { startTimerScheduler, type TimerScheduler } from './timer.scheduler.js';
import {
  objectCreatedEventType,
  type EventTrigger,
  type JobTrigger,
  type ModuleJobs,
  type ObjectCreatedData,
  type TimerTrigger,
} from './triggers.types.js';
import type { Workflows } from './workflows.types.js';

export interface WorkerRuntimeDeps {
  readonly database: Database;
  readonly bus: Bus;
  readonly logger: Logger;
  /** An executor-mode Workflows with every workflow already defined; omit when none. */
  readonly workflows?: Workflows | undefined;
  /**
   * Where the runtime's figures go: each handler's duration (bus_handler_duration_seconds) and
   * the timers' runs; omit to count nothing.
   */
  readonly metrics?: { readonly registry: Registry; readonly jobs: JobsMetrics } | undefined;
}

export interface WorkerRuntimeOptions {
  /** Each module's `handlers` and `jobs`. */
  readonly modules: readonly ModuleJobs[];
  /** This replica's id in job_runs and leases; defaults to the workflows executor id. */
  readonly runner?: string;
  readonly heartbeatMs?: number;
  /** A worker silent for this long is considered dead and its workflows are taken over. */
  readonly staleAfterMs?: number;
  readonly timerLeaseMs?: number;
  readonly timerTickMs?: number;
  /**
   * Consume events: every module's event consumers and object-created triggers, and (with an
   * executor-mode Workflows) the heartbeat by which live workers take over a dead one's workflows.
   * Default true; false for the `scheduler` role, which only relays the outbox and runs timers.
   */
  readonly consume?: boolean;
  /**
   * Run the cron timers (this replica competes for the `timers` lease). Default true; false in
   * `worker` processes when a `scheduler` deployment runs the timers (SWITCHBOARD_TIMERS=false).
   */
  readonly timers?: boolean;
}

export interface WorkerRuntime {
  start(): Promise<void>;
  /** Stops timers, consumers and workflows in that order, letting work in hand finish. */
  stop(): Promise<void>;
}

function objectSubscription(
  trigger: Extract<JobTrigger, { kind: 'object-created' }>,
): EventTrigger<ObjectCreatedData> {
  return {
    group: trigger.group,
    topics: [objectCreatedEventType],
    ...(trigger.retry ? { retry: trigger.retry } : {}),
    handle: (ctx, event: EventEnvelope<ObjectCreatedData>) =>
      event.data.key.startsWith(trigger.prefix) ? trigger.handle(ctx, event.data) : Promise.resolve(),
  };
}

/** Every consumer group the modules' event and object-created triggers use. */
function moduleTriggers(modules: readonly ModuleJobs[]): (EventTrigger | EventTrigger<ObjectCreatedData>)[] {
  const handlers = modules.flatMap((m) => m.handlers ?? []);
  const objectTriggers = modules
    .flatMap((m) => m.jobs ?? [])
    .filter((j): j is Extract<JobTrigger, { kind: 'object-created' }> => j.kind === 'object-created');
  return [...handlers, ...objectTriggers.map(objectSubscription)];
}

/**
 * Creates the modules' consumer groups without consuming. Every process that can publish for
 * them runs this at start-up (an API-only process too): a group created later would begin at the
 * end of the log and skip what was accepted before the first worker ever ran.
 */
export async function declareModuleGroups(bus: Bus, modules: readonly ModuleJobs[]): Promise<void> {
  for (const trigger of moduleTriggers(modules)) {
    await bus.declareGroup({
      group: trigger.group,
      topics: trigger.topics,
      ...(trigger.retry ? { retry: trigger.retry } : {}),
    });
  }
}

/** The handler, timed per delivery by outcome. */
function timed<D>(
  histogram: ReturnType<typeof busHandlerDuration>,
  group: string,
  handle: EventHandler<D>,
): EventHandler<D> {
  return async (ctx, event) => {
    const started = performance.now();
    try {
      await handle(ctx, event);
      histogram.observe({ group, outcome: 'ok' }, secondsSince(started));
    } catch (error) {
      histogram.observe({ group, outcome: 'error' }, secondsSince(started));
      throw error;
    }
  };
}

/**
 * What `switchboard worker` (and `start`) runs besides HTTP: the outbox relay, every module's
 * event consumers and object-created triggers, the cron timers (one replica leads), and the
 * workflow executor with crash takeover. Several workers on one database share all of it.
 * `switchboard scheduler` runs the relay and the timers only (`consume: false`); a worker with
 * `timers: false` leaves the timers to it.
 */
export function createWorkerRuntime(deps: WorkerRuntimeDeps, options: WorkerRuntimeOptions): WorkerRuntime {
  const { bus, database, logger } = deps;
  const runner = options.runner ?? deps.workflows?.executorId ?? `worker-${process.pid}`;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const staleAfterMs = options.staleAfterMs ?? 30_000;
  const consume = options.consume ?? true;
  const runTimers = options.timers ?? true;
  const subscriptions: Subscription[] = [];
  let timers: TimerScheduler | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let stopped = false;
  const handlerDuration = deps.metrics ? busHandlerDuration(deps.metrics.registry) : undefined;

  async function beat(): Promise<void> {
    await sql`insert into jobs.workers (id) values (${runner})
      on conflict (id) do update set heartbeat_at = now()`.execute(database.owner);
    const workflows = deps.workflows;
    if (!workflows) return;
    // Deleting the row is the claim: of several live workers, one takes each dead one over.
    const { rows } = await sql<{ id: string }>`delete from jobs.workers
      where id <> ${runner} and heartbeat_at < now() - make_interval(secs => ${staleAfterMs / 1000}) returning id`.execute(
      database.owner,
    );
    if (rows.length === 0) return;
    const taken = await workflows.takeOver(rows.map((r) => r.id));
    logger.warn(
      { deadWorkers: rows.map((r) => r.id), workflows: taken.length },
      'took over the workflows of stopped workers',
    );
  }

  return {
    async start() {
      bus.startRelay();
      const jobs = options.modules.flatMap((m) => m.jobs ?? []);
      const triggers = consume ? moduleTriggers(options.modules) : [];
      for (const trigger of triggers) {
        subscriptions.push(
          await bus.subscribe({
            group: trigger.group,
            topics: trigger.topics,
            handler: handlerDuration ? timed(handlerDuration, trigger.group, trigger.handle) : trigger.handle,
            ...(trigger.retry ? { retry: trigger.retry } : {}),
          }),
        );
      }
      await deps.workflows?.launch();
      // The heartbeat is how workers take over each other's workflows: a process that executes none
      // (the scheduler, whose timers only start workflows) takes no part.
      if (consume) {
        await beat();
        const tick = () => {
          heartbeat = setTimeout(() => {
            beat()
              .catch((error: unknown) => logger.error({ err: error }, 'worker heartbeat failed'))
              .finally(() => {
                if (!stopped) tick();
              });
          }, heartbeatMs);
        };
        tick();
      }
      const timerJobs = runTimers ? jobs.filter((j): j is TimerTrigger => j.kind === 'timer') : [];
      timers = startTimerScheduler({
        db: database.owner,
        timers: timerJobs,
        logger,
        runner,
        ...(deps.metrics ? { metrics: deps.metrics.jobs } : {}),
        ...(options.timerLeaseMs ? { leaseMs: options.timerLeaseMs } : {}),
        ...(options.timerTickMs ? { tickMs: options.timerTickMs } : {}),
      });
      logger.info(
        { runner, triggers: triggers.length, timers: timerJobs.length, jobs: jobs.length },
        'worker runtime started',
      );
    },
    async stop() {
      stopped = true;
      if (heartbeat) clearTimeout(heartbeat);
      await timers?.stop();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await deps.workflows?.shutdown();
      if (consume)
        await sql`delete from jobs.workers where id = ${runner}`
          .execute(database.owner)
          .catch(() => undefined);
    },
  };
}
