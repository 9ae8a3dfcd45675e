import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryLevel, Product } from '../../src/modules/catalog/index.js';
import type { OrderDetail, OrderStatus, ShippingRate, Shipment } from '../../src/modules/orders/index.js';
import { createTenant, createUser } from '../support/identity.js';
import { createTestPlatform, type As, type TestPlatform } from '../support/test-platform.js';
import { startErp, type RunningErp } from './erp.js';

/*
 * Issue 17's "Done means", through HTTP only: products created through the API, inventory synced
 * from a SOAP ERP, a client places an order on the portal (/ext/v1/orders) paying with the
 * simulator's card 4242…, the order confirms by itself, an employee buys a label from the simulated
 * carrier, the carrier's tracking moves the order to SHIPPED and DELIVERED, a partial refund — and
 * every step is in the order's timeline and in the audit log. Then the last unit of a product, two
 * clients racing for it: one order, one 409.
 */

type Json = Record<string, unknown>;
interface Problem {
  status: number;
  code: string;
  fields?: { field: string }[];
  errors?: { field: string }[];
}
interface AuditEntry {
  action: string;
  actor: { type: string; id: string };
  target: { type: string; id: string } | null;
  details: Json;
}

const address = {
  name: 'Ada Lovelace',
  line1: 'Invalidenstraße 116',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const card = (number = '4242424242424242') => ({
  gateway: 'simulator',
  method: { type: 'test_card', number },
});

describe('commerce: the first order, from an empty catalog to a partial refund', () => {
  let t: TestPlatform;
  let erp: RunningErp | undefined;
  let employee: As;
  let client: As;
  let otherClient: As;

  const send = async (
    as: As,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    t.inject({
      method,
      url,
      as,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
  // The caller names what the body is, as res.json<T>() does.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 500)}`).toBe(status);
    return res.json<T>();
  };

  beforeAll(async () => {
    t = await createTestPlatform({
      role: 'start',
      env: {
        SWITCHBOARD_SIMULATOR_SPEED: '100000',
        SWITCHBOARD_RATE_LIMIT_INTERNAL: '1000000',
        SWITCHBOARD_RATE_LIMIT_EXTERNAL: '1000000',
      },
    });
    const { tenant } = await createTenant(t.platform);
    const staff = await createUser(t.platform, tenant, { roles: ['order_manager'] });
    const buyer = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const rival = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    employee = {
      tenant: tenant.uuid,
      actor: staff.user.id,
      permissions: [
        'products:read',
        'products:write',
        'inventory:write',
        'orders:read',
        'orders:write',
        'payments:refund',
        'commerce:configure',
        'audit:read',
      ],
    };
    const portal = ['portal:read', 'portal:orders:write'];
    client = { tenant: tenant.uuid, actor: buyer.user.id, permissions: portal };
    otherClient = { tenant: tenant.uuid, actor: rival.user.id, permissions: portal };
  }, 120_000);
  afterAll(async () => {
    await erp?.close();
    await t.close();
  });

  it('places, confirms, ships, delivers and partly refunds an order; every step is on record', async () => {
    // 1. Products through the API.
    const mug = ok<Product>(
      await send(employee, 'POST', '/api/v1/catalog/products', {
        sku: 'MUG-001',
        name: 'Ceramic mug',
        status: 'active',
        attributes: { colour: 'blue', weight_g: 350 },
        prices: [
          { amountMinor: 1299, currency: 'EUR' },
          { amountMinor: 1499, currency: 'USD' },
        ],
      }),
      201,
    );
    expect(mug.id).toMatch(/^prod_/);
    const location = ok<{ id: string }>(
      await send(employee, 'POST', '/api/v1/catalog/locations', { code: 'BER', name: 'Berlin' }),
      201,
    );

    // 2. Inventory from the ERP (SOAP): 10 mugs in the ERP's warehouse WH-1, mapped to Berlin.
    erp = await startErp([{ sku: 'MUG-001', warehouse: 'WH-1', quantity: 10 }]);
    ok(
      await send(employee, 'PUT', '/api/v1/catalog/erp/connection', {
        endpoint: erp.endpoint,
        enabled: true,
        intervalMinutes: 60,
        locationMap: { 'WH-1': location.id },
        username: erp.username,
        password: erp.password,
      }),
    );
    const sync = ok<{ id: string }>(
      await send(employee, 'POST', '/api/v1/catalog/erp/syncs', { kind: 'inventory' }),
      202,
    );
    await expect
      .poll(
        async () =>
          (await send(employee, 'GET', `/api/v1/catalog/erp/syncs/${sync.id}`)).json<{ state: string }>()
            .state,
        { timeout: 30_000, interval: 100 },
      )
      .toBe('succeeded');
    expect(erp.callers()).toContain(erp.username);
    const levels = ok<{ items: InventoryLevel[] }>(
      await send(employee, 'GET', `/api/v1/catalog/inventory?productId=${mug.id}`),
    );
    expect(levels.items).toEqual([
      expect.objectContaining({ productId: mug.id, locationId: location.id, onHand: 10, available: 10 }),
    ]);

    // The shop's settings: simulator gateway and carrier, German VAT, one shipping option.
    ok(
      await send(employee, 'PUT', '/api/v1/orders/settings', {
        taxRates: [{ country: 'DE', rateBasisPoints: 1900 }],
        pricesIncludeTax: false,
        shippingOptions: [{ id: 'standard', name: 'Standard', price: { amountMinor: 490, currency: 'EUR' } }],
        captureMode: 'automatic',
        defaultGateway: 'simulator',
        defaultCarrier: 'simulator',
        cancellableStatuses: ['PENDING', 'CONFIRMED', 'PROCESSING'],
      }),
    );

    // 3. The client orders two mugs on the portal; the same request again replays the first answer.
    const idempotencyKey = randomUUID();
    const orderBody = {
      email: 'ada@example.test',
      currency: 'EUR',
      lines: [{ sku: 'MUG-001', quantity: 2 }],
      shippingAddress: address,
      shippingOption: 'standard',
      payment: card(),
    };
    const placed = ok<OrderDetail>(
      await send(client, 'POST', '/ext/v1/orders', orderBody, { 'idempotency-key': idempotencyKey }),
      201,
    );
    expect(placed.status).toBe('PENDING');
    expect(placed.channel).toBe('portal');
    expect(placed.customerId).toBe(client.actor);
    // 2 × 12.99 + 4.90 shipping, 19 % VAT on both.
    expect(placed.subtotal).toEqual({ amountMinor: 2598, currency: 'EUR' });
    expect(placed.total.amountMinor).toBe(
      placed.subtotal.amountMinor + placed.shipping.amountMinor + placed.tax.amountMinor,
    );
    const replay = await send(client, 'POST', '/ext/v1/orders', orderBody, {
      'idempotency-key': idempotencyKey,
    });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json<OrderDetail>().id).toBe(placed.id);

    // Another client does not see it.
    expect((await send(otherClient, 'GET', `/ext/v1/orders/${placed.id}`)).statusCode).toBe(404);

    // 4. The place-order workflow confirms it: stock reserved, payment authorised and captured.
    const statusOf = async (as: As, base: string): Promise<OrderStatus> =>
      (await send(as, 'GET', `${base}/${placed.id}`)).json<OrderDetail>().status;
    await expect
      .poll(() => statusOf(client, '/ext/v1/orders'), { timeout: 30_000, interval: 100 })
      .toBe('CONFIRMED');
    // The workflow confirms first and captures after (captureMode automatic): wait for the capture.
    await expect
      .poll(
        async () =>
          ok<OrderDetail>(await send(employee, 'GET', `/api/v1/orders/${placed.id}`)).payments[0]?.status,
        { timeout: 30_000, interval: 100 },
      )
      .toBe('captured');
    const confirmed = ok<OrderDetail>(await send(employee, 'GET', `/api/v1/orders/${placed.id}`));
    expect(confirmed.payments).toHaveLength(1);
    expect(confirmed.payments[0]).toMatchObject({
      gateway: 'simulator',
      status: 'captured',
      capturedMinor: confirmed.total.amountMinor,
      method: { last4: '4242' },
    });
    expect(JSON.stringify(confirmed)).not.toContain('4242424242424242');
    const held = ok<{ items: InventoryLevel[] }>(
      await send(employee, 'GET', `/api/v1/catalog/inventory?productId=${mug.id}`),
    );
    expect(held.items[0]).toMatchObject({ onHand: 10, reserved: 2, available: 8 });

    // 5. An employee buys a label from the simulated carrier: PROCESSING.
    const rates = ok<{ items: ShippingRate[] }>(
      await send(employee, 'GET', `/api/v1/orders/${placed.id}/shipping-rates`),
    );
    expect(rates.items.length).toBeGreaterThan(0);
    const cheapest = [...rates.items].sort((a, b) => a.price.amountMinor - b.price.amountMinor)[0];
    const shipment = ok<Shipment>(
      await send(employee, 'POST', `/api/v1/orders/${placed.id}/shipments`, { rateId: cheapest?.id }),
      201,
    );
    expect(shipment.id).toMatch(/^shp_/);
    expect(shipment.trackingCode).toBeTruthy();
    expect(shipment.labelUrl).toBeTruthy();

    // 6. The carrier's tracking (the simulator, sped up) moves it to SHIPPED and DELIVERED.
    await expect
      .poll(() => statusOf(employee, '/api/v1/orders'), { timeout: 60_000, interval: 200 })
      .toBe('DELIVERED');
    const delivered = ok<OrderDetail>(await send(employee, 'GET', `/api/v1/orders/${placed.id}`));
    expect(delivered.history.map((h) => h.to)).toEqual([
      'PENDING',
      'CONFIRMED',
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);
    expect(delivered.history.find((h) => h.to === 'PROCESSING')?.actor).toBe(employee.actor);
    expect(delivered.shipments[0]?.status).toBe('delivered');
    expect(delivered.shipments[0]?.deliveredAt).toBeTruthy();
    // Shipped stock left on hand and reserved.
    const shipped = ok<{ items: InventoryLevel[] }>(
      await send(employee, 'GET', `/api/v1/catalog/inventory?productId=${mug.id}`),
    );
    expect(shipped.items[0]).toMatchObject({ onHand: 8, reserved: 0, available: 8 });

    // 7. A partial refund: 5.00 back, the order stays DELIVERED.
    const refunded = ok<OrderDetail>(
      await send(employee, 'POST', `/api/v1/orders/${placed.id}/refunds`, {
        amountMinor: 500,
        reason: 'chipped handle',
      }),
    );
    expect(refunded.status).toBe('DELIVERED');
    expect(refunded.refunded).toEqual({ amountMinor: 500, currency: 'EUR' });
    expect(refunded.payments[0]).toMatchObject({ status: 'partially_refunded', refundedMinor: 500 });
    // The client sees it too, without internal notes.
    const seen = ok<OrderDetail>(await send(client, 'GET', `/ext/v1/orders/${placed.id}`));
    expect(seen.refunded.amountMinor).toBe(500);
    const list = ok<{ items: { id: string }[] }>(await send(client, 'GET', '/ext/v1/orders'));
    expect(list.items.map((o) => o.id)).toContain(placed.id);
    expect(
      ok<{ items: { id: string }[] }>(await send(otherClient, 'GET', '/ext/v1/orders')).items.map(
        (o) => o.id,
      ),
    ).not.toContain(placed.id);

    // 8. The timeline has every step.
    const kinds = refunded.timeline.map((e) => e.kind);
    for (const kind of ['status', 'payment', 'shipment', 'tracking', 'refund'] as const)
      expect(kinds, `timeline has a ${kind} entry`).toContain(kind);
    const statusEntries = refunded.timeline.filter((e) => e.kind === 'status').map((e) => e.detail);
    expect(statusEntries.length).toBeGreaterThanOrEqual(5);
    const times = refunded.timeline.map((e) => Date.parse(String(e.at)));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    // 9. And the audit log: the order placed by the client, the label bought and the refund by the employee.
    const audit = ok<{ items: AuditEntry[] }>(await send(employee, 'GET', '/api/v1/audit?limit=500'));
    const ofOrder = audit.items.filter(
      (e) => e.target?.id === placed.id || JSON.stringify(e.details).includes(placed.id),
    );
    const actions = ofOrder.map((e) => `${e.action} by ${e.actor.id}`);
    expect(
      ofOrder.some((e) => /^orders\..*(creat|plac)/.test(e.action) && e.actor.id === client.actor),
      actions.join('; '),
    ).toBe(true);
    expect(
      ofOrder.some((e) => /(shipment|label)/.test(e.action) && e.actor.id === employee.actor),
      actions.join('; '),
    ).toBe(true);
    expect(
      ofOrder.some((e) => /refund/.test(e.action) && e.actor.id === employee.actor),
      actions.join('; '),
    ).toBe(true);
    expect(audit.items.some((e) => e.action.startsWith('catalog.') && e.target?.id === mug.id)).toBe(true);
    expect(ok<{ intact: boolean }>(await send(employee, 'GET', '/api/v1/audit/verify')).intact).toBe(true);
  }, 180_000);

  it('never oversells: two clients racing for the last unit get one order and one 409', async () => {
    const last = ok<Product>(
      await send(employee, 'POST', '/api/v1/catalog/products', {
        sku: 'LAMP-LAST',
        name: 'The last lamp',
        status: 'active',
        prices: [{ amountMinor: 4900, currency: 'EUR' }],
      }),
      201,
    );
    const race = ok<{ id: string }>(
      await send(employee, 'POST', '/api/v1/catalog/locations', { code: 'RACE', name: 'Race' }),
      201,
    );
    ok(
      await send(employee, 'PUT', `/api/v1/catalog/inventory/${last.id}/${race.id}`, {
        onHand: 1,
        reason: 'one left',
      }),
    );
    const order = (as: As) =>
      send(
        as,
        'POST',
        '/ext/v1/orders',
        {
          email: 'racer@example.test',
          currency: 'EUR',
          lines: [{ sku: 'LAMP-LAST', quantity: 1 }],
          shippingAddress: address,
          shippingOption: 'standard',
          payment: card(),
        },
        { 'idempotency-key': randomUUID() },
      );
    const answers = await Promise.all([order(client), order(otherClient)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    const problem = refused?.json<Problem>();
    expect(refused?.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem?.code).toBe('CATALOG_OUT_OF_STOCK');
    expect([...(problem?.fields ?? []), ...(problem?.errors ?? [])].map((f) => f.field)).toContain(
      'body.lines.0.quantity',
    );
    const level = ok<{ items: InventoryLevel[] }>(
      await send(employee, 'GET', `/api/v1/catalog/inventory?productId=${last.id}`),
    );
    expect(level.items[0]).toMatchObject({ onHand: 1, reserved: 1, available: 0 });

    // A third try after the race is refused as well; the winner's order confirms.
    expect((await order(client)).statusCode).toBe(409);
    const won = answers.find((a) => a.statusCode === 201)?.json<OrderDetail>();
    const winner = won?.customerId === client.actor ? client : otherClient;
    await expect
      .poll(
        async () => (await send(winner, 'GET', `/ext/v1/orders/${won?.id ?? ''}`)).json<OrderDetail>().status,
        { timeout: 30_000, interval: 100 },
      )
      .toBe('CONFIRMED');
  }, 120_000);
});
