import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import { defineModule } from '../../../platform/module.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * Outbound webhooks end to end: real PostgreSQL, the bus, and a local HTTP receiver this test
 * starts on 127.0.0.1 (plain http to localhost is allowed without the installation setting). The
 * sender is driven through `deliveries.sendDue(later)`, so retries fall due without waiting.
 */

// A module of the test's own, offering one event type to webhooks as any module would.
const orderPaidType = 'whtest.order.paid.v1';
const offeringModule = defineModule({
  name: 'whtest',
  webhookEvents: [{ type: orderPaidType, description: 'An order was paid (test).' }],
  create: () => ({ api: {} }),
});

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The receiver: per path, a script of answers (the last one repeats); 'hang' never answers. */
type Answer = number | 'hang';
const received: Received[] = [];
const scripts = new Map<string, Answer[]>();
const hanging: ServerResponse[] = [];
const server: Server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const path = request.url ?? '/';
    received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
    const script = scripts.get(path) ?? [200];
    const answer = script.length > 1 ? script.shift()! : script[0]!;
    if (answer === 'hang') {
      hanging.push(response);
      return;
    }
    response.statusCode = answer;
    if (answer >= 300 && answer < 400) response.setHeader('location', '/elsewhere');
    // A 503 asks for an hour; tests that want it sooner send as if the hour had passed.
    if (answer === 503) response.setHeader('retry-after', '3600');
    response.end('ok');
  });
});
const at = (path: string) => received.filter((r) => r.path === path);

