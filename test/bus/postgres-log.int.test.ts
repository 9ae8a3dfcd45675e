import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBus, type Bus, type Subscription } from '../../src/platform/bus/index.js';
import { trimLog } from '../../src/platform/bus/postgres/pg.relay.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { newUuid } from '../../src/platform/ids.js';
import { createLogger, createMetricsRegistry, type Registry } from '../../src/platform/telemetry/index.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';
import { eventually } from './bus.contract.js';

const logger = createLogger({ level: 'silent' });

describe('PostgreSQL bus: lag metric and log retention', () => {
  let testDb: TestDatabase;
  let database: Database;
  let metrics: Registry;
  let bus: Bus;

  beforeAll(async () => {
    testDb = await createMigratedDatabase();
    database = await openTestDatabase({
      url: testDb.url,
      poolMax: 4,
      logger,
    });
    metrics = createMetricsRegistry({ collectProcessMetrics: false });
    bus = await createBus({ natsUrl: undefined, postgres: { pollMs: 300 } }, { database, logger, metrics });
    bus.startRelay();
  });
  afterAll(async () => {
    await bus.close();
    await database.close();
    await testDb.drop();
  });

  it('reports lag per group and topic, and trims only what every group has passed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let fastHandled = 0;
    const fast: Subscription = await bus.subscribe({
      group: 'fast',
      topics: ['lag.a.v1', 'lag.b.v1'],
      handler: () => {
        fastHandled++;
        return Promise.resolve();
      },
    });
    // The slow group blocks on its first event, so everything else stays behind its position.
    const slow: Subscription = await bus.subscribe({ group: 'slow', topics: ['lag.*'], handler: () => gate });
    const tenantId = newUuid();
    await bus.publishNow([
      ...Array.from({ length: 5 }, () => ({ type: 'lag.a.v1', tenantId, key: 'one', data: {} })),
      ...Array.from({ length: 3 }, () => ({ type: 'lag.b.v1', tenantId, key: 'one', data: {} })),
    ]);
    await eventually(() => fastHandled === 8, 'the fast group');
    // The fast group's position commits just after its handler ran: wait for it, not only for the slow lag.
    const text = await eventually(async () => {
      const value = await metrics.getSingleMetricAsString('bus_consumer_lag');
      return value.includes('bus_consumer_lag{group="slow",topic="lag.*"} 8') &&
        value.includes('bus_consumer_lag{group="fast",topic="lag.a.v1"} 0')
        ? value
        : undefined;
    }, 'the slow group to show its lag, the fast group none');
    expect(text).toContain('bus_consumer_lag{group="fast",topic="lag.a.v1"} 0');
    expect(text).toContain('bus_consumer_lag{group="fast",topic="lag.b.v1"} 0');

    const count = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from bus.log`.execute(database.owner)).rows[0]?.n;
    expect(await trimLog(database.owner, 0)).toBe(0);
    expect(await count()).toBe(8);
    release();
    await eventually(
      async () =>
        (await metrics.getSingleMetricAsString('bus_consumer_lag')).includes('group="slow",topic="lag.*"} 0')
          ? true
          : undefined,
      'the slow group to catch up',
    );
    expect(await trimLog(database.owner, 60_000)).toBe(0);
    expect(await trimLog(database.owner, 0)).toBe(8);
    expect(await count()).toBe(0);
    await fast.stop();
    await slow.stop();
  });

  it('reads past the events a group does not want, commits that position by stop, and never skips one it wants', async () => {
    const handled: string[] = [];
    const subscribe = () =>
      bus.subscribe({
        group: 'picky',
        topics: ['pick.wanted.v1'],
        handler: (_ctx, event) => {
          handled.push(event.id);
          return Promise.resolve();
        },
      });
    let picky = await subscribe();
    const tenantId = newUuid();
    const positionsBehind = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from bus.group_partitions gp
          where gp.group_name = 'picky'
            and gp.position < coalesce((select max(l.position) from bus.log l where l.partition = gp.partition), 0)`.execute(
          database.owner,
        )
      ).rows[0]?.n;
    // Events of another type in many partitions, then, in the partition of one of them, one it wants.
    await bus.publishNow(
      Array.from({ length: 40 }, (_, i) => ({ type: 'pick.other.v1', tenantId, key: `k${i}`, data: {} })),
    );
    // A poll reads past them (the group is not woken for a type it does not want).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [wanted] = await bus.publishNow([{ type: 'pick.wanted.v1', tenantId, key: 'k7', data: {} }]);
    await eventually(() => handled.length === 1, 'the wanted event');
    expect(handled).toEqual([wanted?.id]);

    // Stopping commits every position read past: a new consumer of the group starts at the head.
    await picky.stop();
    expect(await positionsBehind()).toBe(0);
    picky = await subscribe();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(handled).toHaveLength(1);
    await picky.stop();
  });
});
