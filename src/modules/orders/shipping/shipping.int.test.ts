import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { systemContext } from '../../../platform/context.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { defineModule } from '../../../platform/module.js';
import { catalogModule } from '../../catalog/index.js';
import { paymentsModule } from '../../payments/index.js';
import { routedFetch, type FakeServer } from '../../../platform/testing/fake-http-server.js';
import type { Order, OrderStatus, OrderTransitions } from '../contract.js';
import { OrdersErrors } from '../errors.js';
import type { OrdersDeps } from '../orders.deps.js';
import { EASYPOST_API, easypostSignature } from './easypost.js';
import { createShippingFeature, type ShippingFeatureApi } from './shipping.feature.js';
import { fixture, signedTrackerEvent, startFakeEasypost } from './testing/fake-easypost.js';

/*
 * Shipping on the real platform with a FAKE state machine (orders seeded by SQL; `transitions`
 * records the moves and writes the status) and a fake catalog (weights, consume): the feature is
 * mounted a second time under /api/v1/shiptest by a test module.
 */

const calls: { orderId: string; to: OrderStatus }[] = [];
/** Orders another replica is changing: the next n transitions meet its lock. */
const heldElsewhere = new Map<string, number>();
const consumed: string[] = [];
let t: TestPlatform;
let easypost: FakeServer;

async function orderRow(orderId: string): Promise<Order> {
  const uuid = fromPublicId('ord', orderId) ?? '';
  const o = await sql<{ status: OrderStatus; currency: string; number: number; shipCountry: string }>`
    select status, currency, number, ship_country from orders.orders where id = ${uuid}`.execute(
    t.platform.database.owner,
  );
  const row = o.rows[0];
  if (!row) throw new Error('no order');
  const lines = await sql<{ id: string; productId: string; sku: string; quantity: number }>`
    select id, product_id, sku, quantity from orders.order_lines where order_id = ${uuid}`.execute(
    t.platform.database.owner,
  );
  const address = {
    name: 'Ada 📦 لوفليس',
    line1: '1 Main St',
    city: 'Austin',
    region: 'TX',
    postalCode: '78701',
    country: row.shipCountry,
  };
  return {
    id: orderId,
    number: `SO-${row.number}`,
    status: row.status,
    currency: row.currency,
    shippingAddress: address,
    lines: lines.rows.map((l) => ({
      id: toPublicId('line', l.id),
      productId: toPublicId('prod', l.productId),
      sku: l.sku,
      quantity: l.quantity,
      returnedQuantity: 0,
    })),
  } as unknown as Order;
}

const transitions: OrderTransitions = {
  get: (_ctx, orderId) => orderRow(orderId),
  async transition(_ctx, orderId, to) {
    const held = heldElsewhere.get(orderId) ?? 0;
    if (held > 0) {
      heldElsewhere.set(orderId, held - 1);
      throw OrdersErrors.concurrentChange();
    }
    calls.push({ orderId, to });
    await sql`update orders.orders set status = ${to} where id = ${fromPublicId('ord', orderId) ?? ''}`.execute(
      t.platform.database.owner,
    );
    return orderRow(orderId);
  },
};

let feature: ShippingFeatureApi | undefined;
const shiptest = defineModule({
  name: 'shiptest',
  dependsOn: [catalogModule, paymentsModule],
  secrets: { read: ['orders.'] },
  settings: (config) => ({ publicUrl: config.http.publicUrl, simulatorSpeed: 100_000 }),
  create: (deps) => {
    const f = createShippingFeature(
      {
        ...deps,
        modules: {
          ...deps.modules,
          catalog: {
            ...deps.modules.catalog,
            products: { get: () => Promise.resolve({ attributes: { weight_g: 450 } }) },
            inventory: {
              consume: (_ctx: unknown, orderId: string) => {
                consumed.push(orderId);
                return Promise.resolve();
              },
            },
          },
        },
      } as unknown as OrdersDeps,
      { transitions },
    );
    feature = f.api;
    return {
      api: f.api,
      routes: (f.routes ?? []).map((r) => ({ ...r, prefix: r.prefix.replace(/^\/orders/, '/shiptest') })),
    };
  },
});

