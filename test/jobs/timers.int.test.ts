import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import {
  createJobsMetrics,
  startTimerScheduler,
  type TimerScheduler,
  type TimerTrigger,
} from '../../src/platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../src/platform/telemetry/index.js';
import { parseScrape } from '../support/prometheus-text.js';
import { eventually } from '../bus/bus.contract.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger({ level: 'silent' });
/** One registry for every replica of these tests, as if Prometheus summed their scrapes. */
const registry = createMetricsRegistry({ collectProcessMetrics: false });
const metrics = createJobsMetrics(registry);

interface RunRow {
  job: string;
  scheduledFor: Date;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string;
  error: string | null;
  runner: string;
  missedSlots: number;
}

describe('timer triggers', () => {
  let testDb: TestDatabase;
  let database: Database;
  const schedulers: TimerScheduler[] = [];

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
      logger,
    });
  });
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await database.close();
    await testDb.drop();
  });

  const start = (runner: string, timers: readonly TimerTrigger[]) => {
    const scheduler = startTimerScheduler({
      db: database.owner,
      timers,
      logger,
      runner,
      leaseMs: 3_000,
      tickMs: 100,
      metrics,
    });
    schedulers.push(scheduler);
    return scheduler;
  };

  async function runs(job: string): Promise<RunRow[]> {
    const { rows } =
      await sql<RunRow>`select job, scheduled_for, started_at, finished_at, outcome, error, runner, missed_slots
      from jobs.job_runs where job = ${job} order by scheduled_for`.execute(database.owner);
    return rows;
  }

  it('runs each slot once, in one replica only, and records start, end and outcome', async () => {
    const calls: { runner: string; slot: number }[] = [];
    const timer = (runner: string): TimerTrigger => ({
      kind: 'timer',
      name: 'every-second',
      cron: '* * * * * *',
      run: ({ scheduledFor }) => {
        calls.push({ runner, slot: scheduledFor.getTime() });
        return calls.length % 3 === 0
          ? Promise.reject(new Error('every third run fails'))
          : Promise.resolve();
      },
    });
    const a = start('replica-a', [timer('replica-a')]);
    const b = start('replica-b', [timer('replica-b')]);
    await eventually(() => calls.length >= 4, 'four runs');
    await Promise.all([a.stop(), b.stop()]);
    const slots = calls.map((c) => c.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(new Set(calls.map((c) => c.runner)).size).toBe(1);
    const recorded = await runs('every-second');
    expect(recorded.length).toBe(calls.length);
    for (const run of recorded) {
      expect(run.finishedAt?.getTime()).toBeGreaterThanOrEqual(run.startedAt.getTime());
      expect(['succeeded', 'failed']).toContain(run.outcome);
      expect(run.scheduledFor.getUTCMilliseconds()).toBe(0);
    }
    expect(recorded.find((r) => r.outcome === 'failed')?.error).toContain('every third run fails');
    // Each run counted once, by outcome, as job_runs records it.
    const scrape = parseScrape(await registry.metrics());
    for (const outcome of ['succeeded', 'failed'])
      expect(scrape.value('timer_runs_total', { timer: 'every-second', outcome }), outcome).toBe(
        recorded.filter((r) => r.outcome === outcome).length,
      );
    expect(scrape.value('timer_run_duration_seconds_count', { timer: 'every-second' })).toBe(calls.length);
  });

  it('after downtime runs once for the latest missed slot (run-once) or skips them (skip)', async () => {
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    tenMinutesAgo.setUTCSeconds(30, 0);
    await sql`insert into jobs.timers (name, schedule, last_slot) values
      ('catch-up', '* * * * *', ${tenMinutesAgo}), ('skipper', '* * * * *', ${tenMinutesAgo})`.execute(
      database.owner,
    );
    const ran: string[] = [];
    const scheduler = start('replica-c', [
      {
        kind: 'timer',
        name: 'catch-up',
        cron: '* * * * *',
        missed: 'run-once',
        run: () => Promise.resolve(void ran.push('catch-up')),
      },
      {
        kind: 'timer',
        name: 'skipper',
        cron: '* * * * *',
        missed: 'skip',
        run: () => Promise.resolve(void ran.push('skipper')),
      },
    ]);
    const [run] = await eventually(async () => {
      const list = await runs('catch-up');
      return list.length > 0 && list[0]?.outcome === 'succeeded' ? list : undefined;
    }, 'the catch-up run');
    await scheduler.stop();
    expect(run?.missedSlots).toBe(9);
    const latestSlot = new Date();
    latestSlot.setUTCSeconds(0, 0);
    expect(run?.scheduledFor.getTime()).toBeLessThanOrEqual(latestSlot.getTime());
    expect(ran.filter((r) => r === 'catch-up')).toHaveLength(1);
    expect(ran).not.toContain('skipper');
    expect(await runs('skipper')).toEqual([]);
    const { rows } = await sql<{
      lastSlot: Date;
    }>`select last_slot from jobs.timers where name = 'skipper'`.execute(database.owner);
    expect(rows[0]?.lastSlot.getTime()).toBeGreaterThan(tenMinutesAgo.getTime() + 8 * 60_000);
  });
});
