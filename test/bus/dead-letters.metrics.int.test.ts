import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/platform/bus/index.js';
import { AppError } from '../../src/platform/errors.js';
import { newUuid } from '../../src/platform/ids.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { eventually } from './bus.contract.js';

/** The value of one series on a Prometheus text page, or undefined when it is not there. */
function sample(page: string, metric: string, group: string): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(`${metric}{group="${group}"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('dead letters on /metrics', () => {
  let t: TestPlatform;
  const tenant = newUuid();
  const admin = { tenant, actor: 'usr_ops', permissions: ['bus:admin'] };

  beforeAll(async () => {
    t = await createTestPlatform();
    t.platform.bus.startRelay();
  });
  afterAll(() => t.close());

  async function scrape(): Promise<{ waiting?: number; total?: number }> {
    const page = await t.inject({ method: 'GET', url: '/metrics' });
    expect(page.statusCode).toBe(200);
    return {
      waiting: sample(page.body, 'bus_dead_letters', 'probe-broken'),
      total: sample(page.body, 'bus_events_dead_lettered_total', 'probe-broken'),
    };
  }

  it('counts each dead-lettered event, and shows what waits until it is replayed or discarded', async () => {
    const handled: string[] = [];
    // A fault of our own that retrying cannot cure: dead-lettered at the first delivery.
    const subscription = await t.platform.bus.subscribe({
      group: 'probe-broken',
      topics: ['probe.broken.v1'],
      handler: (_ctx, event: EventEnvelope) => {
        handled.push(event.id);
        throw new AppError('PROBE_STORE_MISCONFIGURED', 'internal', 'the archive bucket does not exist');
      },
    });
    try {
      // The group is known before its first letter, so an alert on the increase sees the first one.
      expect(await scrape()).toEqual({ waiting: 0, total: 0 });

      const [event] = await t.platform.bus.publishNow([
        { type: 'probe.broken.v1', tenantId: tenant, key: 'k', data: { payloadId: newUuid() } },
      ]);
      await eventually(async () => (await scrape()).waiting === 1, 'the dead letter on /metrics');
      expect(await scrape()).toEqual({ waiting: 1, total: 1 });

      const listed = await t.inject({ method: 'GET', url: '/api/v1/bus/dead-letters', as: admin });
      const [letter] = listed.json<{ items: { id: string; status: string; event: { id: string } }[] }>()
        .items;
      expect(letter).toMatchObject({ status: 'waiting', event: { id: event?.id } });

      // Replayed while the fault persists: the event fails again, a second letter waits.
      const replay = await t.inject({
        method: 'POST',
        url: `/api/v1/bus/dead-letters/${letter?.id ?? ''}/replay`,
        as: admin,
      });
      expect(replay.statusCode).toBe(202);
      await eventually(async () => (await scrape()).total === 2, 'the replayed event dead-lettered again');
      expect(await scrape()).toEqual({ waiting: 1, total: 2 });
      expect(handled).toEqual([event?.id, event?.id]);

      // Discarded: nothing waits any more, and the counter keeps what happened.
      const again = await t.inject({ method: 'GET', url: '/api/v1/bus/dead-letters', as: admin });
      const [second] = again.json<{ items: { id: string }[] }>().items;
      const discard = await t.inject({
        method: 'POST',
        url: `/api/v1/bus/dead-letters/${second?.id ?? ''}/discard`,
        as: admin,
      });
      expect(discard.statusCode).toBe(200);
      expect(discard.json()).toMatchObject({ status: 'discarded', discardedBy: 'usr_ops' });
      expect(await scrape()).toEqual({ waiting: 0, total: 2 });
    } finally {
      await subscription.stop();
    }
  });

  it('exports every metric the alert rules in deploy/prometheus/alerts.yml ask for', async () => {
    const rules = await readFile(new URL('../../deploy/prometheus/alerts.yml', import.meta.url), 'utf8');
    const asked = [...new Set([...rules.matchAll(/\b(bus_[a-z_]+)\b/g)].map((m) => m[1] ?? ''))];
    expect(asked.length).toBeGreaterThan(0);
    const page = (await t.inject({ method: 'GET', url: '/metrics' })).body;
    expect(asked.filter((name) => !page.includes(`\n# TYPE ${name} `))).toEqual([]);
  });
});
