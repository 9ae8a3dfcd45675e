import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { sql, type Kysely } from 'kysely';
import type { NoTables } from '../db/index.js';
import { newUuid } from '../ids.js';
import { inRootSpan, type Logger } from '../telemetry/index.js';
import { secondsSince, type JobsMetrics } from './jobs.metrics.js';
import { createLeaderLease } from './leader.lease.js';
import type { TimerTrigger } from './triggers.types.js';

export interface TimerSchedulerOptions {
  readonly db: Kysely<NoTables>;
  readonly timers: readonly TimerTrigger[];
  readonly logger: Logger;
  /** Identifies this replica in leases and job_runs. */
  readonly runner?: string;
  readonly leaseMs?: number;
  /** How often the leader looks for due slots. */
  readonly tickMs?: number;
  /** Counts each run by job and outcome (timer_runs_total, timer_run_duration_seconds). */
  readonly metrics?: JobsMetrics;
}

export interface TimerScheduler {
  stop(): Promise<void>;
}

/** Counting missed slots stops here: a timer down for years needs no exact count. */
const maxSlotsCounted = 10_000;

/** The slots of `cron` in (after, until], newest last, at most maxSlotsCounted + 1. */
function slotsBetween(cron: Cron, after: Date, until: Date): Date[] {
  const slots: Date[] = [];
  let next = cron.nextRun(after);
  while (next && next <= until && slots.length <= maxSlotsCounted) {
    slots.push(next);
    next = cron.nextRun(next);
  }
  return slots;
}

/**
 * Runs cron triggers in exactly one replica: the holder of the `timers` lease. Every slot's run
 * is recorded in jobs.job_runs (start, end, outcome); its unique (job, slot) key keeps a slot
 * from running twice even if two replicas ever believed themselves leader. A timer never overlaps
 * itself: the next slot waits for the current run. Slots missed while no leader ran are handled
 * by the timer's policy (default: one catch-up run for the latest missed slot).
 */
export function startTimerScheduler(options: TimerSchedulerOptions): TimerScheduler {
  const { db, logger } = options;
  const runner = options.runner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 30_000;
  const tickMs = options.tickMs ?? 1_000;
  const lease = createLeaderLease(db, 'timers', runner, leaseMs);
  const crons = new Map(
    options.timers.map((t) => [t.name, new Cron(t.cron, { timezone: 'UTC', paused: true })]),
  );
  const running = new Map<string, Promise<void>>();
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  /** The tick in progress: stop() waits for it, so no slot starts after the runs were collected. */
  let ticking: Promise<void> | undefined;
  let leaseRenewedAt = 0;

  async function becomeLeader(): Promise<void> {
    // The previous leader is gone (its lease ran out): its unfinished runs will never finish.
    await sql`update jobs.job_runs set outcome = 'abandoned', finished_at = now(), error = 'the replica running it stopped'
      where outcome = 'running' and runner <> ${runner}`.execute(db);
    logger.info({ runner }, 'this replica now runs the timers');
  }

  async function runSlot(trigger: TimerTrigger, scheduledFor: Date, missedSlots: number): Promise<void> {
    const runId = newUuid();
    const claimed = await db.transaction().execute(async (trx) => {
      const inserted =
        await sql`insert into jobs.job_runs (id, job, scheduled_for, outcome, runner, missed_slots)
        values (${runId}::uuid, ${trigger.name}, ${scheduledFor}, 'running', ${runner}, ${missedSlots})
        on conflict (job, scheduled_for) do nothing`.execute(trx);
      await sql`update jobs.timers set last_slot = ${scheduledFor}, updated_at = now() where name = ${trigger.name}`.execute(
        trx,
      );
      return inserted.numAffectedRows === 1n;
    });
    if (!claimed) return;
    const started = performance.now();
    let ran = false;
    try {
      await inRootSpan(
        `timer ${trigger.name}`,
        { attributes: { 'switchboard.job.name': trigger.name, 'switchboard.job.run_id': runId } },
        () => trigger.run({ runId, scheduledFor, missedSlots }),
      );
      ran = true;
      options.metrics?.timerRun(trigger.name, 'succeeded', secondsSince(started));
      await sql`update jobs.job_runs set outcome = 'succeeded', finished_at = now() where id = ${runId}::uuid`.execute(
        db,
      );
    } catch (error) {
      // Counted once: a run that succeeded but whose bookkeeping failed stays a success here.
      if (!ran) options.metrics?.timerRun(trigger.name, 'failed', secondsSince(started));
      logger.error({ err: error, job: trigger.name, scheduledFor }, 'timer run failed');
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      await sql`update jobs.job_runs set outcome = 'failed', finished_at = now(), error = ${message.slice(0, 8_000)}
        where id = ${runId}::uuid`.execute(db);
    }
  }

  async function check(trigger: TimerTrigger, now: Date): Promise<void> {
    const cron = crons.get(trigger.name);
    if (stopped || !cron || running.has(trigger.name)) return;
    const { rows } = await sql<{ lastSlot: Date }>`
      insert into jobs.timers (name, schedule, last_slot) values (${trigger.name}, ${trigger.cron}, ${now})
      on conflict (name) do update set schedule = excluded.schedule
      returning last_slot as "lastSlot"`.execute(db);
    const lastSlot = rows[0]?.lastSlot ?? now;
    const due = slotsBetween(cron, lastSlot, now);
    const latest = due.at(-1);
    if (!latest) return;
    const missed = due.length - 1;
    if (missed > 0 && trigger.missed === 'skip') {
      await sql`update jobs.timers set last_slot = ${latest}, updated_at = now() where name = ${trigger.name}`.execute(
        db,
      );
      logger.info({ job: trigger.name, skipped: due.length }, 'timer slots missed while down were skipped');
      return;
    }
    const run = runSlot(trigger, latest, missed)
      // The run's own bookkeeping failed (the database went away): said, never an unhandled rejection.
      .catch((error: unknown) =>
        logger.error({ err: error, job: trigger.name }, 'timer run bookkeeping failed'),
      )
      .finally(() => running.delete(trigger.name));
    running.set(trigger.name, run);
  }

  async function tick(): Promise<void> {
    const now = new Date();
    if (now.getTime() - leaseRenewedAt >= leaseMs / 3 || !leader) {
      const holds = await lease.acquire();
      if (holds) leaseRenewedAt = now.getTime();
      if (holds && !leader) await becomeLeader();
      if (!holds && leader) logger.warn({ runner }, 'lost the timers lease');
      leader = holds;
    }
    if (!leader) return;
    for (const trigger of options.timers) await check(trigger, now);
  }

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ticking = tick()
        .catch((error: unknown) => logger.error({ err: error }, 'timer scheduler tick failed'))
        .finally(() => {
          ticking = undefined;
          schedule();
        });
    }, tickMs);
  };
  if (options.timers.length > 0) schedule();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ticking;
      await Promise.allSettled(running.values());
      if (leader) await lease.release().catch(() => undefined);
    },
  };
}
