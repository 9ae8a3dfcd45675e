import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type Bus } from '../../src/platform/bus/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { newUuid } from '../../src/platform/ids.js';
import {
  createWorkerRuntime,
  objectCreatedEventType,
  type ObjectCreatedData,
  type WorkerRuntime,
} from '../../src/platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../src/platform/telemetry/index.js';
import { eventually } from '../bus/bus.contract.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger({ level: 'silent' });

describe('event and object-created triggers registered by modules', () => {
  let testDb: TestDatabase;
  let database: Database;
  let bus: Bus;
  let runtime: WorkerRuntime;
  const objects: ObjectCreatedData[] = [];
  const events: string[] = [];

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
      logger,
    });
    bus = await createBus(
      { natsUrl: undefined, postgres: { pollMs: 300 } },
      { database, logger, metrics: createMetricsRegistry({ collectProcessMetrics: false }) },
    );
    runtime = createWorkerRuntime(
      { database, bus, logger },
      {
        modules: [
          {
            handlers: [
              {
                group: 'calls-listener',
                topics: ['calls.*'],
                handle: (_ctx, event) => Promise.resolve(void events.push(event.type)),
              },
            ],
            jobs: [
              {
                kind: 'object-created',
                group: 'recording-analysis',
                prefix: 'recordings/',
                handle: (ctx, object) => {
                  expect(ctx.group).toBe('recording-analysis');
                  objects.push(object);
                  return Promise.resolve();
                },
              },
            ],
          },
        ],
      },
    );
    await runtime.start();
  });
  afterAll(async () => {
    await runtime.stop();
    await bus.close();
    await database.close();
    await testDb.drop();
  });

  it('runs an object-created trigger only for keys under its prefix, and event triggers for their topics', async () => {
    const tenantId = newUuid();
    await bus.publishNow([
      {
        type: objectCreatedEventType,
        tenantId,
        key: 'recordings/a.wav',
        data: { key: 'recordings/a.wav', size: 10 },
      },
      {
        type: objectCreatedEventType,
        tenantId,
        key: 'exports/b.zip',
        data: { key: 'exports/b.zip', size: 20 },
      },
      { type: 'calls.record.ingested.v1', tenantId, data: { callId: 'x' } },
      { type: 'campaigns.run.started.v1', tenantId, data: {} },
    ]);
    await eventually(() => objects.length === 1 && events.length === 1, 'both triggers to run');
    // A marker published afterwards with the same keys proves nothing else was still coming.
    await bus.publishNow([
      {
        type: objectCreatedEventType,
        tenantId,
        key: 'exports/b.zip',
        data: { key: 'recordings/z.wav', size: 1 },
      },
    ]);
    await eventually(() => objects.length === 2, 'the marker');
    expect(objects.map((o) => o.key)).toEqual(['recordings/a.wav', 'recordings/z.wav']);
    expect(events).toEqual(['calls.record.ingested.v1']);
  });
});
