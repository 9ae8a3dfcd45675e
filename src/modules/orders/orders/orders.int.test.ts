import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { fakeCatalog, fakePayments, installFakes } from './testing/commerce.fakes.js';

/**
 * Orders over HTTP with fakes of the catalog and payments (role api: the place-order workflow is
 * queued, not run, so orders stay PENDING unless a test moves them).
 */
interface MoneyJson {
  amountMinor: number;
  currency: string;
}
/** What the tests read of a response: an order, a return or a problem. */
interface R {
  id: string;
  code: string;
  errors: { field: string; message: string }[];
  number: string;
  status: string;
  version: number;
  customerId: string | null;
  channel: string;
  subtotal: MoneyJson;
  discount: MoneyJson;
  shipping: MoneyJson;
  tax: MoneyJson;
  total: MoneyJson;
  refunded: MoneyJson;
  shippingAddress: { name: string };
  lines: { id: string; discount: MoneyJson; tax: MoneyJson; total: MoneyJson; returnedQuantity: number }[];
  history: { to: string; reason: string }[];
  timeline: { kind: string }[];
}

const staff = ['orders:read', 'orders:write', 'payments:refund', 'commerce:configure'];
const address = {
  name: 'Ada Lovelace',
  line1: '1 Main St',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};
const card = { method: { type: 'test_card', number: '4242424242424242' } };

