import { get as httpGet, type IncomingMessage } from 'node:http';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../app/platform.js';
import { loadConfig } from '../../platform/config/index.js';
import type { RequestContext } from '../../platform/context.js';
import { routedFetch, startFakeServer, type FakeServer } from '../../platform/testing/fake-http-server.js';
import { createLogger } from '../../platform/telemetry/index.js';
import type { Tenant } from '../identity/index.js';
import { parseScrape } from '../../../test/support/prometheus-text.js';
import { createTestPlatform, type As, type TestPlatform } from '../../../test/support/test-platform.js';
import { createTenant, createUser } from '../../../test/support/identity.js';
import { testHeaderAuthenticator } from '../../../test/support/test-authenticator.js';
import { notificationsModule } from './notifications.module.js';

interface Mail {
  readonly to: string[];
  readonly raw: string;
}

/** A real SMTP server (the smtp-server package) that keeps what it receives; 4xx answers on demand. */
async function startSmtp(): Promise<{
  url: string;
  mails: Mail[];
  failNext(times: number): void;
  close(): Promise<void>;
}> {
  const mails: Mail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext(times) {
      failures = times;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const twilioMessage = (form: URLSearchParams) => ({
  sid: `SM${Math.random().toString(16).slice(2).padEnd(32, '0')}`,
  status: 'queued',
  to: form.get('To'),
  from: form.get('From'),
  body: form.get('Body'),
  account_sid: 'AC123',
  api_version: '2010-04-01',
});

interface SseStream {
  readonly status: number;
  text: string;
  close(): void;
}

describe('notifications', () => {
  let t: TestPlatform;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let twilio: FakeServer;
  let base: string;
  let tenant: Tenant;
  let ctx: RequestContext;
  let client: { id: string; email: string };
  let manager: { id: string; email: string };
  let other: { tenant: Tenant; ctx: RequestContext; userId: string };
  const opened: (() => void)[] = [];

  const asClient = (): As => ({ tenant: tenant.uuid, actor: client.id, permissions: ['portal:read'] });
  const asManager = (): As => ({
    tenant: tenant.uuid,
    actor: manager.id,
    permissions: ['notifications:read', 'notifications:send', 'notifications:configure'],
  });
  const publish = (type: string, data: unknown, tenantId = tenant.uuid) =>
    t.platform.bus.publishNow([{ type, tenantId, key: 'k', data }]);
  const orderFacts = (number: string) => ({
    orderId: `ord_${number}`,
    number,
    status: 'confirmed',
    totalMinor: 8400,
    currency: 'EUR',
    customerId: client.id,
  });
  const listMine = async (as: As, surface = '/ext/v1') =>
    (await t.inject({ method: 'GET', url: `${surface}/notifications`, as })).json<{
      items: { id: string; title: string; body: string; type: string; readAt: string | null }[];
    }>().items;
  const deliveries = async (id: string) =>
    (await t.inject({ method: 'GET', url: `/api/v1/notifications/${id}/deliveries`, as: asManager() })).json<{
      items: {
        channel: string;
        status: string;
        reason: string | null;
        attempts: number;
        dueAt: string | null;
      }[];
    }>().items;
  const deliveryOf = async (id: string, channel: string) =>
    (await deliveries(id)).find((d) => d.channel === channel);

  beforeAll(async () => {
    smtp = await startSmtp();
    twilio = await startFakeServer((request) => {
      if (request.method === 'POST' && /^\/2010-04-01\/Accounts\/AC123\/Messages\.json$/.test(request.path))
        return { status: 201, body: twilioMessage(new URLSearchParams(request.body)) };
      return {
        status: 404,
        body: { code: 20404, message: 'The requested resource was not found', status: 404 },
      };
    });
    t = await createTestPlatform({
      role: 'start',
      extraModules: [notificationsModule],
      env: { SWITCHBOARD_SMTP_URL: smtp.url },
      fetch: routedFetch({ 'https://api.twilio.com': twilio.url }),
    });
    ({ tenant, ctx } = await createTenant(t.platform));
    const c = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    client = { id: c.user.id, email: c.email };
    const m = await createUser(t.platform, tenant, { roles: ['order_manager'] });
    manager = { id: m.user.id, email: m.email };
    const o = await createTenant(t.platform);
    const ou = await createUser(t.platform, o.tenant, { roles: ['client'], kind: 'client' });
    other = { tenant: o.tenant, ctx: o.ctx, userId: ou.user.id };
    for (const [name, value] of Object.entries({
      'notifications.twilio.account_sid': 'AC123',
      'notifications.twilio.auth_token': 'secret-token',
      'notifications.twilio.from': '+15005550006',
    }))
      await t.platform.secrets.put(ctx, name, value);
    const http = t.platform.http;
    if (!http) throw new Error('no HTTP');
    await http.listen({ host: '127.0.0.1', port: 0 });
    const address = http.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    for (const close of opened) close();
    await t.close();
    await smtp.close();
    await twilio.close();
  });

  function openSse(url: string, as: As, lastEventId?: string): Promise<SseStream> {
    return new Promise((resolve, reject) => {
      const request = httpGet(url, {
        agent: false,
        headers: {
          'x-test-tenant': as.tenant,
          'x-test-actor': as.actor ?? 'usr_test',
          'x-test-permissions': (as.permissions ?? []).join(','),
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
      });
      request.on('response', (response: IncomingMessage) => {
        const stream: SseStream = {
          status: response.statusCode ?? 0,
          text: '',
          close: () => request.destroy(),
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          stream.text += chunk;
        });
        opened.push(stream.close);
        resolve(stream);
      });
      request.on('error', reject);
    });
  }
  const idsIn = (text: string) => [...text.matchAll(/^id: (ntf_\S+)$/gm)].map((m) => m[1]);

  it('e-mails the client when an order ships: a real SMTP server receives it with the order number', async () => {
    await publish('orders.order.shipped.v1', {
      ...orderFacts('SB-1042'),
      status: 'shipped',
      shipmentId: null,
      trackingCode: 'TRK1',
    });
    await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual([client.email]);
    expect(mail?.raw).toMatch(/^Subject: Order SB-1042 shipped/m);
    expect(mail?.raw).toContain('Your order SB-1042 is on its way. Tracking: TRK1.');
    const [notification] = await listMine(asClient());
    expect(notification).toMatchObject({ type: 'order.shipped', title: 'Order SB-1042 shipped' });
    await expect.poll(async () => (await deliveryOf(notification?.id ?? '', 'email'))?.status).toBe('sent');
    expect(await deliveryOf(notification?.id ?? '', 'sms')).toMatchObject({
      status: 'skipped_by_preference',
    });
    // The same event delivered again (same event id) notifies nobody twice.
    const count = (await listMine(asClient())).length;
    const [envelope] = await t.platform.bus.publishNow([
      { type: 'orders.order.delivered.v1', tenantId: tenant.uuid, key: 'k', data: orderFacts('SB-1043') },
    ]);
    await expect.poll(async () => (await listMine(asClient())).length, { timeout: 20_000 }).toBe(count + 1);
    await t.platform.bus.publishNow([
      {
        type: 'orders.order.delivered.v1',
        tenantId: tenant.uuid,
        key: 'k',
        id: envelope?.id,
        data: orderFacts('SB-1043'),
      },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await listMine(asClient())).length).toBe(count + 1);
  });

  it('sends SMS through the Twilio Messages API when the client gave a phone and opted in; retries a 503', async () => {
    const put = await t.inject({
      method: 'PUT',
      url: '/ext/v1/notifications/preferences',
      as: asClient(),
      payload: {
        channels: { 'order.confirmed': { sms: true } },
        quietHours: null,
        language: null,
        phone: '+447700900123',
      },
    });
    expect(put.statusCode).toBe(200);
    twilio.failNext(503);
    await publish('orders.order.confirmed.v1', orderFacts('SB-2001'));
    await expect.poll(() => twilio.requests.length, { timeout: 20_000 }).toBe(1);
    const notification = (await listMine(asClient())).find((n) => n.title.includes('SB-2001'));
    await expect.poll(async () => (await deliveryOf(notification?.id ?? '', 'sms'))?.status).toBe('queued');
    const retrying = await deliveryOf(notification?.id ?? '', 'sms');
    expect(retrying?.attempts).toBe(1);
    expect(retrying?.reason).toContain('Twilio 503');
    await t.platform.modules.notifications.runDueDeliveries(new Date(Date.now() + 60_000));
    expect(await deliveryOf(notification?.id ?? '', 'sms')).toMatchObject({ status: 'sent', attempts: 2 });
    const request = twilio.requests[1];
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('AC123:secret-token').toString('base64')}`,
    );
    expect(request?.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const form = new URLSearchParams(request?.body);
    expect(form.get('To')).toBe('+447700900123');
    expect(form.get('From')).toBe('+15005550006');
    expect(form.get('Body')).toBe('Your order SB-2001 is confirmed.');
  });

  it('records a terminal failure and retries SMTP 4xx', async () => {
    const scrape = async () => parseScrape(await t.platform.metrics.metrics());
    const counted = await scrape();
    twilio.failNext(400);
    smtp.failNext(1);
    const before = smtp.mails.length;
    await publish('orders.order.confirmed.v1', orderFacts('SB-2002'));
    const notification = await expect
      .poll(async () => (await listMine(asClient())).find((n) => n.title.includes('SB-2002')), {
        timeout: 20_000,
      })
      .toBeDefined()
      .then(async () => (await listMine(asClient())).find((n) => n.title.includes('SB-2002')));
    await expect.poll(async () => (await deliveryOf(notification?.id ?? '', 'sms'))?.status).toBe('failed');
    expect((await deliveryOf(notification?.id ?? '', 'sms'))?.reason).toContain('Twilio 400');
    await expect
      .poll(async () => {
        const d = await deliveryOf(notification?.id ?? '', 'email');
        return `${d?.status}/${d?.attempts}`;
      })
      .toBe('queued/1');
    const retryingEmail = await deliveryOf(notification?.id ?? '', 'email');
    expect(retryingEmail?.status).toBe('queued');
    expect(retryingEmail?.reason).toContain('451');
    await t.platform.modules.notifications.runDueDeliveries(new Date(Date.now() + 60_000));
    expect(await deliveryOf(notification?.id ?? '', 'email')).toMatchObject({ status: 'sent' });
    expect(smtp.mails.length).toBe(before + 1);
    // Each attempt counted by channel and what became of it.
    const now = await scrape();
    const added = (channel: string, status: string) =>
      now.value('notifications_deliveries_total', { channel, status }) -
      counted.value('notifications_deliveries_total', { channel, status });
    expect(added('sms', 'failed')).toBe(1);
    expect(added('email', 'retry')).toBe(1);
    expect(added('email', 'sent')).toBeGreaterThanOrEqual(1);
  });

  it('defers e-mail and SMS (not in-app) to the end of quiet hours, then the timer sends them', async () => {
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    await t.inject({
      method: 'PUT',
      url: '/ext/v1/notifications/preferences',
      as: asClient(),
      payload: {
        channels: { 'order.delivered': { sms: true } },
        quietHours: {
          start: hhmm(new Date(now.getTime() - 3600_000)),
          end: hhmm(new Date(now.getTime() + 3600_000)),
          timeZone: 'UTC',
        },
        language: null,
        phone: '+447700900123',
      },
    });
    await publish('orders.order.delivered.v1', orderFacts('SB-3001'));
    await expect
      .poll(async () => (await listMine(asClient())).some((n) => n.title.includes('SB-3001')), {
        timeout: 20_000,
      })
      .toBe(true);
    const notification = (await listMine(asClient())).find((n) => n.title.includes('SB-3001'));
    const email = await deliveryOf(notification?.id ?? '', 'email');
    expect(email?.status).toBe('deferred');
    expect(await deliveryOf(notification?.id ?? '', 'sms')).toMatchObject({ status: 'deferred' });
    expect(await deliveryOf(notification?.id ?? '', 'in_app')).toMatchObject({ status: 'sent' });
    const until = new Date(email?.dueAt ?? 0);
    expect(Math.abs(until.getTime() - (now.getTime() + 3600_000))).toBeLessThan(61_000);
    await t.platform.modules.notifications.runDueDeliveries(new Date(until.getTime() - 60_000));
    expect(await deliveryOf(notification?.id ?? '', 'email')).toMatchObject({ status: 'deferred' });
    await t.platform.modules.notifications.runDueDeliveries(new Date(until.getTime() + 1000));
    expect(await deliveryOf(notification?.id ?? '', 'email')).toMatchObject({ status: 'sent' });
    expect(await deliveryOf(notification?.id ?? '', 'sms')).toMatchObject({ status: 'sent' });
    await t.inject({
      method: 'PUT',
      url: '/ext/v1/notifications/preferences',
      as: asClient(),
      payload: { channels: {}, quietHours: null, language: null, phone: null },
    });
  });

  it('keeps preference keys as given (in_app, account.verify_email): the database does not camel-case them', async () => {
    const preferences = {
      channels: {
        '*': { in_app: true, email: true, sms: true },
        'order.shipped': { in_app: false },
        'account.verify_email': { email: true },
      },
      quietHours: null,
      language: null,
      phone: '+447700900123',
    };
    const url = '/ext/v1/notifications/preferences';
    const put = await t.inject({ method: 'PUT', url, as: asClient(), payload: preferences });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(preferences);
    expect((await t.inject({ method: 'GET', url, as: asClient() })).json()).toEqual(preferences);
    await t.inject({
      method: 'PUT',
      url,
      as: asClient(),
      payload: { channels: {}, quietHours: null, language: null, phone: null },
    });
  });

  it('notifies employees with orders:write of a new order and of a failed payment; privacy:requests holders of a DSR', async () => {
    const admin = await createUser(t.platform, tenant, { roles: ['admin'] });
    await publish('orders.order.created.v1', { ...orderFacts('SB-4001'), status: 'pending' });
    await publish('payments.payment.authorized.v1', {
      paymentId: 'pay_1',
      orderId: 'ord_SB-4001',
      gateway: 'simulator',
      amountMinor: 8400,
      currency: 'EUR',
      status: 'failed',
      failureCode: 'card_declined',
    });
    await publish('privacy.request.received.v1', {
      requestId: 'dsr_1',
      kind: 'erasure',
      dueAt: '2030-01-31T00:00:00Z',
    });
    const asEmployee = (id: string): As => ({
      tenant: tenant.uuid,
      actor: id,
      permissions: ['notifications:read'],
    });
    await expect
      .poll(async () => (await listMine(asEmployee(manager.id), '/api/v1')).map((n) => n.type).sort(), {
        timeout: 20_000,
      })
      .toEqual(['order.created', 'payment.failed']);
    await expect
      .poll(async () => (await listMine(asEmployee(admin.user.id), '/api/v1')).map((n) => n.type).sort(), {
        timeout: 20_000,
      })
      .toEqual(['order.created', 'payment.failed', 'privacy.request.received']);
    expect((await listMine(asClient())).some((n) => n.type === 'order.created')).toBe(false);
  });

  it('e-mails the verification link when a client signs up (through identity’s emailVerification api)', async () => {
    const email = `signup-${Date.now()}@example.com`;
    const res = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/sign-up',
      payload: { tenant: tenant.slug, email, password: 'correct horse battery', displayName: 'New Client' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await expect.poll(() => smtp.mails.find((m) => m.to.includes(email)), { timeout: 20_000 }).toBeDefined();
    const mail = smtp.mails.find((m) => m.to.includes(email));
    expect(mail?.raw).toMatch(/^Subject: Confirm your e-mail address/m);
    expect(mail?.raw.replace(/=\r?\n/g, '')).toMatch(/portal\/verify-email\?tenant=[^&\s]+&(amp;)?token=/);
  });

  it('texts a client at their customer profile’s number once they opt in to SMS there; maps cus_ recipients to the client user', async () => {
    const c = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const customers = t.platform.modules.customers;
    const profile = await customers.findOrCreateForUser(ctx, {
      userId: c.user.id,
      email: c.email,
      name: 'Sam Profile',
    });
    await customers.profiles.update(ctx, profile.id, { phone: '+447700900555' });
    const facts = (number: string) => ({ ...orderFacts(number), customerId: c.user.id });
    const smsTo = (phone: string) =>
      twilio.requests.filter((r) => new URLSearchParams(r.body).get('To') === phone).length;
    const mine = async () =>
      listMine({ tenant: tenant.uuid, actor: c.user.id, permissions: ['portal:read'] });

    // Not opted in (the contact preferences' default): no SMS.
    await publish('orders.order.confirmed.v1', facts('SB-7001'));
    await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBe(1);
    const [first] = await mine();
    expect(await deliveryOf(first?.id ?? '', 'sms')).toMatchObject({ status: 'skipped_by_preference' });

    const current = await customers.profiles.preferences.get(ctx, profile.id);
    await customers.profiles.preferences.put(
      ctx,
      profile.id,
      { ...current, channels: { ...current.channels, sms: true } },
      'console',
    );
    await publish('orders.order.confirmed.v1', facts('SB-7002'));
    await expect.poll(() => smsTo('+447700900555'), { timeout: 20_000 }).toBe(1);

    // An optional type needs the marketing opt-in too before the profile's number is used.
    const sent = await t.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      as: asManager(),
      payload: {
        recipients: { customerIds: [profile.id] },
        type: 'message',
        title: 'Hello',
        body: 'from us',
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const [viaCustomer] = sent.json<{ notificationIds: string[] }>().notificationIds;
    expect((await mine()).map((n) => n.id)).toContain(viaCustomer);
    expect(await deliveryOf(viaCustomer ?? '', 'sms')).toMatchObject({ status: 'skipped_by_preference' });

    // An unknown customer is nobody: 4xx, not 500.
    const nobody = await t.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      as: asManager(),
      payload: { recipients: { customerIds: ['cus_nothere'] }, type: 'message', title: 'Hello' },
    });
    expect(nobody.statusCode).toBeGreaterThanOrEqual(400);
    expect(nobody.statusCode).toBeLessThan(500);
  });

  it('privacy.restrict: a restricted subject gets transactional notifications only, until it is lifted', async () => {
    const c = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const participant = t.platform.modules.notifications.privacy;
    const subject = { customerId: null, userIds: [c.user.id], emails: [c.email], phones: [] };
    const as: As = { tenant: tenant.uuid, actor: c.user.id, permissions: ['portal:read'] };
    const message = () =>
      t.platform.modules.notifications.send.send(ctx, {
        recipients: { userIds: [c.user.id] },
        type: 'message',
        title: 'Our spring offers',
        body: 'optional',
      });

    await participant.restrict?.(ctx, subject, true);
    expect((await message()).notificationIds).toEqual([]);
    // By the e-mail alone (no user id in the subject) the same holds.
    await participant.restrict?.(ctx, { ...subject, userIds: [] }, true);
    await participant.restrict?.(ctx, { ...subject, emails: [] }, false);
    expect((await message()).notificationIds).toEqual([]);
    await participant.restrict?.(ctx, subject, false);

    await participant.restrict?.(ctx, subject, true);
    await publish('orders.order.shipped.v1', {
      ...orderFacts('SB-8001'),
      customerId: c.user.id,
      status: 'shipped',
      shipmentId: null,
      trackingCode: null,
    });
    await expect
      .poll(async () => (await listMine(as)).map((n) => n.type), { timeout: 20_000 })
      .toEqual(['order.shipped']);

    const exported = await participant.export(ctx, subject);
    expect(exported.find((p) => p.name === 'restrictions')?.rows).toHaveLength(2);
    await participant.restrict?.(ctx, subject, false);
    expect((await participant.export(ctx, subject)).find((p) => p.name === 'restrictions')?.rows).toEqual([]);
    expect((await message()).notificationIds).toHaveLength(1);
    expect((await listMine(as)).map((n) => n.type)).toEqual(['message', 'order.shipped']);
  });

  it('sends through POST /api/v1/notifications with a tenant template, and streams it over SSE and WebSocket, resumable', async () => {
    const template = await t.inject({
      method: 'POST',
      url: '/api/v1/notification-templates',
      as: asManager(),
      payload: {
        type: 'promo.news',
        channel: 'in_app',
        language: 'en',
        subject: 'Hello {{name}}',
        body: 'News: {{what}}',
      },
    });
    expect(template.statusCode).toBe(201);
    const sse = await openSse(`${base}/ext/v1/notifications/stream`, asClient());
    expect(sse.status).toBe(200);
    const ticket = (
      await t.inject({ method: 'POST', url: '/ext/v1/notifications/socket-ticket', as: asClient() })
    ).json<{ ticket: string }>().ticket;
    const ws = new WebSocket(
      `${base.replace('http', 'ws')}/ext/v1/notifications/socket?ticket=${encodeURIComponent(ticket)}`,
    );
    opened.push(() => ws.close());
    const wsMessages: { event: string; id?: string }[] = [];
    ws.on('message', (m: Buffer) =>
      wsMessages.push(JSON.parse(m.toString()) as { event: string; id?: string }),
    );
    await expect.poll(() => wsMessages.some((m) => m.event === 'ready'), { timeout: 10_000 }).toBe(true);
    // The ticket is single-use.
    const again = new WebSocket(
      `${base.replace('http', 'ws')}/ext/v1/notifications/socket?ticket=${encodeURIComponent(ticket)}`,
    );
    const closeCode = await new Promise<number>((resolve) => again.on('close', (code) => resolve(code)));
    expect(closeCode).toBe(4401);

    const send = async (what: string) => {
      const sent = await t.inject({
        method: 'POST',
        url: '/api/v1/notifications',
        as: asManager(),
        payload: {
          recipients: { customerIds: [client.id] },
          type: 'promo.news',
          variables: { name: 'Zoe', what },
          channels: ['in_app'],
        },
      });
      expect(sent.statusCode).toBe(202);
      return sent.json<{ notificationIds: string[] }>().notificationIds[0] ?? '';
    };
    const first = await send('one');
    await expect.poll(() => idsIn(sse.text), { timeout: 10_000 }).toEqual([first]);
    await expect
      .poll(() => wsMessages.filter((m) => m.event === 'notification').map((m) => m.id))
      .toEqual([first]);
    expect(sse.text).toContain('"title":"Hello Zoe"');
    sse.close();
    ws.close();
    const second = await send('two');
    const third = await send('three');
    const resumed = await openSse(`${base}/ext/v1/notifications/stream`, asClient(), first);
    await expect.poll(() => idsIn(resumed.text), { timeout: 10_000 }).toEqual([second, third]);
    const ticket2 = (
      await t.inject({ method: 'POST', url: '/ext/v1/notifications/socket-ticket', as: asClient() })
    ).json<{ ticket: string }>().ticket;
    const ws2 = new WebSocket(
      `${base.replace('http', 'ws')}/ext/v1/notifications/socket?ticket=${encodeURIComponent(ticket2)}&lastEventId=${second}`,
    );
    opened.push(() => ws2.close());
    const resumedWs: { event: string; id?: string }[] = [];
    ws2.on('message', (m: Buffer) =>
      resumedWs.push(JSON.parse(m.toString()) as { event: string; id?: string }),
    );
    await expect
      .poll(() => resumedWs.filter((m) => m.event === 'notification').map((m) => m.id), { timeout: 10_000 })
      .toEqual([third]);
  });

  it('reaches a stream held by another replica on the same database (LISTEN/NOTIFY, not process memory)', async () => {
    const replica: Platform = await createPlatform(
      loadConfig({
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
        LOG_LEVEL: 'silent',
        DATABASE_POOL_MAX: '3',
      }),
      {
        role: 'api',
        logger: createLogger({ level: 'silent' }),
        authenticators: [testHeaderAuthenticator],
        migrate: false,
      },
    );
    try {
      await replica.http?.listen({ host: '127.0.0.1', port: 0 });
      const address = replica.http?.server.address();
      if (!address || typeof address === 'string') throw new Error('no TCP address');
      const stream = await openSse(
        `http://127.0.0.1:${address.port}/ext/v1/notifications/stream`,
        asClient(),
      );
      const sent = await t.inject({
        method: 'POST',
        url: '/api/v1/notifications',
        as: asManager(),
        payload: {
          recipients: { userIds: [client.id] },
          type: 'message',
          title: 'Across replicas',
          body: 'hi',
          channels: ['in_app'],
        },
      });
      const [id] = sent.json<{ notificationIds: string[] }>().notificationIds;
      await expect.poll(() => idsIn(stream.text), { timeout: 10_000 }).toEqual([id]);
      stream.close();
    } finally {
      await replica.close();
    }
  });

  it('reads, marks read, counts unread, pages by cursor', async () => {
    const count = async () =>
      (await t.inject({ method: 'GET', url: '/ext/v1/notifications/unread-count', as: asClient() })).json<{
        count: number;
      }>().count;
    const all = await listMine(asClient());
    expect(await count()).toBe(all.length);
    const read = await t.inject({
      method: 'POST',
      url: `/ext/v1/notifications/${all[0]?.id}/read`,
      as: asClient(),
    });
    expect(read.json<{ readAt: string | null }>().readAt).not.toBeNull();
    expect(await count()).toBe(all.length - 1);
    const page1 = (
      await t.inject({ method: 'GET', url: '/ext/v1/notifications?limit=2', as: asClient() })
    ).json<{ items: { id: string }[]; nextCursor: string }>();
    const page2 = (
      await t.inject({
        method: 'GET',
        url: `/ext/v1/notifications?limit=2&cursor=${page1.nextCursor}`,
        as: asClient(),
      })
    ).json<{ items: { id: string }[] }>();
    expect([...page1.items, ...page2.items].map((n) => n.id)).toEqual(all.slice(0, 4).map((n) => n.id));
    expect(
      (await t.inject({ method: 'POST', url: '/ext/v1/notifications/read-all', as: asClient() })).statusCode,
    ).toBe(200);
    expect(await count()).toBe(0);
    expect((await listMine(asClient())).length).toBe(all.length);
    const unread = (
      await t.inject({ method: 'GET', url: '/ext/v1/notifications?unread=true', as: asClient() })
    ).json<{ items: unknown[] }>();
    expect(unread.items).toEqual([]);
  });

  it('keeps users and tenants apart', async () => {
    const mine = await listMine(asClient());
    expect(mine.length).toBeGreaterThan(0);
    const stranger: As = { tenant: other.tenant.uuid, actor: other.userId, permissions: ['portal:read'] };
    expect(await listMine(stranger)).toEqual([]);
    expect(
      await listMine({ tenant: tenant.uuid, actor: manager.id, permissions: ['portal:read'] }),
    ).not.toContainEqual(expect.objectContaining({ id: mine[0]?.id }));
    const foreign = await t.inject({
      method: 'POST',
      url: `/ext/v1/notifications/${mine[0]?.id}/read`,
      as: stranger,
    });
    expect(foreign.json()).toMatchObject({ code: 'NOTIFICATIONS_NOT_FOUND' });
    const otherUser = await t.inject({
      method: 'GET',
      url: `/api/v1/notifications/${mine[0]?.id}/deliveries`,
      as: { tenant: tenant.uuid, actor: 'usr_someone', permissions: ['notifications:read'] },
    });
    expect(otherUser.statusCode).toBe(404);
    // Sending to a user of another tenant finds nobody.
    const cross = await t.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      as: asManager(),
      payload: { recipients: { userIds: [other.userId] }, type: 'message', title: 'x', body: 'y' },
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json()).toMatchObject({ code: 'NOTIFICATIONS_NO_RECIPIENTS' });
    expect(
      (await t.inject({ method: 'POST', url: '/api/v1/notifications', as: asClient(), payload: {} }))
        .statusCode,
    ).toBe(403);
  });

  it('answers hostile input with 400 naming the field', async () => {
    const bad = async (method: 'POST' | 'PUT' | 'GET', url: string, payload: unknown, field: string) => {
      const response = await t.inject({
        method,
        url,
        as: asManager(),
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      expect(response.statusCode, url).toBe(400);
      expect(response.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    };
    await bad(
      'POST',
      '/api/v1/notifications',
      { recipients: { userIds: ['nope'] }, type: 'message', title: 't' },
      'body.recipients.userIds.0',
    );
    await bad('POST', '/api/v1/notifications', { recipients: {}, type: 'Bad Type!' }, 'body.type');
    await bad(
      'PUT',
      '/api/v1/notifications/preferences',
      {
        channels: {},
        quietHours: { start: '25:00', end: '07:00', timeZone: 'UTC' },
        language: null,
        phone: null,
      },
      'body.quietHours.start',
    );
    await bad(
      'PUT',
      '/api/v1/notifications/preferences',
      {
        channels: {},
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' },
        language: null,
        phone: null,
      },
      'body.quietHours.timeZone',
    );
    await bad(
      'PUT',
      '/api/v1/notifications/preferences',
      { channels: {}, quietHours: null, language: null, phone: '0770 090' },
      'body.phone',
    );
    await bad('GET', '/api/v1/notifications?cursor=garbage', undefined, 'querystring.cursor');
    await bad(
      'POST',
      '/api/v1/notification-templates',
      { type: 'x', channel: 'fax', language: 'en', subject: '', body: 'b' },
      'body.channel',
    );
    const plain = await t.inject({ method: 'GET', url: '/ext/v1/notifications/stream', as: asClient() });
    expect(plain.statusCode).toBe(406);
  });

  it('records not_configured in plain words when a tenant has no SMS provider', async () => {
    await t.inject({
      method: 'PUT',
      url: '/ext/v1/notifications/preferences',
      as: { tenant: other.tenant.uuid, actor: other.userId, permissions: ['portal:read'] },
      payload: { channels: { '*': { sms: true } }, quietHours: null, language: null, phone: '+447700900999' },
    });
    const result = await t.platform.modules.notifications.send.send(other.ctx, {
      recipients: { userIds: [other.userId] },
      type: 'message',
      title: 'Hi',
      body: 'there',
    });
    const id = result.notificationIds[0] ?? '';
    const seen = async () =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/notifications/${id}/deliveries`,
          as: {
            tenant: other.tenant.uuid,
            actor: 'usr_x',
            permissions: ['notifications:read', 'notifications:send'],
          },
        })
      )
        .json<{ items: { channel: string; status: string; reason: string }[] }>()
        .items.find((d) => d.channel === 'sms');
    await expect.poll(async () => (await seen())?.status, { timeout: 10_000 }).toBe('not_configured');
    expect((await seen())?.reason).toMatch(/SMS is not configured/);
  });

  it('housekeeping deletes read notifications after 30 days and all after 90', async () => {
    const { notificationIds } = await t.platform.modules.notifications.send.send(ctx, {
      recipients: { userIds: [client.id, manager.id] },
      type: 'message',
      title: 'Old',
      body: 'old',
      channels: ['in_app'],
    });
    const [forClient, forManager] = notificationIds;
    expect(forClient).toBeDefined();
    // Age them: the client's read 40 days ago, the manager's unread, created 40 days ago.
    await sql`update notifications.notifications set created_at = now() - interval '40 days',
      read_at = case when user_id = ${client.id} then now() - interval '40 days' else null end
      where type = 'message' and user_id in (${client.id}, ${manager.id})`.execute(t.platform.database.owner);
    const before = await t.platform.modules.notifications.housekeeping();
    expect(before).toBeGreaterThan(0);
    const asEmployee: As = { tenant: tenant.uuid, actor: manager.id, permissions: ['notifications:read'] };
    expect((await listMine(asClient())).map((n) => n.id)).not.toContain(forClient);
    expect((await listMine(asEmployee, '/api/v1')).map((n) => n.id)).toContain(forManager);
    await t.platform.modules.notifications.housekeeping(new Date(Date.now() + 60 * 86_400_000));
    expect((await listMine(asEmployee, '/api/v1')).map((n) => n.id)).not.toContain(forManager);
  });

  it('takes part in the privacy contract: finds, exports and erases by user id, e-mail and phone', async () => {
    const participant = t.platform.modules.notifications.privacy;
    await t.platform.modules.notifications.send.send(ctx, {
      recipients: { userIds: [client.id] },
      type: 'message',
      title: 'About you',
      body: 'personal',
      channels: ['in_app', 'email'],
    });
    const subject = { customerId: null, userIds: [], emails: [client.email], phones: ['+447700900123'] };
    const found = await participant.find(ctx, subject);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatchObject({ module: 'notifications', kind: 'notification' });
    const exported = await participant.export(ctx, { ...subject, userIds: [client.id] });
    const deliveryRows = exported.find((p) => p.name === 'deliveries')?.rows ?? [];
    expect(deliveryRows.map((r) => r.address)).toContain(client.email);
    const report = await participant.erase(ctx, { ...subject, userIds: [client.id] }, { requestId: 'dsr_x' });
    expect(report.erased).toBeGreaterThan(0);
    expect(await participant.find(ctx, { ...subject, userIds: [client.id] })).toEqual([]);
    expect(await listMine(asClient())).toEqual([]);
  });
});
