import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { createDbosWorkflows, type WorkflowRef, type Workflows } from '../../src/platform/jobs/index.js';
import { createLogger, startTracing, type Tracing } from '../../src/platform/telemetry/index.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger({ level: 'silent' });

/** A durable workflow's run is a trace: the run, each executed step (retries included), their queries. */
describe('durable workflows, traced', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let testDb: TestDatabase;
  let database: Database;
  let workflows: Workflows;
  let probe: WorkflowRef<{ failFirst: boolean }, number>;
  let attempts = 0;

  beforeAll(async () => {
    // Before the database opens: its queries are traced only when tracing was on then.
    tracing = startTracing({
      role: 'worker',
      version: '0.0.0',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' },
      createExporter: () => exporter,
    });
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 2,
      logger,
    });
    workflows = createDbosWorkflows({
      systemDatabaseUrl: testDb.url,
      mode: 'executor',
      executorId: 'tracing-test',
      logger,
    });
    probe = workflows.define('trace-probe', async (ctx, input: { failFirst: boolean }) => {
      const one = await ctx.step('read', async () => {
        const { rows } = await sql<{ n: number }>`select 1 as n`.execute(database.owner);
        return rows[0]?.n ?? 0;
      });
      const two = await ctx.step(
        'flaky',
        () => {
          attempts += 1;
          return input.failFirst && attempts === 1
            ? Promise.reject(new Error('first attempt fails'))
            : Promise.resolve(2);
        },
        { retries: 1, initialBackoffMs: 10 },
      );
      return one + two;
    });
    await workflows.launch();
  });
  afterAll(async () => {
    await workflows.shutdown();
    await database.close();
    await testDb.drop();
  });

  it('exports the run with its steps as children and the step queries below them', async () => {
    const run = await workflows.start(probe, { failFirst: true });
    expect(await run.result()).toBe(3);
    await tracing.flush();

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'workflow trace-probe');
    expect(root?.attributes).toMatchObject({
      'switchboard.workflow.name': 'trace-probe',
      'switchboard.workflow.id': run.id,
    });
    expect(root?.parentSpanContext).toBeUndefined();
    const inRun = spans.filter((s) => s.spanContext().traceId === root?.spanContext().traceId);
    const steps = inRun.filter((s) => s.name.startsWith('step '));
    expect(steps.map((s) => s.name)).toEqual(['step read', 'step flaky', 'step flaky']);
    for (const step of steps) expect(step.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
    expect(steps.map((s) => s.status.code)).toEqual([
      SpanStatusCode.UNSET,
      SpanStatusCode.ERROR,
      SpanStatusCode.UNSET,
    ]);
    const query = inRun.find((s) => s.attributes['db.query.text'] === 'select 1 as n');
    expect(query?.parentSpanContext?.spanId).toBe(steps[0]?.spanContext().spanId);
  });
});
