import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/app/platform.js';
import { createBus, type Bus } from '../../src/platform/bus/index.js';
import { ConfigError, loadConfig } from '../../src/platform/config/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { newUuid } from '../../src/platform/ids.js';
import {
  createWorkerRuntime,
  declareModuleGroups,
  type ModuleJobs,
  type WorkerRuntime,
} from '../../src/platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../src/platform/telemetry/index.js';
import { eventually } from '../bus/bus.contract.js';
import { createTestPlatform } from '../support/test-platform.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger({ level: 'silent' });

/** What each replica's copy of a probe module saw: the events it handled and the timer runs it made. */
interface Seen {
  readonly events: string[];
  readonly timerRuns: number[];
}

function probeModule(seen: Seen): ModuleJobs {
  return {
    handlers: [
      {
        group: 'probe-scheduler-role',
        topics: ['probe.scheduler.v1'],
        handle: (_ctx, event) => {
          seen.events.push(event.id);
          return Promise.resolve();
        },
      },
    ],
    jobs: [
      {
        kind: 'timer',
        name: 'probe.scheduler-tick',
        cron: '* * * * * *',
        missed: 'skip',
        run: () => {
          seen.timerRuns.push(Date.now());
          return Promise.resolve();
        },
      },
    ],
  };
}

describe('the scheduler role and SWITCHBOARD_TIMERS', () => {
  let testDb: TestDatabase;
  let database: Database;
  const buses: Bus[] = [];
  const runtimes: WorkerRuntime[] = [];

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 6,
      logger,
    });
  });
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.stop();
    for (const bus of buses) await bus.close();
    await database.close();
    await testDb.drop();
  });

  async function replica(
    runner: string,
    seen: Seen,
    options: { consume?: boolean; timers?: boolean },
  ): Promise<Bus> {
    const bus = await createBus(
      { natsUrl: undefined },
      { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
    );
    buses.push(bus);
    const modules = [probeModule(seen)];
    await declareModuleGroups(bus, modules);
    const runtime = createWorkerRuntime(
      { database, bus, logger },
      { modules, runner, timerLeaseMs: 3_000, timerTickMs: 100, heartbeatMs: 200, ...options },
    );
    runtimes.push(runtime);
    await runtime.start();
    return bus;
  }

  it('runs the timers in the scheduler and the consumers in the worker, never the other way round', async () => {
    const atScheduler: Seen = { events: [], timerRuns: [] };
    const atWorker: Seen = { events: [], timerRuns: [] };
    // Started first, the worker would take the timers lease if it competed for it.
    const bus = await replica('worker-1', atWorker, { timers: false });
    await replica('scheduler-1', atScheduler, { consume: false });

    const published = await bus.publishNow(
      Array.from({ length: 20 }, (_, i) => ({
        type: 'probe.scheduler.v1',
        tenantId: newUuid(),
        key: `k${i}`,
        data: { i },
      })),
    );
    await eventually(
      () => (atWorker.events.length === published.length ? true : undefined),
      'the worker to handle every event',
    );
    await eventually(
      () => (atScheduler.timerRuns.length >= 2 ? true : undefined),
      'the scheduler to run the timer twice',
    );

    expect(atScheduler.events).toEqual([]);
    expect(atWorker.timerRuns).toEqual([]);
    const { rows: runners } = await sql<{ runner: string }>`
      select distinct runner from jobs.job_runs where job = 'probe.scheduler-tick'`.execute(database.owner);
    expect(runners.map((r) => r.runner)).toEqual(['scheduler-1']);
    const { rows: leases } = await sql<{ owner: string }>`
      select owner from jobs.leases where name = 'timers'`.execute(database.owner);
    expect(leases.map((l) => l.owner)).toEqual(['scheduler-1']);
    // Only processes that execute workflows take part in the heartbeat (and in taking over the dead).
    const { rows: workers } = await sql<{ id: string }>`select id from jobs.workers order by id`.execute(
      database.owner,
    );
    expect(workers.map((w) => w.id)).toEqual(['worker-1']);
  });

  it('switchboard scheduler: the platform holds the timers lease and serves no HTTP', async () => {
    const t = await createTestPlatform({ role: 'scheduler' });
    try {
      expect(t.platform.http).toBeUndefined();
      const executorId = t.platform.workflows?.executorId;
      expect(executorId).toMatch(/^scheduler-/);
      await eventually(async () => {
        const { rows } = await sql<{ owner: string }>`
          select owner from jobs.leases where name = 'timers'`.execute(t.platform.database.owner);
        return rows[0]?.owner === executorId ? true : undefined;
      }, 'the scheduler to take the timers lease');
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from jobs.workers`.execute(t.platform.database.owner);
      expect(rows[0]?.n).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('refuses a scheduler told not to run timers, naming the setting', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-scheduler-'));
    try {
      const config = loadConfig({
        DATABASE_URL: testDb.url,
        SWITCHBOARD_DATA_DIR: dataDir,
        SWITCHBOARD_TIMERS: 'false',
      });
      expect(config.jobs.timers).toBe(false);
      const attempt = createPlatform(config, { role: 'scheduler', logger });
      await expect(attempt).rejects.toBeInstanceOf(ConfigError);
      await expect(attempt).rejects.toThrow(/SWITCHBOARD_TIMERS/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