let number = 0;
async function seedOrder(
  tenant: string,
  input: {
    status: OrderStatus;
    currency?: string;
    total?: number;
    refunded?: number;
    placedAt?: string;
    country?: string;
    lines?: { sku: string; quantity: number; total: number }[];
  },
) {
  const id = newUuid();
  number += 1;
  const db = t.platform.database.owner;
  const total = input.total ?? 1000;
  await sql`insert into orders.orders (id, tenant_id, number, status, channel, email_index, contact_sealed, payment_sealed, ship_country, currency,
      subtotal_minor, total_minor, refunded_minor, placed_at, created_by)
    values (${id}, ${tenant}, ${number}, ${input.status}, 'internal', ${randomBytes(8)}, ${randomBytes(8)}, ${randomBytes(8)}, ${input.country ?? 'DE'},
      ${input.currency ?? 'EUR'}, ${total}, ${total}, ${input.refunded ?? 0}, ${input.placedAt ?? new Date().toISOString()}, 'usr_test')`.execute(
    db,
  );
  let position = 0;
  for (const line of input.lines ?? [{ sku: 'SKU-1', quantity: 2, total }]) {
    position += 1;
    await sql`insert into orders.order_lines (id, tenant_id, order_id, position, product_id, sku, name, quantity, unit_price_minor, total_minor)
      values (${newUuid()}, ${tenant}, ${id}, ${position}, ${newUuid()}, ${line.sku}, ${`Product ${line.sku}`}, ${line.quantity}, ${Math.floor(line.total / line.quantity)}, ${line.total})`.execute(
      db,
    );
  }
  return toPublicId('ord', id);
}
const statusOf = async (orderId: string) => (await orderRow(orderId)).status;

