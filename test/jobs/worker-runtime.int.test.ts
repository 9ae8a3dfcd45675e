import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type Bus } from '../../src/platform/bus/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { newUuid } from '../../src/platform/ids.js';
import { createDbosWorkflows, type Workflows } from '../../src/platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../src/platform/telemetry/index.js';
import { eventually } from '../bus/bus.contract.js';
import { spawnTs, type Spawned } from '../support/child-process.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';
import { defineProbeWorkflows, jobsProbeMigrations } from './workflow.probe.js';

const logger = createLogger({ level: 'silent' });

describe('switchboard worker: two processes on one database', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: Bus;
  let client: Workflows;
  const workers: Spawned[] = [];

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
      logger,
      migrations: [jobsProbeMigrations],
    });
    bus = await createBus(
      { natsUrl: undefined },
      { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
    );
    // An API-role process: starts workflows and reads their state, never runs them.
    client = createDbosWorkflows({
      systemDatabaseUrl: testDb.url,
      mode: 'client',
      executorId: 'api',
      logger,
    });
    defineProbeWorkflows(client, database, { name: 'api', blockStep2: false });
    await client.launch();
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await client.shutdown();
    await bus.close();
    await database.close();
    await testDb.drop();
  });

  it('shares events, workflows and timers without running anything twice', async () => {
    for (let i = 0; i < 2; i++) {
      const worker = spawnTs('test/jobs/fixtures/workflow-worker.ts', [], { DATABASE_URL: testDb.url });
      workers.push(worker);
    }
    await Promise.all(workers.map((w) => w.waitFor(/READY/)));
    await eventually(async () => {
      const { rows } = await sql<{
        owners: number;
      }>`select count(distinct owner)::int as owners from bus.group_partitions
        where group_name = 'probe-worker' and lease_until > now()`.execute(database.owner);
      return rows[0]?.owners === 2 ? true : undefined;
    }, 'both workers to hold partitions');

    const tenantId = newUuid();
    const events = await bus.publishNow(
      Array.from({ length: 100 }, (_, i) => ({ type: 'probe.work.v1', tenantId, key: `w${i}`, data: { i } })),
    );
    const runs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.start({ name: 'probe-three-steps' }, { value: i }, { id: `shared-${i}` }),
      ),
    );

    const handled = await eventually(
      async () => {
        const { rows } = await sql<{
          eventId: string;
          worker: string;
        }>`select event_id, worker from jobs_probe.handled`.execute(database.owner);
        return rows.length >= 100 ? rows : undefined;
      },
      'all events handled',
      60_000,
    );
    await eventually(
      async () => {
        const states = await Promise.all(runs.map((r) => client.status(r.id)));
        return states.every((s) => s?.status === 'succeeded') ? true : undefined;
      },
      'all workflows finished',
      60_000,
    );
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from jobs_probe.ticks`.execute(
        database.owner,
      );
      return (rows[0]?.n ?? 0) >= 3 ? true : undefined;
    }, 'three timer runs');

    expect(handled).toHaveLength(100);
    expect(new Set(handled.map((h) => h.eventId))).toEqual(new Set(events.map((e) => e.id)));
    expect(new Set(handled.map((h) => h.worker)).size).toBe(2);

    const { rows: steps } = await sql<{ workflowId: string; step: number; worker: string }>`
      select workflow_id, step, worker from jobs_probe.step_runs order by workflow_id, step`.execute(
      database.owner,
    );
    for (const run of runs)
      expect(steps.filter((s) => s.workflowId === run.id).map((s) => s.step)).toEqual([1, 2, 3]);

    const { rows: ticks } = await sql<{
      slot: Date;
      n: number;
    }>`select slot, count(*)::int as n from jobs_probe.ticks group by slot`.execute(database.owner);
    expect(ticks.every((t) => t.n === 1)).toBe(true);

    for (const worker of workers) worker.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  }, 120_000);
});
