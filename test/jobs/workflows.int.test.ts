import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import {
  createDbosWorkflows,
  createJobsMetrics,
  type WorkflowRef,
  type Workflows,
} from '../../src/platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../src/platform/telemetry/index.js';
import { parseScrape } from '../support/prometheus-text.js';
import { eventually } from '../bus/bus.contract.js';
import { spawnTs, type Spawned } from '../support/child-process.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';
import { defineProbeWorkflows, jobsProbeMigrations, type ProbeWorkflows } from './workflow.probe.js';

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' });
const registry = createMetricsRegistry({ collectProcessMetrics: false });

describe('durable workflows (DBOS Transact)', () => {
  let testDb: TestDatabase;
  let database: Database;
  let workflows: Workflows;
  let probe: ProbeWorkflows;
  let fanOut: WorkflowRef<{ items: number[] }, number>;
  let square: WorkflowRef<number, number>;
  let approval: WorkflowRef<{ timeoutMs: number }, string>;
  let flaky: WorkflowRef<{ failures: number }, { attempts: number }>;
  const children: Spawned[] = [];
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
      logger,
      migrations: [jobsProbeMigrations],
    });
    workflows = createDbosWorkflows({
      systemDatabaseUrl: testDb.url,
      mode: 'executor',
      executorId: 'test-process',
      logger,
      metrics: createJobsMetrics(registry),
    });
    probe = defineProbeWorkflows(workflows, database, { name: 'test-process', blockStep2: false });
    square = workflows.define('probe-square', (ctx, n: number) =>
      ctx.step('square', () => Promise.resolve(n * n)),
    );
    fanOut = workflows.define('probe-fan-out', async (ctx, input: { items: number[] }) => {
      const runs = await Promise.all(input.items.map((n) => ctx.startChild(square, n)));
      const results = await Promise.all(runs.map((r) => r.result()));
      return results.reduce((sum, x) => sum + x, 0);
    });
    approval = workflows.define('probe-approval', async (ctx, input: { timeoutMs: number }) => {
      await ctx.setProgress('state', 'waiting-for-approval');
      const decision = await ctx.waitForMessage<{ approved: boolean }>('approval', input.timeoutMs);
      const outcome = decision === undefined ? 'timed-out' : decision.approved ? 'approved' : 'rejected';
      await ctx.setProgress('state', outcome);
      return outcome;
    });
    flaky = workflows.define('probe-flaky', async (ctx, input: { failures: number }) => {
      const count = await ctx.step(
        'call-flaky-service',
        () => {
          const n = (attempts.get(ctx.workflowId) ?? 0) + 1;
          attempts.set(ctx.workflowId, n);
          return n <= input.failures ? Promise.reject(new Error(`attempt ${n} failed`)) : Promise.resolve(n);
        },
        { retries: 3, initialBackoffMs: 20, backoffFactor: 2 },
      );
      return { attempts: count };
    });
    await workflows.launch();
  });

  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await workflows.shutdown();
    await database.close();
    await testDb.drop();
  });

  async function stepRuns(workflowId: string): Promise<number[]> {
    const { rows } = await sql<{
      step: number;
    }>`select step from jobs_probe.step_runs where workflow_id = ${workflowId} order by at`.execute(
      database.owner,
    );
    return rows.map((r) => r.step);
  }

  it('chains steps, each output feeding the next', async () => {
    const run = await workflows.start(probe.threeSteps, { value: 4 });
    expect(await run.result()).toEqual({ value: 7 });
    expect(await stepRuns(run.id)).toEqual([1, 2, 3]);
    expect(await workflows.status(run.id)).toMatchObject({
      id: run.id,
      name: 'probe-three-steps',
      status: 'succeeded',
      output: { value: 7 },
    });
  });

  it('starts the same run once for the same id', async () => {
    const first = await workflows.start(probe.threeSteps, { value: 1 }, { id: 'idempotent-start' });
    const second = await workflows.start(probe.threeSteps, { value: 1 }, { id: 'idempotent-start' });
    expect(second.id).toBe(first.id);
    await second.result();
    expect(await stepRuns('idempotent-start')).toEqual([1, 2, 3]);
  });

  it('fans out to child workflows and fans their results in', async () => {
    const run = await workflows.start(fanOut, { items: [1, 2, 3, 4] });
    expect(await run.result()).toBe(30);
  });

  it('retries a failing step with backoff, within its retry budget', async () => {
    const run = await workflows.start(flaky, { failures: 2 });
    expect(await run.result()).toEqual({ attempts: 3 });
    const exhausted = await workflows.start(flaky, { failures: 10 });
    await expect(exhausted.result()).rejects.toThrow();
    expect(attempts.get(exhausted.id)).toBe(4);
    expect((await workflows.status(exhausted.id))?.status).toBe('failed');
    // Counted by the workflow's name: two runs, one of each end; every attempt of the step.
    const scrape = parseScrape(await registry.metrics());
    const workflow = 'probe-flaky';
    expect(scrape.value('workflow_runs_started_total', { workflow })).toBe(2);
    expect(scrape.value('workflow_runs_finished_total', { workflow, outcome: 'succeeded' })).toBe(1);
    expect(scrape.value('workflow_runs_finished_total', { workflow, outcome: 'failed' })).toBe(1);
    expect(scrape.value('workflow_steps_total', { workflow, outcome: 'succeeded' })).toBe(1);
    expect(scrape.value('workflow_steps_total', { workflow, outcome: 'failed' })).toBe(2 + 4);
    expect(scrape.value('workflow_step_duration_seconds_count', { workflow })).toBe(7);
  });

  it('waits for an external event (human approval), or gives up after the timeout', async () => {
    const waiting = await workflows.start(approval, { timeoutMs: 60_000 });
    await eventually(
      async () => (await workflows.progress(waiting.id, 'state')) === 'waiting-for-approval',
      'the workflow to wait',
    );
    await workflows.send(waiting.id, 'approval', { approved: true });
    expect(await waiting.result()).toBe('approved');

    const ignored = await workflows.start(approval, { timeoutMs: 300 });
    expect(await ignored.result()).toBe('timed-out');
  });

  it('serves the async HTTP pattern: 202 with a status URL that reports the outcome', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.post('/analyses', { schema: { body: z.object({ value: z.number() }) } }, async (request, reply) => {
      const run = await workflows.start(probe.threeSteps, { value: request.body.value });
      return reply
        .code(202)
        .header('location', `/analyses/${run.id}`)
        .send({ id: run.id, status: 'enqueued' });
    });
    app.get('/analyses/:id', { schema: { params: z.object({ id: z.string() }) } }, async (request, reply) => {
      const state = await workflows.status(request.params.id);
      if (!state) return reply.code(404).send({ code: 'NOT_FOUND' });
      return {
        id: state.id,
        status: state.status,
        ...(state.status === 'succeeded' ? { result: state.output } : {}),
      };
    });
    const accepted = await app.inject({ method: 'POST', url: '/analyses', payload: { value: 10 } });
    expect(accepted.statusCode).toBe(202);
    const location = accepted.headers.location;
    expect(location).toMatch(/^\/analyses\/.+/);
    const done = await eventually(async () => {
      const res = await app.inject({ method: 'GET', url: String(location) });
      const body = res.json<{ status: string; result?: unknown }>();
      return body.status === 'succeeded' ? body : undefined;
    }, 'the workflow behind the status URL to finish');
    expect(done.result).toEqual({ value: 19 });
    expect((await app.inject({ method: 'GET', url: '/analyses/nope' })).statusCode).toBe(404);
    await app.close();
  });

  it('resumes from the last completed step after kill -9 of the worker running it', async () => {
    const spawn = (block: boolean) => {
      const child = spawnTs('test/jobs/fixtures/workflow-worker.ts', [], {
        DATABASE_URL: testDb.url,
        BLOCK_STEP_2: block ? '1' : '0',
      });
      children.push(child);
      return child;
    };
    // This process's own executor must not pick the run up: start it with a client of its own.
    const client = createDbosWorkflows({
      systemDatabaseUrl: testDb.url,
      mode: 'client',
      executorId: 'test-client',
      logger,
    });
    client.define('probe-three-steps', () => Promise.resolve({ value: 0 }));
    await client.launch();
    try {
      const first = spawn(true);
      await first.waitFor(/READY/);
      // Pause our executor so only the child takes queued runs.
      await workflows.shutdown();
      const run = await client.start(probe.threeSteps, { value: 20 }, { id: `crash-${Date.now()}` });
      await first.waitFor(new RegExp(`STEP 1 ${run.id}`));
      await eventually(async () => (await stepRuns(run.id)).length === 2, 'step 2 to begin');
      first.child.kill('SIGKILL');
      await first.exited;

      const second = spawn(false);
      await second.waitFor(/READY/);
      const state = await eventually(
        async () => {
          const s = await client.status(run.id);
          return s?.status === 'succeeded' ? s : undefined;
        },
        'the workflow to finish on the second worker',
        60_000,
      );
      expect(state.output).toEqual({ value: 39 });
      // Step 1 ran once (its result was replayed); step 2 ran again (it never completed); step 3 once.
      expect(await stepRuns(run.id)).toEqual([1, 2, 2, 3]);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await client.shutdown();
    }
  }, 120_000);
});