describe('orders', () => {
  let t: TestPlatform;
  let tenant: string;
  let ctx: RequestContext;
  let other: string;
  const catalog = fakeCatalog([
    { sku: 'MUG', name: 'Mug', prices: { EUR: 1000, JPY: 1500 }, stock: 100 },
    { sku: 'TEE', name: 'T-shirt', prices: { EUR: 2500 }, stock: 100, taxClass: 'reduced' },
    { sku: 'FEW', prices: { EUR: 500 }, stock: 1 },
    { sku: 'DRAFT', status: 'draft', prices: { EUR: 100 }, stock: 5 },
  ]);
  const payments = fakePayments();
  let keyN = 0;
  const key = () => `key-${(keyN += 1)}`;

  const create = (body: object, options: { key?: string; as?: string; tenant?: string } = {}) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'idempotency-key': options.key ?? key() },
      payload: {
        email: 'ada@example.test',
        currency: 'EUR',
        lines: [{ sku: 'MUG', quantity: 2 }],
        shippingAddress: address,
        payment: card,
        ...body,
      },
      as: { tenant: options.tenant ?? tenant, permissions: staff },
    });
  const get = (id: string, t2 = tenant) =>
    t.inject({ method: 'GET', url: `/api/v1/orders/${id}`, as: { tenant: t2, permissions: staff } });
  const move = (id: string, status: string, headers: Record<string, string> = {}) =>
    t.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/status`,
      headers,
      payload: { status, reason: 'test' },
      as: { tenant, permissions: staff },
    });

  beforeAll(async () => {
    t = await createTestPlatform();
    installFakes(t.platform.modules, catalog, payments);
    ({ ctx } = await createTenant(t.platform));
    tenant = ctx.tenantId;
    other = (await createTenant(t.platform)).ctx.tenantId;
    const settings = await t.inject({
      method: 'PUT',
      url: '/api/v1/orders/settings',
      payload: {
        taxRates: [
          { country: 'DE', rateBasisPoints: 1900 },
          { country: 'DE', taxClass: 'reduced', rateBasisPoints: 700 },
          { country: 'US', rateBasisPoints: 0 },
          { country: 'US', region: 'CA', rateBasisPoints: 725 },
        ],
        shippingOptions: [
          {
            id: 'std',
            name: 'Standard',
            countries: ['DE'],
            price: { amountMinor: 490, currency: 'EUR' },
            freeOverMinor: 10000,
          },
          { id: 'jp', name: 'Japan Post', countries: ['JP'], price: { amountMinor: 800, currency: 'JPY' } },
        ],
      },
      as: { tenant, permissions: staff },
    });
    expect(settings.statusCode, settings.body).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await t.close();
  });

  it('computes totals: tax per class, discount allocated over lines, shipping free over a threshold', async () => {
    const d = await t.inject({
      method: 'POST',
      url: '/api/v1/orders/discounts',
      payload: { code: 'ten', kind: 'percent', percentBasisPoints: 1000 },
      as: { tenant, permissions: staff },
    });
    expect(d.statusCode, d.body).toBe(201);
    const res = await create({
      lines: [
        { sku: 'MUG', quantity: 2 },
        { sku: 'TEE', quantity: 1 },
      ],
      discountCode: 'TEN',
    });
    expect(res.statusCode, res.body).toBe(201);
    const order = res.json<R>();
    // 2 × 10.00 + 25.00 = 45.00; 10 % = 4.50 split 2.00 / 2.50; MUG 18.00 + 19 % = 3.42; TEE 22.50 + 7 % = 1.58 (1.575 rounded up)
    expect(order.subtotal.amountMinor).toBe(4500);
    expect(order.discount.amountMinor).toBe(450);
    expect(order.lines.map((l: { discount: { amountMinor: number } }) => l.discount.amountMinor)).toEqual([
      200, 250,
    ]);
    expect(order.lines.map((l: { tax: { amountMinor: number } }) => l.tax.amountMinor)).toEqual([342, 158]);
    // Shipping 4.90 + 19 % = 0.93 tax
    expect(order.shipping.amountMinor).toBe(490);
    expect(order.tax.amountMinor).toBe(342 + 158 + 93);
    expect(order.total.amountMinor).toBe(4050 + 500 + 490 + 93);
    expect(order.status).toBe('PENDING');
    expect(order.number).toMatch(/^SO-\d{6}$/);
    const big = (await create({ lines: [{ sku: 'MUG', quantity: 10 }] })).json<R>();
    expect(big.shipping.amountMinor).toBe(0);
  });

  it('a JPY order has no decimals: the yen price as it is', async () => {
    const res = await create({
      currency: 'JPY',
      shippingAddress: { ...address, city: 'Tokyo', postalCode: '100-0001', country: 'JP' },
      lines: [{ sku: 'MUG', quantity: 3 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<R>()).toMatchObject({
      currency: 'JPY',
      subtotal: { amountMinor: 4500, currency: 'JPY' },
      shipping: { amountMinor: 800 },
      total: { amountMinor: 5300 },
    });
  });

  it('numbers orders per tenant from a counter', async () => {
    const a = (await create({}, { tenant: other })).json<R>();
    const b = (await create({}, { tenant: other })).json<R>();
    expect([a.number, b.number]).toEqual(['SO-000001', 'SO-000002']);
  });

  it('replays the first response for the same key and body, 422 for another body, one order for concurrent requests', async () => {
    const k = key();
    const first = await create({}, { key: k });
    const again = await create({}, { key: k });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<R>()).toEqual(first.json<R>());
    const changed = await create({ lines: [{ sku: 'MUG', quantity: 3 }] }, { key: k });
    expect(changed.statusCode).toBe(422);
    expect(changed.json<R>().code).toBe('ORDERS_IDEMPOTENCY_KEY_REUSED');
    // Keys are per tenant: the same key elsewhere is a new order.
    expect((await create({}, { key: k, tenant: other })).headers['idempotent-replayed']).toBeUndefined();

    const k2 = key();
    const results = await Promise.all(Array.from({ length: 4 }, () => create({}, { key: k2 })));
    const ids = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.statusCode);
    const listed = await t.inject({
      method: 'GET',
      url: `/api/v1/orders?email=ada@example.test&limit=200`,
      as: { tenant, permissions: staff },
    });
    expect(listed.json<{ items: { id: string }[] }>().items.filter((o) => ids.has(o.id))).toHaveLength(1);
  });

  it('requires the Idempotency-Key', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      payload: {},
      as: { tenant, permissions: staff },
    });
    expect(res.statusCode).toBe(400);
  });

  it('names the field of bad input: unknown SKU, not for sale, no price, addresses, hostile strings', async () => {
    const fieldsOf = (res: { json: () => unknown }) =>
      ((res.json() as Partial<R>).errors ?? []).map((e) => e.field);
    const bad = await create({
      lines: [
        { sku: 'NOPE', quantity: 1 },
        { sku: 'DRAFT', quantity: 1 },
        { sku: 'TEE', quantity: 1 },
      ],
      currency: 'USD',
      shippingAddress: { ...address, country: 'US', region: 'CA', postalCode: '94103' },
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad)).toEqual(['body.lines.0.sku', 'body.lines.1.sku', 'body.lines.2.sku']);
    const postal = await create({ shippingAddress: { ...address, country: 'GB', postalCode: '12345' } });
    expect(postal.statusCode).toBe(422);
    expect(fieldsOf(postal)).toEqual(['body.shippingAddress.postalCode']);
    for (const [country, code] of [
      ['US', '1234'],
      ['CA', '12345'],
      ['NL', '1234'],
      ['IN', '012345'],
      ['AU', '12345'],
      ['FR', '7500'],
    ])
      expect(fieldsOf(await create({ shippingAddress: { ...address, country, postalCode: code } }))).toEqual([
        'body.shippingAddress.postalCode',
      ]);
    const country = await create({ shippingAddress: { ...address, country: 'QQ' } });
    expect(country.statusCode).toBe(400);
    expect(fieldsOf(country)).toContain('body.shippingAddress.country');
    const nul = await create({ shippingAddress: { ...address, name: 'Ada\u0000' } });
    expect(nul.statusCode).toBe(400);
    expect(fieldsOf(nul)).toContain('body.shippingAddress.name');
    const long = await create({ shippingAddress: { ...address, name: 'x'.repeat(10_000) } });
    expect(long.statusCode).toBe(400);
    expect(fieldsOf(long)).toContain('body.shippingAddress.name');
    const emoji = await create({ shippingAddress: { ...address, name: 'Ada 🚀 لوفليس' }, note: '🎉' });
    expect(emoji.statusCode, emoji.body).toBe(201);
    expect(emoji.json<R>().shippingAddress.name).toBe('Ada 🚀 لوفليس');
    const discount = await create({ discountCode: 'NOPE' });
    expect(fieldsOf(discount)).toEqual(['body.discountCode']);
  });

  it('passes out of stock through as 409 and stores nothing', async () => {
    const res = await create({ lines: [{ sku: 'FEW', quantity: 2 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json<R>().code).toBe('CATALOG_OUT_OF_STOCK');
    expect(catalog.available('FEW')).toBe(1);
  });

  it('walks the state machine: allowed moves, 409 for others, the same move twice a no-op, history and events', async () => {
    const id = (await create({})).json<{ id: string }>().id;
    expect((await move(id, 'SHIPPED')).statusCode).toBe(409);
    expect((await move(id, 'CONFIRMED')).json<R>().status).toBe('CONFIRMED');
    const again = await move(id, 'CONFIRMED');
    expect(again.statusCode).toBe(200);
    expect((await move(id, 'PENDING')).json<R>().code).toBe('ORDERS_INVALID_TRANSITION');
    for (const s of ['PROCESSING', 'SHIPPED', 'DELIVERED'])
      expect((await move(id, s)).json<R>().status).toBe(s);
    expect((await move(id, 'CANCELLED')).statusCode).toBe(409);
    expect((await move(id, 'REFUNDED')).statusCode).toBe(422);
    const detail = (await get(id)).json<R>();
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual([
      'PENDING',
      'CONFIRMED',
      'PROCESSING',
      'SHIPPED',
      'DELIVERED',
    ]);
    expect(detail.timeline.filter((e: { kind: string }) => e.kind === 'status')).toHaveLength(5);
  });

  it('two concurrent transitions: one wins, one 409; a held row lock is a 409 at once', async () => {
    const id = (await create({})).json<{ id: string; version: number }>().id;
    const { version } = (await get(id)).json<{ version: number }>();
    const [a, b] = await Promise.all([
      move(id, 'CONFIRMED', { 'if-match': `"${version}"` }),
      move(id, 'CANCELLED', { 'if-match': `"${version}"` }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes[0]).toBe(200);
    expect(codes[1]).toBe(409);
    const id2 = (await create({})).json<{ id: string }>().id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.platform.database.withTenant(ctx, async (trx) => {
      await trx
        .selectFrom('orders.orders' as never)
        .select('id' as never)
        .forUpdate()
        .execute();
      locked();
      await held;
    });
    await isLocked;
    const blocked = await move(id2, 'CONFIRMED');
    release();
    await holder;
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<R>().code).toBe('ORDERS_CONCURRENT_CHANGE');
  });

  it('cancel releases the reservation and voids the authorisation; not once shipped', async () => {
    const id = (await create({ lines: [{ sku: 'MUG', quantity: 4 }] })).json<{
      id: string;
      total: { amountMinor: number };
    }>().id;
    const before = catalog.available('MUG');
    const pay = await payments.service.authorize(ctx, {
      orderId: id,
      amount: { amountMinor: 100, currency: 'EUR' } as const,
      method: { type: 'test_card', number: '4242424242424242' },
      idempotencyKey: `k-${id}`,
    });
    const res = await t.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${id}?reason=customer%20asked`,
      as: { tenant, permissions: staff },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<R>().status).toBe('CANCELLED');
    expect(catalog.available('MUG')).toBe(before + 4);
    expect((await payments.service.get(ctx, pay.id)).status).toBe('voided');
    const shipped = (await create({})).json<{ id: string }>().id;
    for (const s of ['CONFIRMED', 'PROCESSING', 'SHIPPED']) await move(shipped, s);
    expect(
      (
        await t.inject({
          method: 'DELETE',
          url: `/api/v1/orders/${shipped}`,
          as: { tenant, permissions: staff },
        })
      ).statusCode,
    ).toBe(409);
  });

  async function capturedOrder(lines = [{ sku: 'MUG', quantity: 2 }]) {
    const order = (await create({ lines })).json<{
      id: string;
      total: { amountMinor: number; currency: string };
      lines: { id: string; total: { amountMinor: number } }[];
    }>();
    const pay = await payments.service.authorize(ctx, {
      orderId: order.id,
      amount: order.total,
      method: { type: 'test_card', number: '4242424242424242' },
      idempotencyKey: `k-${order.id}`,
    });
    await payments.service.capture(ctx, pay.id, { idempotencyKey: `c-${order.id}` });
    await move(order.id, 'CONFIRMED');
    return order;
  }

  it('a partial refund keeps the status; the rest makes it REFUNDED; never more than captured', async () => {
    const order = await capturedOrder();
    const refund = (body: object) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/refunds`,
        payload: body,
        as: { tenant, permissions: staff },
      });
    const part = await refund({ amountMinor: 500, reason: 'damaged' });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json<R>()).toMatchObject({ status: 'CONFIRMED', refunded: { amountMinor: 500 } });
    const tooMuch = await refund({ amountMinor: order.total.amountMinor, reason: 'again' });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json<R>().errors[0]?.field).toBe('body.amountMinor');
    const rest = await refund({ reason: 'all of it' });
    expect(rest.json<R>()).toMatchObject({
      status: 'REFUNDED',
      refunded: { amountMinor: order.total.amountMinor },
    });
    expect(rest.json<R>().timeline.filter((e: { kind: string }) => e.kind === 'refund')).toHaveLength(2);
  });

  it('a refund under an Idempotency-Key: the same key answers the first answer and never refunds twice', async () => {
    const order = await capturedOrder();
    const refund = (key: string, body: object) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/refunds`,
        headers: { 'idempotency-key': key },
        payload: body,
        as: { tenant, permissions: staff },
      });
    // Two at once with one key: at most one refund happens (the other replays it or is told it is in flight).
    const both = await Promise.all([
      refund('rf-1', { amountMinor: 500, reason: 'damaged' }),
      refund('rf-1', { amountMinor: 500, reason: 'damaged' }),
    ]);
    for (const res of both) expect([200, 409], res.body).toContain(res.statusCode);
    const first = both.find((res) => res.statusCode === 200)!;
    expect(first.json<R>()).toMatchObject({ status: 'CONFIRMED', refunded: { amountMinor: 500 } });
    const again = await refund('rf-1', { amountMinor: 500, reason: 'damaged' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<R>()).toEqual(first.json<R>());
    const other = await refund('rf-1', { amountMinor: 600, reason: 'damaged' });
    expect(other.statusCode).toBe(422);
    expect(other.json<R>().code).toBe('ORDERS_IDEMPOTENCY_KEY_REUSED');

    // The rest under a second key; asked again once the order is REFUNDED, it still answers 200.
    const rest = await refund('rf-2', { reason: 'all of it' });
    expect(rest.json<R>()).toMatchObject({
      status: 'REFUNDED',
      refunded: { amountMinor: order.total.amountMinor },
    });
    const restAgain = await refund('rf-2', { reason: 'all of it' });
    expect(restAgain.statusCode, restAgain.body).toBe(200);
    expect(restAgain.json<R>()).toEqual(rest.json<R>());
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}`,
      as: { tenant, permissions: staff },
    });
    expect(detail.json<R>().timeline.filter((e: { kind: string }) => e.kind === 'refund')).toHaveLength(2);
    expect(detail.json<R>().refunded).toEqual(rest.json<R>().refunded);
    // A bad key is the header's 400, naming it.
    const bad = await refund('with space', { amountMinor: 1, reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('idempotency-key');
  });

  it('a return restocks its lines and refunds them; returned quantities add up and are bounded', async () => {
    const order = await capturedOrder([{ sku: 'MUG', quantity: 3 }]);
    for (const s of ['PROCESSING', 'SHIPPED', 'DELIVERED']) await move(order.id, s);
    const line = order.lines[0];
    if (!line) throw new Error('no line');
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/returns`,
      payload: { lines: [{ lineId: line.id, quantity: 1 }], reason: 'too big', restock: true, refund: true },
      as: { tenant, permissions: staff },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<R>()).toMatchObject({
      restocked: true,
      refundedMinor: Math.round(line.total.amountMinor / 3),
    });
    expect(catalog.restocked.at(-1)).toMatchObject({ orderId: order.id, quantity: 1 });
    const detail = (await get(order.id)).json<R>();
    expect(detail.lines[0]?.returnedQuantity).toBe(1);
    const tooMany = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/returns`,
      payload: { lines: [{ lineId: line.id, quantity: 3 }], reason: 'x', restock: false, refund: false },
      as: { tenant, permissions: staff },
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json<R>().errors[0]?.field).toBe('body.lines.0.quantity');
  });

  it('lists with filters and keyset pages', async () => {
    const mine = await create({ email: 'Grace@Example.test', lines: [{ sku: 'TEE', quantity: 1 }] });
    const list = (q: string) =>
      t
        .inject({ method: 'GET', url: `/api/v1/orders?${q}`, as: { tenant, permissions: staff } })
        .then((r) => r.json<{ items: { id: string }[]; nextCursor: string | null }>());
    expect((await list('email=grace@example.test')).items.map((o) => o.id)).toEqual([mine.json<R>().id]);
    expect((await list(`number=${mine.json<R>().number}`)).items).toHaveLength(1);
    expect((await list('sku=TEE&status=PENDING')).items.map((o) => o.id)).toContain(mine.json<R>().id);
    expect((await list('status=REFUNDED')).items.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await list(
        `limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const o of page.items) seen.add(o.id);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    const all = await list('limit=200');
    expect(seen.size).toBe(all.items.length);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/orders?status=NOPE',
          as: { tenant, permissions: staff },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('keeps tenants apart: another tenant gets 404 and an empty list', async () => {
    const id = (await create({})).json<{ id: string }>().id;
    expect((await get(id, other)).statusCode).toBe(404);
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/orders?limit=200`,
      as: { tenant: other, permissions: staff },
    });
    expect(list.json<{ items: { id: string }[] }>().items.map((o) => o.id)).not.toContain(id);
  });

  it('the portal: a client places, sees and cancels only their own orders', async () => {
    const alice = toPublicId('usr', newUuid());
    const bob = toPublicId('usr', newUuid());
    const portal = ['portal:read', 'portal:orders:write'];
    const as = (actor: string) => ({ tenant, actor, permissions: portal });
    const placed = await t.inject({
      method: 'POST',
      url: '/ext/v1/orders',
      headers: { 'idempotency-key': 'same-key' },
      payload: {
        email: 'a@example.test',
        currency: 'EUR',
        lines: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: address,
        payment: card,
      },
      as: as(alice),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json<{ id: string; customerId: string; channel: string }>();
    expect(order).toMatchObject({ customerId: alice, channel: 'portal' });
    // Keys are per client: Bob's same key is his own order.
    const bobs = await t.inject({
      method: 'POST',
      url: '/ext/v1/orders',
      headers: { 'idempotency-key': 'same-key' },
      payload: {
        email: 'b@example.test',
        currency: 'EUR',
        lines: [{ sku: 'MUG', quantity: 1 }],
        shippingAddress: address,
        payment: card,
      },
      as: as(bob),
    });
    expect(bobs.statusCode).toBe(201);
    expect(bobs.json<R>().id).not.toBe(order.id);
    expect(
      (await t.inject({ method: 'GET', url: `/ext/v1/orders/${order.id}`, as: as(alice) })).statusCode,
    ).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: `/ext/v1/orders/${order.id}`, as: as(bob) })).statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'DELETE', url: `/ext/v1/orders/${order.id}`, as: as(bob) })).statusCode,
    ).toBe(404);
    const bobList = await t.inject({ method: 'GET', url: '/ext/v1/orders', as: as(bob) });
    expect(bobList.json<{ items: { id: string }[] }>().items.map((o) => o.id)).toEqual([bobs.json<R>().id]);
    const cancelled = await t.inject({ method: 'DELETE', url: `/ext/v1/orders/${order.id}`, as: as(alice) });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<R>().status).toBe('CANCELLED');
  });

  it('settings and discounts validate and name the field', async () => {
    const bad = await t.inject({
      method: 'PUT',
      url: '/api/v1/orders/settings',
      payload: { taxRates: [{ country: 'de', rateBasisPoints: 20000 }] },
      as: { tenant, permissions: staff },
    });
    expect(bad.statusCode).toBe(400);
    const d = await t.inject({
      method: 'POST',
      url: '/api/v1/orders/discounts',
      payload: { code: 'FIX', kind: 'fixed' },
      as: { tenant, permissions: staff },
    });
    expect(d.statusCode).toBe(400);
    expect(d.json<R>().errors.map((e: { field: string }) => e.field)).toContain('body.amount');
    const got = await t.inject({
      method: 'GET',
      url: '/api/v1/orders/settings',
      as: { tenant: other, permissions: staff },
    });
    expect(got.json<R>()).toMatchObject({ captureMode: 'automatic', taxRates: [] });
  });

  it('counts in the metrics what it did: orders placed, statuses reached, refunds; never a repeated or refused move', async () => {
    const scrape = async () => parseScrape(await t.platform.metrics.metrics());
    const before = await scrape();
    const order = await capturedOrder(); // placed, then CONFIRMED
    expect((await move(order.id, 'CONFIRMED')).statusCode).toBe(200); // the same move again: a no-op
    expect((await move(order.id, 'PENDING')).statusCode).toBe(409); // refused
    const refund = (body: object) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/orders/${order.id}/refunds`,
        payload: body,
        as: { tenant, permissions: staff },
      });
    expect((await refund({ amountMinor: 100, reason: 'scratch' })).statusCode).toBe(200);
    expect((await refund({ reason: 'the rest' })).json<R>().status).toBe('REFUNDED');
    const cancelled = (await create({})).json<{ id: string }>().id;
    const res = await t.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${cancelled}`,
      as: { tenant, permissions: staff },
    });
    expect(res.statusCode, res.body).toBe(200);

    const after = await scrape();
    const added = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(added('orders_created_total', { channel: 'internal' })).toBe(2);
    expect(added('orders_status_changes_total', { to: 'CONFIRMED' })).toBe(1);
    expect(added('orders_status_changes_total', { to: 'PENDING' })).toBe(0);
    expect(added('orders_status_changes_total', { to: 'REFUNDED' })).toBe(1);
    expect(added('orders_status_changes_total', { to: 'CANCELLED' })).toBe(1);
    expect(added('orders_refunds_total', { kind: 'partial' })).toBe(1);
    expect(added('orders_refunds_total', { kind: 'full' })).toBe(1);
  });
});