describe('shipping', () => {
  let tenantA: string;
  let tenantB: string;
  const secretB = 'whsec-of-b';
  const asA = () => ({ tenant: tenantA, permissions: ['orders:read', 'orders:write'] });
  const asB = () => ({ tenant: tenantB, permissions: ['orders:read', 'orders:write'] });

  beforeAll(async () => {
    easypost = await startFakeEasypost('ek_b');
    t = await createTestPlatform({
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      extraModules: [shiptest],
      fetch: routedFetch({ [EASYPOST_API]: easypost.url }),
      signObjectUrl: (key) => Promise.resolve(`https://objects.test/${key}`),
    });
    tenantA = (await createTenant(t.platform)).tenant.uuid;
    tenantB = (await createTenant(t.platform)).tenant.uuid;
    const put = (tenant: string, name: string, value: string) =>
      t.platform.secrets.put(systemContext(tenant, 'test', 'test'), name, value);
    await put(tenantB, 'orders.easypost.api_key', 'ek_b');
    await put(tenantB, 'orders.easypost.webhook_secret', secretB);
    await put(
      tenantB,
      'orders.shipping.origin',
      JSON.stringify({ name: 'Shop', street1: '2 Elm', city: 'Austin', zip: '78702', country: 'US' }),
    );
  }, 120_000);
  afterAll(async () => {
    feature?.close();
    await t.close();
    await easypost.close();
  });

  it('simulator: rates, a PDF label, tracking that moves the order to DELIVERED by itself', async () => {
    const orderId = await seedOrder(tenantA, { status: 'CONFIRMED', country: 'FR' });
    const rates = await t.inject({
      method: 'GET',
      url: `/api/v1/shiptest/${orderId}/shipping-rates`,
      as: asA(),
    });
    expect(rates.statusCode).toBe(200);
    const items = rates.json<{ items: { id: string; service: string; price: { amountMinor: number } }[] }>()
      .items;
    // 2 × 450 g + 100 g packaging = 1 kg, EU zone: 9.90 + 2.00.
    expect(items.map((r) => [r.service, r.price.amountMinor])).toEqual([
      ['Simulated Standard', 1190],
      ['Simulated Express', 2380],
    ]);
    const created = await t.inject({
      method: 'POST',
      url: `/api/v1/shiptest/${orderId}/shipments`,
      payload: { rateId: items[1]?.id },
      as: asA(),
    });
    expect(created.statusCode).toBe(201);
    const shipment = created.json<{
      id: string;
      labelUrl: string;
      cost: { amountMinor: number };
      status: string;
      trackingCode: string;
    }>();
    expect(shipment).toMatchObject({ status: 'label_created', cost: { amountMinor: 2380 } });
    expect(shipment.labelUrl).toMatch(/^https:\/\/objects\.test\/ten_.*\/orders\/labels\/shp_.*\.pdf$/);
    const key = shipment.labelUrl.replace('https://objects.test/', '');
    const label = await t.platform.objects.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of label.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    await vi.waitFor(async () => expect(await statusOf(orderId)).toBe('DELIVERED'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(calls.filter((c) => c.orderId === orderId).map((c) => c.to)).toEqual([
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);
    expect(consumed.filter((id) => id === orderId)).toHaveLength(1);
    const list = await t.inject({ method: 'GET', url: `/api/v1/shiptest/${orderId}/shipments`, as: asA() });
    const [s] = list.json<{
      items: { status: string; events: { status: string }[]; shippedAt: string; deliveredAt: string }[];
    }>().items;
    expect(s?.status).toBe('delivered');
    expect(s?.events.map((e) => e.status)).toEqual([
      'pre_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(s?.shippedAt && s.deliveredAt).toBeTruthy();
    // The catch-up pass finds nothing open and changes nothing.
    await feature?.catchUp();
    expect(calls.filter((c) => c.orderId === orderId)).toHaveLength(3);
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit.entries where tenant_id = ${tenantA} and action = 'orders.shipment.label_purchased'`.execute(
      t.platform.database.owner,
    );
    expect(audit.rows[0]?.n).toBe(1);
  }, 60_000);

  /** A confirmed US order of tenant B (EasyPost's country) and the answer to buying its label. */
  async function usOrderWithShipment() {
    const orderId = await seedOrder(tenantB, { status: 'CONFIRMED', country: 'US' });
    const created = await t.inject({
      method: 'POST',
      url: `/api/v1/shiptest/${orderId}/shipments`,
      payload: {},
      as: asB(),
    });
    return { orderId, created };
  }

  it('EasyPost: label via the fake API, the signed webhook moves the order once, replays and late events do nothing', async () => {
    const { orderId, created } = await usOrderWithShipment();
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      carrier: 'easypost',
      trackingCode: 'EZ1000000001',
      cost: { amountMinor: 520, currency: 'USD' },
    });
    const tracker = (
      JSON.parse(fixture('easypost-event-tracker-updated.json')) as { result: Record<string, unknown> }
    ).result;
    const url = `/api/v1/shiptest/shipping/webhooks/${toPublicId('ten', tenantB)}/easypost`;
    const inTransit = signedTrackerEvent(secretB, 'evt_b1', {
      ...tracker,
      id: 'trk_9135862729734d96ad2f9ed0f0565a27',
    });
    expect(
      (await t.inject({ method: 'POST', url, payload: inTransit.body, headers: inTransit.headers }))
        .statusCode,
    ).toBe(204);
    expect(await statusOf(orderId)).toBe('SHIPPED');
    const events = async () =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int as n from orders.shipment_events where tenant_id = ${tenantB}`.execute(
          t.platform.database.owner,
        )
      ).rows[0]?.n;
    expect(await events()).toBe(7);
    // The same delivery again: applied once.
    expect(
      (await t.inject({ method: 'POST', url, payload: inTransit.body, headers: inTransit.headers }))
        .statusCode,
    ).toBe(204);
    expect(await events()).toBe(7);
    expect(calls.filter((c) => c.orderId === orderId).map((c) => c.to)).toEqual(['PROCESSING', 'SHIPPED']);
    const delivered = signedTrackerEvent(secretB, 'evt_b2', {
      ...tracker,
      id: 'trk_9135862729734d96ad2f9ed0f0565a27',
      status: 'delivered',
      tracking_details: [{ status: 'delivered', message: 'Delivered', datetime: '2024-08-03T10:00:00Z' }],
    });
    expect(
      (await t.inject({ method: 'POST', url, payload: delivered.body, headers: delivered.headers }))
        .statusCode,
    ).toBe(204);
    expect(await statusOf(orderId)).toBe('DELIVERED');
    // A late, older status (another event id) never moves anything back.
    const late = signedTrackerEvent(secretB, 'evt_b0', {
      ...tracker,
      id: 'trk_9135862729734d96ad2f9ed0f0565a27',
      status: 'pre_transit',
    });
    expect(
      (await t.inject({ method: 'POST', url, payload: late.body, headers: late.headers })).statusCode,
    ).toBe(204);
    expect(await statusOf(orderId)).toBe('DELIVERED');
    const list = await t.inject({ method: 'GET', url: `/api/v1/shiptest/${orderId}/shipments`, as: asB() });
    expect(list.json<{ items: { status: string }[] }>().items[0]?.status).toBe('delivered');
    expect(calls.filter((c) => c.orderId === orderId).map((c) => c.to)).toEqual([
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);
  });

  it('a tracking webhook that meets the order locked by another replica waits and applies, instead of failing the carrier', async () => {
    const { orderId, created } = await usOrderWithShipment();
    expect(created.statusCode, created.body).toBe(201);
    const trackerId = `trk_${randomBytes(16).toString('hex')}`;
    await sql`update orders.shipments set carrier_tracker_id = ${trackerId} where order_id = ${fromPublicId('ord', orderId) ?? ''}`.execute(
      t.platform.database.owner,
    );
    const tracker = (
      JSON.parse(fixture('easypost-event-tracker-updated.json')) as { result: Record<string, unknown> }
    ).result;
    heldElsewhere.set(orderId, 2);
    const event = signedTrackerEvent(secretB, 'evt_held', { ...tracker, id: trackerId });
    const answer = await t.inject({
      method: 'POST',
      url: `/api/v1/shiptest/shipping/webhooks/${toPublicId('ten', tenantB)}/easypost`,
      payload: event.body,
      headers: event.headers,
    });
    expect(answer.statusCode).toBe(204);
    expect(heldElsewhere.get(orderId)).toBe(0);
    expect(await statusOf(orderId)).toBe('SHIPPED');
    expect(calls.filter((c) => c.orderId === orderId).map((c) => c.to)).toEqual(['PROCESSING', 'SHIPPED']);
  });

  it('webhook: the real vector passes; tampered body or wrong secret → 401; unknown carrier or tenant → 404; bad JSON → 400', async () => {
    const vector = JSON.parse(fixture('easypost-webhook-hmac-vector.json')) as {
      secret: string;
      expected_header_value: string;
    };
    const body = fixture('easypost-event-tracker-updated.json').replace(/\n$/, '');
    await t.platform.secrets.put(
      systemContext(tenantA, 'test', 'test'),
      'orders.easypost.webhook_secret',
      vector.secret,
    );
    const url = (tenant: string, carrier = 'easypost') =>
      `/api/v1/shiptest/shipping/webhooks/${toPublicId('ten', tenant)}/${carrier}`;
    const post = (u: string, payload: string, signature: string) =>
      t.inject({
        method: 'POST',
        url: u,
        payload,
        headers: { 'content-type': 'application/json', 'x-hmac-signature': signature },
      });
    expect((await post(url(tenantA), body, vector.expected_header_value)).statusCode).toBe(204);
    const tampered = await post(url(tenantA), body.replace('FedEx', 'FedEX'), vector.expected_header_value);
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json()).toMatchObject({ code: 'ORDERS_SHIPPING_WEBHOOK_REFUSED' });
    expect((await post(url(tenantB), body, vector.expected_header_value)).statusCode).toBe(401);
    expect((await post(url(tenantA, 'simulator'), body, vector.expected_header_value)).statusCode).toBe(404);
    expect(
      (await post('/api/v1/shiptest/shipping/webhooks/ten_nope/easypost', body, vector.expected_header_value))
        .statusCode,
    ).toBe(404);
    const bad = '{"id":"evt_x\\u0000","description":"tracker.updated"}';
    const res = await post(url(tenantA), bad, easypostSignature(vector.secret, bad));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'body.id' }] });
  });

  it('isolation and hostile input on the order routes', async () => {
    const orderA = await seedOrder(tenantA, { status: 'CONFIRMED' });
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/shiptest/${orderA}/shipments`, as: asB() })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/shiptest/${orderA}/shipping-rates`, as: asB() }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/shiptest/ord_nope/shipments`, as: asA() })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/shiptest/${orderA}/shipments`,
          as: { tenant: tenantA },
        })
      ).statusCode,
    ).toBe(403);
    for (const [rateId, status] of [
      ['a\u0000b', 400],
      ['x'.repeat(10_000), 400],
      ['📦\u202e.abc', 422],
      ['e30.0000', 422],
    ] as const) {
      const res = await t.inject({
        method: 'POST',
        url: `/api/v1/shiptest/${orderA}/shipments`,
        payload: { rateId },
        as: asA(),
      });
      expect(res.statusCode, rateId.slice(0, 10)).toBe(status);
      expect(JSON.stringify(res.json())).toContain('body.rateId');
    }
    // A rate of another order is refused.
    const orderA2 = await seedOrder(tenantA, { status: 'CONFIRMED' });
    const other = (
      await t.inject({ method: 'GET', url: `/api/v1/shiptest/${orderA2}/shipping-rates`, as: asA() })
    ).json<{ items: { id: string }[] }>();
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/shiptest/${orderA}/shipments`,
      payload: { rateId: other.items[0]?.id },
      as: asA(),
    });
    expect(res.statusCode).toBe(422);
    const pending = await seedOrder(tenantA, { status: 'PENDING' });
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/shiptest/${pending}/shipments`,
          payload: {},
          as: asA(),
        })
      ).statusCode,
    ).toBe(409);
  });

  describe('analytics and saved views (the module’s own routes)', () => {
    let tenant: string;
    beforeAll(async () => {
      tenant = (await createTenant(t.platform)).tenant.uuid;
    });
    const as = (actor = 'usr_one') => ({ tenant, actor, permissions: ['orders:read'] });

    it('counts orders and revenue per Berlin day, refunds, statuses, top products and fulfilment times', async () => {
      await seedOrder(tenant, {
        status: 'CONFIRMED',
        total: 1000,
        placedAt: '2025-03-01T10:00:00Z',
        lines: [{ sku: 'sku-a', quantity: 2, total: 1000 }],
      });
      const b = await seedOrder(tenant, {
        status: 'DELIVERED',
        total: 3000,
        refunded: 500,
        placedAt: '2025-03-01T23:30:00Z',
        lines: [{ sku: 'sku-b', quantity: 1, total: 3000 }],
      });
      await seedOrder(tenant, { status: 'CANCELLED', total: 2000, placedAt: '2025-03-01T12:00:00Z' });
      const d = await seedOrder(tenant, {
        status: 'SHIPPED',
        currency: 'USD',
        total: 9999,
        placedAt: '2025-03-02T12:00:00Z',
      });
      await seedOrder(tenant, { status: 'PENDING', total: 500, placedAt: '2025-03-03T12:00:00Z' });
      await seedOrder(tenant, {
        status: 'PROCESSING',
        total: 700,
        placedAt: '2025-03-03T22:59:59Z',
        lines: [{ sku: 'sku-a', quantity: 1, total: 700 }],
      });
      await seedOrder(tenant, { status: 'CONFIRMED', total: 100, placedAt: '2025-03-03T23:00:00Z' });
      const ship = async (
        orderId: string,
        placed: string,
        shippedHours: number,
        deliveredHours: number | null,
      ) => {
        const at = (h: number) => new Date(Date.parse(placed) + h * 3_600_000).toISOString();
        await sql`insert into orders.shipments (id, tenant_id, order_id, carrier, service, status, created_by, shipped_at, delivered_at)
        values (${newUuid()}, ${tenant}, ${fromPublicId('ord', orderId) ?? ''}, 'simulator', 'x', ${deliveredHours === null ? 'in_transit' : 'delivered'}, 'test',
        ${at(shippedHours)}, ${deliveredHours === null ? null : at(deliveredHours)})`.execute(
          t.platform.database.owner,
        );
      };
      await ship(b, '2025-03-01T23:30:00Z', 24, 48);
      await ship(d, '2025-03-02T12:00:00Z', 12, null);
      const res = await t.inject({
        method: 'GET',
        url: '/api/v1/orders/analytics?from=2025-03-01&to=2025-03-03&currency=EUR&timeZone=Europe/Berlin',
        as: as(),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        currency: 'EUR',
        timeZone: 'Europe/Berlin',
        days: [
          { date: '2025-03-01', orders: 1, revenueMinor: 1000, averageOrderValueMinor: 1000 },
          { date: '2025-03-02', orders: 1, revenueMinor: 3000, averageOrderValueMinor: 3000 },
          { date: '2025-03-03', orders: 1, revenueMinor: 700, averageOrderValueMinor: 700 },
        ],
        totals: { orders: 3, revenueMinor: 4700, refundedMinor: 500, averageOrderValueMinor: 1567 },
        byStatus: { CANCELLED: 1, CONFIRMED: 1, DELIVERED: 1, PENDING: 1, PROCESSING: 1, SHIPPED: 1 },
        topProducts: [
          { sku: 'sku-b', name: 'Product sku-b', quantity: 1, revenueMinor: 3000 },
          { sku: 'sku-a', name: 'Product sku-a', quantity: 3, revenueMinor: 1700 },
        ],
        fulfilment: { shipped: 2, medianHoursToShip: 18, p90HoursToShip: 22.8, medianHoursToDeliver: 48 },
      });
      // Another tenant sees nothing of it.
      const other = await t.inject({
        method: 'GET',
        url: '/api/v1/orders/analytics?from=2025-03-01&to=2025-03-03&currency=EUR',
        as: { tenant: (await createTenant(t.platform)).tenant.uuid, permissions: ['orders:read'] },
      });
      expect(other.json()).toMatchObject({ totals: { orders: 0, revenueMinor: 0 }, byStatus: {} });
      for (const [query, field] of [
        ['from=2025-02-30&to=2025-03-03&currency=EUR', 'from'],
        ['from=2025-03-03&to=2025-03-01&currency=EUR', 'to'],
        ['from=2024-01-01&to=2025-03-01&currency=EUR', 'to'],
        ['from=2025-03-01&to=2025-03-03&currency=eur', 'currency'],
        ['from=2025-03-01&to=2025-03-03&currency=EUR&timeZone=Mars/Base', 'timeZone'],
        [
          `from=2025-03-01&to=2025-03-03&currency=EUR&timeZone=${encodeURIComponent("Europe/Berlin'; drop table x;--")}`,
          'timeZone',
        ],
      ] as const) {
        const bad = await t.inject({ method: 'GET', url: `/api/v1/orders/analytics?${query}`, as: as() });
        expect(bad.statusCode, query).toBe(400);
        expect(JSON.stringify(bad.json()), query).toContain(`querystring.${field}`);
      }
    });

    it('saved views: CRUD per user, filters checked, hostile names refused', async () => {
      const create = (payload: unknown, actor?: string) =>
        t.inject({ method: 'POST', url: '/api/v1/orders/views', payload: payload as object, as: as(actor) });
      const made = await create({
        name: 'Open 📦 مرحبا',
        filters: { status: 'PENDING,CONFIRMED', totalMin: 1000, sku: 'SKU-1', placedFrom: '2025-01-01' },
      });
      expect(made.statusCode).toBe(201);
      const view = made.json<{ id: string; filters: Record<string, string> }>();
      expect(view.id).toMatch(/^view_/);
      expect(view.filters).toEqual({
        status: 'PENDING,CONFIRMED',
        totalMin: '1000',
        sku: 'SKU-1',
        placedFrom: '2025-01-01',
      });
      expect((await create({ name: 'Open 📦 مرحبا', filters: {} })).statusCode).toBe(409);
      expect((await create({ name: 'Open 📦 مرحبا', filters: {} }, 'usr_two')).statusCode).toBe(201);
      const mine = await t.inject({ method: 'GET', url: '/api/v1/orders/views', as: as() });
      expect(mine.json<{ items: unknown[] }>().items).toHaveLength(1);
      // Another user cannot remove it; the owner can.
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/orders/views/${view.id}`, as: as('usr_two') }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/orders/views/${view.id}`, as: as() })).statusCode,
      ).toBe(204);
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/orders/views/${view.id}`, as: as() })).statusCode,
      ).toBe(404);
      expect(
        (await t.inject({ method: 'DELETE', url: '/api/v1/orders/views/view_nope', as: as() })).statusCode,
      ).toBe(404);
      for (const [payload, field] of [
        [{ name: 'a\u0000b', filters: {} }, 'body.name'],
        [{ name: 'x'.repeat(10_000), filters: {} }, 'body.name'],
        [{ name: 'ok', filters: { status: 'SHIPPED,LOST' } }, 'body.filters.status'],
        [{ name: 'ok', filters: { totalMin: '-1' } }, 'body.filters.totalMin'],
        [{ name: 'ok', filters: { customerId: 'ord_x' } }, 'body.filters.customerId'],
        [{ name: 'ok', filters: { placedTo: 'yesterday' } }, 'body.filters.placedTo'],
        [{ name: 'ok', filters: { hack: '1' } }, 'body.filters'],
      ] as const) {
        const res = await create(payload);
        expect(res.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
        expect(JSON.stringify(res.json())).toContain(field);
      }
    });
  });
});
