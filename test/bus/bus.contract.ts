import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, EventEnvelope, SubscribeOptions, Subscription } from '../../src/platform/bus/index.js';
import type { Database } from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { AppError } from '../../src/platform/errors.js';
import { newUuid } from '../../src/platform/ids.js';
import { createLogger, createMetricsRegistry, type Registry } from '../../src/platform/telemetry/index.js';
import { spawnTs, type Spawned } from '../support/child-process.js';
import { createMigratedDatabase, type TestDatabase } from '../support/test-database.js';
import { probeMigrations, recordEffect } from './bus.probe.js';

export interface BusUnderTest {
  readonly bus: Bus;
  /** Environment that makes test/bus/fixtures/bus-consumer.ts build the same adapter. */
  readonly childEnv: Record<string, string>;
  /** Resolves once `members` consumers of the group share its partitions (no-op where the broker balances). */
  awaitMembers(group: string, members: number): Promise<void>;
  cleanup(): Promise<void>;
}

export type BusFactory = (deps: { database: Database; metrics: Registry }) => Promise<BusUnderTest>;

/** Polls until `check` passes or the (generous) deadline runs out; tests never assert on timing. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const logger = createLogger({ level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent' });

/** The behaviour every bus adapter must show; run once per adapter. */
export function describeBusContract(name: string, factory: BusFactory): void {
  describe(`bus contract: ${name}`, () => {
    let testDb: TestDatabase;
    let database: Database;
    let metrics: Registry;
    let t: BusUnderTest;
    let bus: Bus;
    const tenant = newUuid();
    const otherTenant = newUuid();
    const subscriptions: Subscription[] = [];
    const children: Spawned[] = [];

    beforeAll(async () => {
      testDb = await createMigratedDatabase();
      database = await openTestDatabase({
        url: testDb.url,
        poolMax: 6,
        logger,
        migrations: [probeMigrations],
      });
      metrics = createMetricsRegistry({ collectProcessMetrics: false });
      t = await factory({ database, metrics });
      bus = t.bus;
      bus.startRelay();
    });

    afterAll(async () => {
      for (const child of children) child.child.kill('SIGKILL');
      await Promise.all(subscriptions.map((s) => s.stop()));
      await t.cleanup();
      await database.close();
      await testDb.drop();
    });

    async function subscribe<D>(options: SubscribeOptions<D>): Promise<Subscription> {
      const subscription = await bus.subscribe(options);
      subscriptions.push(subscription);
      return subscription;
    }

    const events = (type: string, count: number, key?: (i: number) => string) =>
      Array.from({ length: count }, (_, i) => ({ type, tenantId: tenant, data: { n: i }, key: key?.(i) }));

    async function effects(group: string): Promise<{ eventId: string; handledBy: string }[]> {
      const { rows } = await sql<{ eventId: string; handledBy: string }>`
        select event_id, handled_by from bus_probe.effects where group_name = ${group}`.execute(
        database.owner,
      );
      return rows;
    }

    it('handles events with the same key in publish order', async () => {
      const seen = new Map<string, number[]>();
      await subscribe({
        group: 'ordering',
        topics: ['probe.ordering.v1'],
        handler: async (_ctx, event: EventEnvelope<{ n: number }>) => {
          // Yield so that out-of-order handling would show up if partitions were not sequential.
          await new Promise((r) => setImmediate(r));
          const key = event.key ?? '';
          seen.set(key, [...(seen.get(key) ?? []), event.data.n]);
        },
      });
      const keys = ['k-a', 'k-b', 'k-c', 'k-d'];
      // Several transactions, each with events of several keys interleaved.
      for (let batch = 0; batch < 5; batch++) {
        const batchEvents = Array.from({ length: 40 }, (_, i) => ({
          type: 'probe.ordering.v1',
          tenantId: tenant,
          key: keys[i % keys.length],
          data: { n: batch * 10 + Math.floor(i / keys.length) },
        }));
        await database.withTenant({ tenantId: tenant }, (trx) => bus.publish(trx, batchEvents));
      }
      await eventually(
        () => [...seen.values()].reduce((sum, list) => sum + list.length, 0) === 200,
        '200 ordered events',
      );
      for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('delivers every event to every group (fan-out)', async () => {
      const got = { a: new Set<string>(), b: new Set<string>() };
      await subscribe({
        group: 'fanout-a',
        topics: ['probe.fanout.v1'],
        handler: (_ctx, e) => Promise.resolve(void got.a.add(e.id)),
      });
      await subscribe({
        group: 'fanout-b',
        topics: ['probe.*'],
        handler: (_ctx, e) => {
          if (e.type === 'probe.fanout.v1') got.b.add(e.id);
          return Promise.resolve();
        },
      });
      const published = await bus.publishNow(events('probe.fanout.v1', 30, (i) => `f${i % 7}`));
      await eventually(() => got.a.size === 30 && got.b.size === 30, 'both groups to get all 30');
      const ids = published.map((e) => e.id).sort();
      expect([...got.a].sort()).toEqual(ids);
      expect([...got.b].sort()).toEqual(ids);
    });

    it('delivers what was published after a group was declared, before its first consumer ran', async () => {
      await bus.declareGroup({ group: 'declared-early', topics: ['probe.early.v1'] });
      const published = await bus.publishNow(events('probe.early.v1', 12, (i) => `e${i % 5}`));
      // Give the relay time to move the events before anyone consumes.
      await new Promise((r) => setTimeout(r, 500));
      const got = new Set<string>();
      await subscribe({
        group: 'declared-early',
        topics: ['probe.early.v1'],
        handler: (_ctx, e) => Promise.resolve(void got.add(e.id)),
      });
      await eventually(() => got.size === 12, 'the 12 events published before the first consumer');
      expect([...got].sort()).toEqual(published.map((e) => e.id).sort());
    });

    it('retries a failing handler with backoff until it succeeds', async () => {
      const deliveries: number[] = [];
      await subscribe({
        group: 'retrying',
        topics: ['probe.retry.v1'],
        retry: { maxDeliveries: 5, initialBackoffMs: 50, backoffFactor: 2 },
        handler: async (ctx) => {
          deliveries.push(ctx.delivery);
          if (ctx.delivery < 3) throw new AppError('PROBE_BUSY', 'unavailable', 'try again');
          await recordEffect(ctx, 'retrying');
        },
      });
      const [event] = await bus.publishNow(events('probe.retry.v1', 1));
      await eventually(async () => (await effects('retrying')).length === 1, 'the third delivery to succeed');
      expect(deliveries).toEqual([1, 2, 3]);
      expect((await effects('retrying'))[0]?.handledBy).toBe('retrying');
      expect(await bus.deadLetters.list('all', { group: 'retrying' })).toEqual([]);
      expect(event).toBeDefined();
    });

    it('dead-letters a poison event after maxDeliveries, keeps going, and replays it to that group only', async () => {
      let healed = false;
      const handledByPoisonGroup: string[] = [];
      const handledByBystander: string[] = [];
      const calls: string[] = [];
      await subscribe({
        group: 'poisoned',
        topics: ['probe.poison.v1'],
        retry: { maxDeliveries: 3, initialBackoffMs: 20, backoffFactor: 2 },
        handler: (ctx, event: EventEnvelope<{ poison?: boolean }>) => {
          calls.push(event.data.poison ? 'poison' : 'after');
          if (event.data.poison && !healed)
            return Promise.reject(new Error(`cannot digest ${ctx.requestId}`));
          handledByPoisonGroup.push(event.id);
          return Promise.resolve();
        },
      });
      await subscribe({
        group: 'bystander',
        topics: ['probe.poison.v1'],
        handler: (_ctx, e) => Promise.resolve(void handledByBystander.push(e.id)),
      });
      const [poison, after] = await bus.publishNow([
        { type: 'probe.poison.v1', tenantId: tenant, key: 'same', data: { poison: true } },
        { type: 'probe.poison.v1', tenantId: tenant, key: 'same', data: {} },
      ]);
      if (!poison || !after) throw new Error('publish returned too few events');
      // The event behind the poison one (same key) is handled once the poison is set aside.
      await eventually(() => handledByPoisonGroup.includes(after.id), 'the next event after the poison one');
      // Retries hold back the events behind the poison one with the same key: order is kept.
      expect(calls).toEqual(['poison', 'poison', 'poison', 'after']);
      const [letter] = await bus.deadLetters.list('all', { group: 'poisoned' });
      expect(letter).toMatchObject({
        group: 'poisoned',
        deliveries: 3,
        replayCount: 0,
        event: { id: poison.id, tenantId: tenant, data: { poison: true } },
      });
      expect(letter?.error).toContain(`cannot digest ${poison.id}`);
      expect((await bus.deadLetters.countByGroup()).get('poisoned')).toBe(1);
      expect(await metrics.getSingleMetricAsString('bus_dead_letters')).toMatch(
        /bus_dead_letters\{group="poisoned"\} 1/,
      );

      // Another tenant cannot see or replay it; its own tenant can.
      expect(await bus.deadLetters.list({ tenantId: otherTenant })).toEqual([]);
      expect(await bus.deadLetters.replay({ tenantId: otherTenant }, letter?.id ?? '')).toBeUndefined();
      expect((await bus.deadLetters.get({ tenantId: tenant }, letter?.id ?? ''))?.event.id).toBe(poison.id);

      healed = true;
      const replayed = await bus.deadLetters.replay({ tenantId: tenant }, letter?.id ?? '');
      expect(replayed?.replayCount).toBe(1);
      await eventually(() => handledByPoisonGroup.includes(poison.id), 'the replayed event');
      expect(await bus.deadLetters.list('all', { group: 'poisoned' })).toEqual([]);
      // The bystander group had handled the poison event already and must not get the replay.
      await bus.publishNow([{ type: 'probe.poison.v1', tenantId: tenant, key: 'same', data: {} }]);
      await eventually(() => handledByBystander.length === 3, 'the bystander to see the marker event');
      expect(handledByBystander.filter((id) => id === poison.id)).toHaveLength(1);
    });

    it('publishes nothing from a rolled-back transaction, and only for the transaction’s tenant', async () => {
      const seen: string[] = [];
      await subscribe({
        group: 'atomic',
        topics: ['probe.atomic.v1'],
        handler: (_ctx, e: EventEnvelope<{ label: string }>) => Promise.resolve(void seen.push(e.data.label)),
      });
      await expect(
        database.withTenant({ tenantId: tenant }, async (trx) => {
          await bus.publish(trx, [
            { type: 'probe.atomic.v1', tenantId: tenant, key: 'k', data: { label: 'rolled-back' } },
          ]);
          throw new Error('business rule failed');
        }),
      ).rejects.toThrow('business rule failed');
      await expect(
        database.withTenant({ tenantId: tenant }, (trx) =>
          bus.publish(trx, [
            { type: 'probe.atomic.v1', tenantId: otherTenant, key: 'k', data: { label: 'forged' } },
          ]),
        ),
      ).rejects.toThrow(/row-level security/);
      await database.withTenant({ tenantId: tenant }, (trx) =>
        bus.publish(trx, [
          { type: 'probe.atomic.v1', tenantId: tenant, key: 'k', data: { label: 'committed' } },
        ]),
      );
      await eventually(() => seen.includes('committed'), 'the committed event');
      expect(seen).toEqual(['committed']);
    });

    it('shares a group’s work between two processes without doubling effects', async () => {
      const group = 'shared';
      const spawn = (consumer: string) => {
        const child = spawnTs('test/bus/fixtures/bus-consumer.ts', [], {
          ...t.childEnv,
          DATABASE_URL: testDb.url,
          GROUP: group,
          TOPIC: 'probe.shared.v1',
          CONSUMER_NAME: consumer,
          HANDLER_DELAY_MS: '5',
        });
        children.push(child);
        return child;
      };
      const one = spawn('one');
      const two = spawn('two');
      await Promise.all([one.waitFor(/READY/), two.waitFor(/READY/)]);
      await t.awaitMembers(group, 2);
      await bus.publishNow(events('probe.shared.v1', 200, (i) => `s${i}`));
      const rows = await eventually(
        async () => {
          const list = await effects(group);
          return list.length >= 200 ? list : undefined;
        },
        '200 effects',
        60_000,
      );
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((r) => r.eventId)).size).toBe(200);
      const byConsumer = new Map<string, number>();
      for (const row of rows) byConsumer.set(row.handledBy, (byConsumer.get(row.handledBy) ?? 0) + 1);
      expect(byConsumer.get('one')).toBeGreaterThan(0);
      expect(byConsumer.get('two')).toBeGreaterThan(0);
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
      await Promise.all([one.exited, two.exited]);
    }, 90_000);

    it('survives kill -9 of a consumer mid-batch: every event handled, no effect doubled', async () => {
      const group = 'crashing';
      const spawn = (consumer: string) => {
        const child = spawnTs('test/bus/fixtures/bus-consumer.ts', [], {
          ...t.childEnv,
          DATABASE_URL: testDb.url,
          GROUP: group,
          TOPIC: 'probe.crash.v1',
          CONSUMER_NAME: consumer,
          HANDLER_DELAY_MS: '3',
          BATCH_SIZE: '100',
        });
        children.push(child);
        return child;
      };
      const first = spawn('first');
      await first.waitFor(/READY/);
      await t.awaitMembers(group, 1);
      const published = await bus.publishNow(events('probe.crash.v1', 400, (i) => `c${i % 10}`));
      await first.waitFor(/HANDLED [5-9]\d/, 60_000);
      first.child.kill('SIGKILL');
      await first.exited;
      const handledBeforeCrash = (await effects(group)).length;
      expect(handledBeforeCrash).toBeLessThan(400);

      const second = spawn('second');
      await second.waitFor(/READY/);
      const rows = await eventually(
        async () => {
          const list = await effects(group);
          return list.length >= 400 ? list : undefined;
        },
        'all 400 effects after the restart',
        60_000,
      );
      expect(new Set(rows.map((r) => r.eventId))).toEqual(new Set(published.map((e) => e.id)));
      expect(rows).toHaveLength(400);
      second.child.kill('SIGTERM');
      await second.exited;
    }, 120_000);
  });
}