/** An independent Standard Webhooks verifier (as a receiver would write it from the spec). */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.split('_')[1]!, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('outbound webhooks', () => {
  let t: TestPlatform;
  let base: string;
  const tenant = newUuid();
  const manager = { tenant, permissions: ['webhooks:manage'] };
  const other = { tenant: newUuid(), permissions: ['webhooks:manage'] };
  const later = () => new Date(Date.now() + 2 * 86_400_000);

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestPlatform({
      role: 'start',
      extraModules: [offeringModule],
      env: {
        SWITCHBOARD_OUTBOUND_WEBHOOKS_MAX_ATTEMPTS: '3',
        // Short, so the tests of a hanging receiver are quick; not so short that a loaded machine
        // (the receiver is in this process) answers a healthy endpoint late and counts a timeout.
        SWITCHBOARD_OUTBOUND_WEBHOOKS_TIMEOUT_MS: '1500',
        SWITCHBOARD_OUTBOUND_WEBHOOKS_FIRST_RETRY_MS: '1000',
      },
    });
  });
  afterAll(async () => {
    for (const response of hanging) response.end();
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function addEndpoint(path: string, as = manager) {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as,
      payload: { url: `${base}${path}`, eventTypes: [orderPaidType], description: path },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; secret: string }>();
  }

  async function publish(orderId: string, tenantId = tenant) {
    const [event] = await t.platform.bus.publishNow([
      { type: orderPaidType, tenantId, key: orderId, data: { orderId, amount: 42 } },
    ]);
    return event!;
  }

  type Delivery = {
    id: string;
    state: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    eventId: string;
  };
  const log = async (endpointId: string, as = manager) =>
    (await t.inject({ method: 'GET', url: `/api/v1/webhooks/endpoints/${endpointId}/deliveries`, as })).json<{
      items: Delivery[];
    }>().items;

  /** Sends what is due (as if the schedule had passed) until every delivery of the endpoint settled; the newest. */
  async function settled(endpointId: string, as = manager): Promise<Delivery> {
    let last: Delivery | undefined;
    await expect
      .poll(
        async () => {
          await t.platform.modules.webhooks.deliveries.sendDue(later());
          const all = await log(endpointId, as);
          last = all[0];
          return all.length > 0 && all.every((d) => d.state !== 'pending');
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe(true);
    return last!;
  }

  it('offers the declared event types, and keeps the secret to the create answer', async () => {
    const types = (await t.inject({ method: 'GET', url: '/api/v1/webhooks/event-types', as: manager })).json<{
      items: { type: string }[];
    }>();
    expect(types.items.map((i) => i.type)).toEqual(
      expect.arrayContaining([orderPaidType, 'calls.record.ingested.v1']),
    );
    const created = await addEndpoint('/secret');
    expect(created.secret).toMatch(/^whsec_/);
    const read = (
      await t.inject({ method: 'GET', url: `/api/v1/webhooks/endpoints/${created.id}`, as: manager })
    ).json<Record<string, unknown>>();
    expect(read).not.toHaveProperty('secret');
    const { rows } = await sql<{
      sealed: Buffer;
    }>`select secret_sealed as sealed from webhooks.endpoints`.execute(t.platform.database.owner);
    expect(rows.some((r) => r.sealed.includes(Buffer.from(created.secret)))).toBe(false);
  });

  it('delivers a published event once, signed with the endpoint secret', async () => {
    const endpoint = await addEndpoint('/once');
    const event = await publish('ord_once');
    // The same event again (as an at-least-once bus or a re-drive delivers it), then a marker with
    // the same key: handled in order, so once the marker is queued the duplicate was handled too.
    await t.platform.bus.publishNow([
      { id: event.id, type: orderPaidType, tenantId: tenant, key: 'ord_once', data: event.data },
    ]);
    await publish('ord_once');
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(2);
    await settled(endpoint.id);
    const deliveries = await log(endpoint.id);
    const delivery = deliveries.find((d) => d.eventId === toPublicId('evt', event.id))!;
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 1, lastStatusCode: 200 });
    const requests = at('/once').filter((r) => r.headers['webhook-id'] === delivery.eventId);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: delivery.eventId,
      type: orderPaidType,
      data: { orderId: 'ord_once', amount: 42 },
    });
    expect(body.occurredAt).toBe(event.occurredAt);
    expect(body.tenantId).toBe(toPublicId('ten', tenant));
    expect(verify(endpoint.secret, request.headers, request.body)).toBe(true);
    expect(verify(endpoint.secret, request.headers, request.body.replace('42', '43'))).toBe(false);
  });

  it('retries a 500 and succeeds on the 200 that follows', async () => {
    scripts.set('/flaky', [500, 200]);
    const endpoint = await addEndpoint('/flaky');
    await publish('ord_flaky');
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    expect(await settled(endpoint.id)).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
    });
    expect(at('/flaky')).toHaveLength(2);
    expect(at('/flaky')[0]!.headers['webhook-id']).toBe(at('/flaky')[1]!.headers['webhook-id']);
  });

  it.each([410, 400, 302])('gives up at once on a %i (and follows no redirect)', async (status) => {
    const path = `/refused-${status}`;
    scripts.set(path, [status]);
    const endpoint = await addEndpoint(path);
    await publish(`ord_${status}`);
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    expect(await settled(endpoint.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastStatusCode: status,
    });
    await t.platform.modules.webhooks.deliveries.sendDue(later());
    expect(at(path)).toHaveLength(1);
    expect(at('/elsewhere')).toHaveLength(0);
  });

  it('counts a receiver that does not answer in time as a failed attempt, and retries it', async () => {
    scripts.set('/slow', ['hang', 200]);
    const endpoint = await addEndpoint('/slow');
    await publish('ord_slow');
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    const delivery = await settled(endpoint.id);
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(at('/slow')).toHaveLength(2);
  });

  it('never has two senders attempt one delivery at once, whatever moment each asks about', async () => {
    // The first request hangs (an attempt in flight, claimed by the timer or by the call below);
    // a sender asking as if two days had passed must leave the claimed delivery alone.
    scripts.set('/claimed', ['hang', 200]);
    const endpoint = await addEndpoint('/claimed');
    await publish('ord_claimed');
    const inFlight = t.platform.modules.webhooks.deliveries.sendDue();
    await expect.poll(() => at('/claimed').length, { timeout: 20_000 }).toBe(1);
    await Promise.all([
      t.platform.modules.webhooks.deliveries.sendDue(later()),
      t.platform.modules.webhooks.deliveries.sendDue(later()),
    ]);
    await inFlight;
    const delivery = await settled(endpoint.id);
    expect(delivery).toMatchObject({ state: 'succeeded', lastStatusCode: 200 });
    // Every request the receiver saw is an attempt the log counts.
    expect(at('/claimed')).toHaveLength(delivery.attempts);
  });

  it('records the timeout as the reason of the failed attempt', async () => {
    scripts.set('/never', ['hang']);
    const endpoint = await addEndpoint('/never');
    await publish('ord_never');
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    const delivery = await settled(endpoint.id);
    expect(delivery).toMatchObject({ state: 'dead', attempts: 3, lastStatusCode: null });
    expect(delivery.lastError).toMatch(/no answer within 1500 ms/);
  });

  it('is dead after the last attempt, counted, and a redelivery starts it over', async () => {
    scripts.set('/down', [503]);
    const endpoint = await addEndpoint('/down');
    await publish('ord_down');
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    const dead = await settled(endpoint.id);
    expect(dead).toMatchObject({ state: 'dead', attempts: 3, lastStatusCode: 503 });
    expect(at('/down')).toHaveLength(3);
    const metric = await t.platform.metrics
      .getSingleMetric('switchboard_webhook_deliveries_dead_total')
      ?.get();
    expect(metric?.values[0]?.value).toBeGreaterThanOrEqual(1);

    scripts.set('/down', [200]);
    const redelivered = await t.inject({
      method: 'POST',
      url: `/api/v1/webhooks/deliveries/${dead.id}/redeliver`,
      as: manager,
    });
    expect(redelivered.statusCode).toBe(202);
    expect(redelivered.json()).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await settled(endpoint.id)).toMatchObject({ id: dead.id, state: 'succeeded', attempts: 1 });
    expect(at('/down')).toHaveLength(4);
  });

  it('sends a ping on test, signed with a rotated secret', async () => {
    const endpoint = await addEndpoint('/ping');
    const rotated = await t.inject({
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`,
      as: manager,
    });
    const { secret } = rotated.json<{ secret: string }>();
    expect(secret).not.toBe(endpoint.secret);
    const ping = await t.inject({
      method: 'POST',
      url: `/api/v1/webhooks/endpoints/${endpoint.id}/test`,
      as: manager,
    });
    expect(ping.json()).toMatchObject({ state: 'succeeded', eventType: 'webhooks.ping.v1', attempts: 1 });
    const [request] = at('/ping');
    expect(JSON.parse(request!.body)).toMatchObject({ type: 'webhooks.ping.v1' });
    expect(verify(secret, request!.headers, request!.body)).toBe(true);
    expect(verify(endpoint.secret, request!.headers, request!.body)).toBe(false);
  });

  it('keeps tenants apart: another tenant neither sees nor changes an endpoint or its deliveries', async () => {
    const endpoint = await addEndpoint('/mine');
    await publish('ord_mine');
    await publish('ord_theirs', other.tenant);
    await expect.poll(async () => (await log(endpoint.id)).length, { timeout: 20_000 }).toBe(1);
    const [delivery] = await log(endpoint.id);
    const asOther = (method: 'GET' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
      t.inject({ method, url, as: other, ...(payload ? { payload } : {}) });
    expect((await asOther('GET', '/api/v1/webhooks/endpoints')).json()).toEqual({ items: [] });
    expect((await asOther('GET', `/api/v1/webhooks/endpoints/${endpoint.id}`)).statusCode).toBe(404);
    expect(
      (await asOther('PATCH', `/api/v1/webhooks/endpoints/${endpoint.id}`, { enabled: false })).statusCode,
    ).toBe(404);
    expect(
      (await asOther('POST', `/api/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`)).statusCode,
    ).toBe(404);
    expect((await asOther('GET', `/api/v1/webhooks/endpoints/${endpoint.id}/deliveries`)).statusCode).toBe(
      404,
    );
    expect((await asOther('POST', `/api/v1/webhooks/deliveries/${delivery!.id}/redeliver`)).statusCode).toBe(
      404,
    );
    expect((await asOther('DELETE', `/api/v1/webhooks/endpoints/${endpoint.id}`)).statusCode).toBe(404);
    // Row-level security, below the routes: the other tenant's transaction sees none of the rows.
    const seen = await t.platform.database.withTenant({ tenantId: other.tenant }, async (trx) => {
      const { rows } = await sql<{ n: string }>`
        select (select count(*) from webhooks.endpoints) + (select count(*) from webhooks.deliveries)
          + (select count(*) from webhooks.messages) as n`.execute(trx);
      return Number(rows[0]!.n);
    });
    expect(seen).toBe(0);
    const refused = t.platform.database.withTenant({ tenantId: other.tenant }, (trx) =>
      sql`insert into webhooks.endpoints (id, tenant_id, url, event_types, secret_sealed)
          values (${newUuid()}, ${tenant}, 'https://x.example', '{a}', '\\x00')`.execute(trx),
    );
    await expect(refused).rejects.toThrow(/row-level security/);
  });

  it('prunes settled deliveries after the kept days, never pending ones', async () => {
    // A tenant of its own: the other tests' endpoints (one never answers) subscribe to the same type.
    const own = { tenant: newUuid(), permissions: ['webhooks:manage'] };
    scripts.set('/prune-ok', [200]);
    scripts.set('/prune-down', [503]);
    const ok = await addEndpoint('/prune-ok', own);
    const down = await addEndpoint('/prune-down', own);
    await publish('ord_prune', own.tenant);
    await expect
      .poll(async () => (await log(ok.id, own)).length + (await log(down.id, own)).length, {
        timeout: 20_000,
      })
      .toBe(2);
    // Sent now, not later: the 503 asked for an hour, so that delivery stays pending.
    await expect
      .poll(
        async () => {
          await t.platform.modules.webhooks.deliveries.sendDue(new Date());
          return (await log(ok.id, own))[0]?.state;
        },
        { timeout: 20_000, interval: 50 },
      )
      .toBe('succeeded');
    await expect.poll(async () => (await log(down.id, own))[0]?.attempts, { timeout: 20_000 }).toBe(1);
    expect((await log(down.id, own))[0]?.state).toBe('pending');
    const { webhooks } = t.platform.modules;
    expect((await webhooks.deliveries.prune(new Date(), 30)).removed).toBe(0);
    // Forty days on: the event still pending for the endpoint that is down keeps both deliveries.
    const fortyDaysOn = new Date(Date.now() + 40 * 86_400_000);
    await webhooks.deliveries.prune(fortyDaysOn, 30);
    expect(await log(ok.id, own)).toHaveLength(1);
    await t.inject({ method: 'DELETE', url: `/api/v1/webhooks/endpoints/${down.id}`, as: own });
    expect((await webhooks.deliveries.prune(fortyDaysOn, 30)).removed).toBeGreaterThanOrEqual(1);
    expect(await log(ok.id, own)).toHaveLength(0);
  });

  it('writes every change to the audit log, never the secret', async () => {
    const { rows } = await sql<{ action: string; details: unknown }>`
      select action, details from audit.entries where tenant_id = ${tenant} and action like 'webhooks.%'`.execute(
      t.platform.database.owner,
    );
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        'webhooks.endpoint.created',
        'webhooks.endpoint.secret_rotated',
        'webhooks.endpoint.tested',
        'webhooks.delivery.redelivered',
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('whsec_');
  });

  it.each([
    ['ftp://hooks.example/x', 'must be an https URL'],
    ['http://hooks.example/x', 'plain http only to localhost'],
    ['https://user:pw@hooks.example/x', 'must not carry credentials'],
    ['https://169.254.169.254/latest/meta-data', 'link-local'],
    ['not a url', 'absolute URL'],
  ])('refuses %s as a receiver, naming body.url', async (url, reason) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: manager,
      payload: { url, eventTypes: [orderPaidType] },
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json<{ errors: { field: string; message: string }[] }>();
    expect(problem.errors).toEqual([
      { field: 'body.url', message: expect.stringContaining(reason) as string },
    ]);
  });

  it('refuses event types no module offers, naming the entry', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/webhooks/endpoints',
      as: manager,
      payload: { url: 'https://hooks.example/x', eventTypes: [orderPaidType, 'calls.raw.teams.v1'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.eventTypes.1');
  });
});
