import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { SubjectKeys } from '../../../platform/crypto/index.js';
import { fromPublicId, newUuid, toPublicId } from '../../../platform/ids.js';
import { defineModule } from '../../../platform/module.js';
import type { DataSubject, PrivacyParticipants } from '../../../platform/privacy/index.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { fakeCatalog } from '../orders/testing/commerce.fakes.js';

/*
 * Orders and payments in data-subject requests, on the real platform (role api: orders stay
 * PENDING) with a fake catalog and the payment simulator. A probe module hands the test what the
 * privacy module gets: the participants and the subject keys. Subject A has a client account
 * order and a guest order (found by e-mail), a payment each, a shipment with a label and tracking;
 * subject B one order and payment; tenant 2 has an order of A's account id too.
 */

const probe: { keys?: SubjectKeys; participants?: PrivacyParticipants } = {};
const probeModule = defineModule({
  name: 'h3probe',
  create: (deps) => {
    probe.keys = deps.subjectKeys;
    probe.participants = deps.privacyParticipants;
    return { api: {} };
  },
});

const staff = ['orders:read', 'orders:write', 'payments:refund'];
const userA = toPublicId('usr', newUuid());
const userB = toPublicId('usr', newUuid());
const A = {
  name: 'Ada Anders',
  email: 'a.anders@example.test',
  street: '7 Privet Lane',
  phone: '+49 30 1234567',
  note: 'ring twice at the back door',
};
const B = { name: 'Bea Bauer', email: 'bea.bauer@example.test', street: '9 Elm Road' };
const subjectA: DataSubject = { customerId: null, userIds: [userA], emails: [A.email], phones: [] };
const subjectB: DataSubject = { customerId: null, userIds: [userB], emails: [B.email], phones: [] };

interface OrderJson {
  id: string;
  number: string;
  email: string;
  total: { amountMinor: number; currency: string };
  shippingAddress: { name: string; line1: string; phone?: string };
  lines: { sku: string }[];
}

describe('orders and payments as privacy participants', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let ctx2: RequestContext;
  const catalog = fakeCatalog([
    { sku: 'MUG', name: 'Mug', prices: { EUR: 1000, GBP: 900 }, stock: 1000 },
    { sku: 'TEE', name: 'T-shirt', prices: { EUR: 2500 }, stock: 1000 },
  ]);
  let keyN = 0;
  const orders = () => t.platform.modules.orders;
  const participant = (module: string) => {
    const found = probe.participants?.().find((p) => p.module === module);
    if (!found) throw new Error(`${module} does not take part`);
    return found.privacy;
  };

  async function place(
    c: RequestContext,
    who: { name: string; email: string; street: string; phone?: string; note?: string },
    customerId: string | undefined,
    lines = [{ sku: 'MUG', quantity: 2 }],
    currency = 'EUR',
  ): Promise<OrderJson> {
    const result = await orders().orders.create(
      c,
      {
        customerId,
        email: who.email,
        currency,
        lines,
        shippingAddress: {
          name: who.name,
          line1: who.street,
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
          ...(who.phone ? { phone: who.phone } : {}),
        },
        payment: { gateway: 'simulator', method: { type: 'test_card', number: '4242424242424242' } },
        ...(who.note ? { note: who.note } : {}),
      },
      { idempotencyKey: `k-${(keyN += 1)}`, channel: 'internal' },
    );
    expect(result.status).toBe(201);
    return result.body as OrderJson;
  }

  async function pay(c: RequestContext, order: OrderJson) {
    return t.platform.modules.payments.authorize(c, {
      orderId: order.id,
      amount: order.total,
      gateway: 'simulator',
      method: { type: 'test_card', number: '4242424242424242' },
      idempotencyKey: `pay-${order.id}`,
    });
  }

  const getOrder = (id: string, tenant = ctx.tenantId) =>
    t.inject({ method: 'GET', url: `/api/v1/orders/${id}`, as: { tenant, permissions: staff } });
  const mentionsA = (text: string) =>
    [A.name, A.email, A.street, A.phone, A.note, 'Berlin Mitte', 'signed by A. ANDERS'].filter((s) =>
      text.toLowerCase().includes(s.toLowerCase()),
    );

  let a1: OrderJson;
  let a2: OrderJson;
  let b1: OrderJson;
  let other: OrderJson;
  let labelKey: string;
  let shipmentUuid: string;

  beforeAll(async () => {
    t = await createTestPlatform({
      env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') },
      extraModules: [probeModule],
    });
    const mods = t.platform.modules;
    Object.assign(mods.catalog.products, catalog.products);
    Object.assign(mods.catalog.inventory, catalog.inventory);
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: ctx2 } = await createTenant(t.platform));

    a1 = await place(ctx, A, userA);
    // A guest order of A's: no account, the e-mail typed differently.
    a2 = await place(ctx, { ...A, email: ` ${A.email.toUpperCase()} ` }, undefined, [
      { sku: 'TEE', quantity: 1 },
    ]);
    b1 = await place(ctx, B, userB);
    other = await place(ctx2, A, userA);
    const [pa1] = await Promise.all([pay(ctx, a1), pay(ctx, a2), pay(ctx, b1), pay(ctx2, other)]);

    // What a PayPal payment and a gateway webhook would have left about A (the simulator stores neither).
    const db = t.platform.database.owner;
    const paUuid = fromPublicId('pay', pa1.id) ?? '';
    const payerEmail = await t.platform.keyring.encrypt(
      ctx.tenantId,
      A.email,
      `payments.payer_email:${paUuid}`,
    );
    await sql`update payments.payments set payer_email_sealed = ${payerEmail} where id = ${paUuid}`.execute(
      db,
    );
    const eventId = newUuid();
    const payload = await t.platform.keyring.encrypt(
      ctx.tenantId,
      JSON.stringify({ payer: { name: A.name, email: A.email } }),
      `payments.gateway_event:${eventId}`,
    );
    await sql`insert into payments.gateway_events (id, tenant_id, gateway, event_id, type, payment_id, payload_sealed)
      values (${eventId}, ${ctx.tenantId}, 'simulator', ${`evt_${eventId}`}, 'payment.authorized', ${paUuid}, ${payload})`.execute(
      db,
    );

    // A shipment of A's order: the label (an object naming A), tracking with a place, the carrier's webhook body.
    shipmentUuid = newUuid();
    const shipmentId = toPublicId('shp', shipmentUuid);
    labelKey = `${toPublicId('ten', ctx.tenantId)}/orders/labels/${shipmentId}.pdf`;
    await t.platform.objects.put(labelKey, Buffer.from(`%PDF-1.4 SHIP TO: ${A.name}, ${A.street}`), {
      contentType: 'application/pdf',
      tenantId: ctx.tenantId,
    });
    const a1Uuid = fromPublicId('ord', a1.id) ?? '';
    await sql`insert into orders.shipments (id, tenant_id, order_id, carrier, service, tracking_code, label_object_key, label_url, status, created_by, shipped_at, delivered_at)
      values (${shipmentUuid}, ${ctx.tenantId}, ${a1Uuid}, 'simulator', 'Simulated Standard', 'SIM1000001', ${labelKey},
              'https://carrier.test/labels/1.pdf', 'delivered', 'usr_staff', now(), now())`.execute(db);
    await sql`insert into orders.shipment_events (id, tenant_id, shipment_id, status, message, location, occurred_at, source_event_id)
      values (${newUuid()}, ${ctx.tenantId}, ${shipmentUuid}, 'delivered', 'Delivered, signed by A. ANDERS', 'Berlin Mitte', now(), 'src-1')`.execute(
      db,
    );
    const deliveryId = newUuid();
    const raw = await t.platform.keyring.encrypt(
      ctx.tenantId,
      JSON.stringify({ signed_by: A.name }),
      `orders.carrier_webhook:${deliveryId}`,
    );
    await sql`insert into orders.carrier_webhook_events (id, tenant_id, carrier, event_id, description, raw_sealed, shipment_id)
      values (${deliveryId}, ${ctx.tenantId}, 'simulator', 'evt-1', 'tracker.updated', ${raw}, ${shipmentUuid})`.execute(
      db,
    );
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('seals new orders’ contacts under the subject keys of the client’s account and e-mail', async () => {
    const rows = await sql<{
      contactSealed: Buffer;
    }>`select contact_sealed from orders.orders where tenant_id = ${ctx.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect(rows.rows).toHaveLength(3);
    for (const row of rows.rows) expect(probe.keys?.isSealed(row.contactSealed)).toBe(true);
  });

  it('find: A’s orders by account and by e-mail, and their payments, as timeline lines; never B’s or another tenant’s', async () => {
    const refs = await participant('orders').find(ctx, subjectA);
    expect(refs.map((r) => r.id).sort()).toEqual([a1.id, a2.id].sort());
    const first = refs.find((r) => r.id === a1.id);
    expect(first).toMatchObject({ module: 'orders', kind: 'order', consolePath: `/orders/${a1.id}` });
    expect(first?.summary).toMatch(/^Order SO-\d{6} · 2 items · €\d+\.\d{2} · pending$/);
    expect(refs.find((r) => r.id === a2.id)?.summary).toMatch(/ · 1 item · /);
    expect((await participant('orders').find(ctx, subjectB)).map((r) => r.id)).toEqual([b1.id]);
    expect((await participant('orders').find(ctx2, subjectA)).map((r) => r.id)).toEqual([other.id]);

    const payments = await participant('payments').find(ctx, subjectA);
    expect(payments).toHaveLength(2);
    expect(payments[0]?.summary).toMatch(/^Payment €\d+\.\d{2} · authorized · visa ···· 4242 · simulator$/i);
    expect((await participant('payments').find(ctx, subjectB)).map((p) => p.consolePath)).toEqual([
      `/orders/${b1.id}`,
    ]);
    expect(probe.participants?.().some((p) => p.module === 'catalog')).toBe(false);
  });

  it('export: A’s orders, lines, addresses, history, shipments, tracking and payments; nothing of B', async () => {
    const parts = [
      ...(await participant('orders').export(ctx, subjectA)),
      ...(await participant('payments').export(ctx, subjectA)),
    ];
    const byName = Object.fromEntries(parts.map((p) => [p.name, p.rows]));
    expect(byName.orders?.map((o) => o.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(byName.orders?.find((o) => o.id === a1.id)).toMatchObject({ email: A.email, note: A.note });
    expect(byName['order-lines']).toHaveLength(2);
    expect(byName['order-addresses']).toHaveLength(4);
    expect(byName['order-addresses']?.[0]).toMatchObject({ name: A.name, line1: A.street });
    expect(byName['order-status-history']?.length).toBeGreaterThanOrEqual(2);
    expect(byName.shipments?.map((s) => s.trackingCode)).toEqual(['SIM1000001']);
    expect(byName['shipment-tracking']?.[0]).toMatchObject({ location: 'Berlin Mitte' });
    expect(byName.payments).toHaveLength(2);
    expect(byName.payments?.some((p) => p.payerEmail === A.email)).toBe(true);
    expect(byName['payment-transactions']?.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(parts);
    expect(text).not.toContain(B.name);
    expect(text).not.toContain(B.email);
    expect(text).not.toContain(b1.id);
    expect(text).not.toContain(other.id);
  });

  it('erase: after the keys are shredded, A’s personal data is gone from every orders and payments api; amounts, lines and numbers stay; B and tenant 2 untouched', async () => {
    const before = (await getOrder(a1.id)).json<OrderJson>();
    expect(before.shippingAddress.name).toBe(A.name);

    // What the privacy module does first: shred the subject's keys. Reading still works (anonymised view).
    await probe.keys?.shred(ctx.tenantId, [
      { kind: 'user', value: userA },
      { kind: 'email', value: A.email },
    ]);
    const shredded = await getOrder(a1.id);
    expect(shredded.statusCode, shredded.body).toBe(200);
    // The contact was sealed under A's keys; tracking (tenant key) waits for the erasure below.
    expect(mentionsA(shredded.body)).toEqual(['Berlin Mitte', 'signed by A. ANDERS']);

    const requestId = 'dsr_test1';
    const paymentsReport = await participant('payments').erase(ctx, subjectA, { requestId });
    const ordersReport = await participant('orders').erase(ctx, subjectA, { requestId });
    expect(ordersReport.erased).toBe(3); // two orders + one label object
    expect(ordersReport.kept).toEqual([
      {
        what: expect.stringContaining('orders') as string,
        count: 2,
        reason: 'tax and accounting law: 10 years (e.g. HGB §257, AO §147; UK 6 years)',
      },
    ]);
    expect(paymentsReport.erased).toBe(3); // two payments' card digits / payer e-mail + one webhook payload
    expect(paymentsReport.kept.map((k) => k.count)).toEqual([2, 2]);

    for (const order of [a1, a2]) {
      const response = await getOrder(order.id);
      expect(response.statusCode).toBe(200);
      expect(mentionsA(response.body)).toEqual([]);
      const after = response.json<OrderJson>();
      expect(after).toMatchObject({ number: order.number, total: order.total });
      expect(after.lines.map((l) => l.sku)).toEqual(order.lines.map((l) => l.sku));
    }
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/orders?customerId=${userA}`,
      as: { tenant: ctx.tenantId, permissions: staff },
    });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect(mentionsA(list.body)).toEqual([]);
    const byEmail = await t.inject({
      method: 'GET',
      url: `/api/v1/orders?email=${encodeURIComponent(A.email)}`,
      as: { tenant: ctx.tenantId, permissions: staff },
    });
    expect(byEmail.json<{ items: unknown[] }>().items).toEqual([]);
    const pays = await t.inject({
      method: 'GET',
      url: `/api/v1/payments?orderId=${a1.id}`,
      as: { tenant: ctx.tenantId, permissions: staff },
    });
    expect(pays.statusCode).toBe(200);
    expect(pays.body).not.toContain('4242');
    expect(pays.json<{ items: { amount: { amountMinor: number } }[] }>().items[0]?.amount).toEqual(a1.total);

    // The find and export after erasure show what was kept, without personal data.
    const refs = await participant('orders').find(ctx, subjectA);
    expect(refs.map((r) => r.summary).join('\n')).toContain('personal data erased');
    const exported = JSON.stringify([
      ...(await participant('orders').export(ctx, subjectA)),
      ...(await participant('payments').export(ctx, subjectA)),
    ]);
    expect(mentionsA(exported)).toEqual([]);

    // Underneath: the label object, the blind index, the webhook bodies, the stored responses.
    await expect(t.platform.objects.head(labelKey)).resolves.toBeUndefined();
    const db = t.platform.database.owner;
    const rows = await sql<{ emailIndex: Buffer | null; erasedAt: Date | null }>`
      select email_index, erased_at from orders.orders where id in (${fromPublicId('ord', a1.id)}, ${fromPublicId('ord', a2.id)})`.execute(
      db,
    );
    for (const row of rows.rows)
      expect(row).toMatchObject({ emailIndex: null, erasedAt: expect.any(Date) as Date });
    const shipment = await sql<{ labelObjectKey: string | null; labelUrl: string | null }>`
      select label_object_key, label_url from orders.shipments where id = ${shipmentUuid}`.execute(db);
    expect(shipment.rows[0]).toEqual({ labelObjectKey: null, labelUrl: null });
    const keys = await sql<{ n: number }>`select count(*)::int as n from orders.idempotency_keys
      where order_id in (${fromPublicId('ord', a1.id)}, ${fromPublicId('ord', a2.id)})`.execute(db);
    expect(keys.rows[0]?.n).toBe(0);
    const events = await sql<{ id: string; payloadSealed: Buffer }>`
      select id, payload_sealed from payments.gateway_events where tenant_id = ${ctx.tenantId}`.execute(db);
    for (const e of events.rows)
      expect(
        (
          await t.platform.keyring.decrypt(ctx.tenantId, e.payloadSealed, `payments.gateway_event:${e.id}`)
        ).toString(),
      ).not.toContain(A.email);
    const payerEmails = await sql<{ n: number }>`select count(*)::int as n from payments.payments
      where tenant_id = ${ctx.tenantId} and payer_email_sealed is not null`.execute(db);
    expect(payerEmails.rows[0]?.n).toBe(0);

    // B and tenant 2 keep everything.
    const b = (await getOrder(b1.id)).json<OrderJson>();
    expect(b).toMatchObject({ email: B.email, shippingAddress: { name: B.name, line1: B.street } });
    const bPays = await t.inject({
      method: 'GET',
      url: `/api/v1/payments?orderId=${b1.id}`,
      as: { tenant: ctx.tenantId, permissions: staff },
    });
    expect(bPays.body).toContain('4242');
    const elsewhere = (await getOrder(other.id, ctx2.tenantId)).json<OrderJson>();
    expect(elsewhere.shippingAddress.name).toBe(A.name);

    // Again (a crash and a retry): nothing more to erase; the kept orders still reported by account.
    const again = await participant('orders').erase(ctx, subjectA, { requestId });
    expect(again.erased).toBe(0);
    expect(again.kept[0]?.count).toBe(1);
  }, 60_000);

  it('a returning person: an order placed with an erased e-mail is stored (under the tenant key) and readable', async () => {
    const back = await place(ctx, A, undefined);
    const response = await getOrder(back.id);
    expect(response.json<OrderJson>()).toMatchObject({ email: A.email, shippingAddress: { name: A.name } });
  });
});

describe('orders.customerStats (the customers module’s segments)', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let ctx2: RequestContext;
  const catalog = fakeCatalog([{ sku: 'MUG', name: 'Mug', prices: { EUR: 1000, GBP: 900 }, stock: 1000 }]);
  const x = toPublicId('usr', newUuid());
  const y = toPublicId('usr', newUuid());
  const z = toPublicId('usr', newUuid());
  let keyN = 0;

  const place = async (c: RequestContext, customerId: string, quantity: number, currency = 'EUR') => {
    const r = await t.platform.modules.orders.orders.create(
      c,
      {
        customerId,
        email: 'stats@example.test',
        currency,
        lines: [{ sku: 'MUG', quantity }],
        shippingAddress: { name: 'S', line1: '1 Road', city: 'Paris', postalCode: '75001', country: 'FR' },
        payment: { gateway: 'simulator', method: { type: 'test_card', number: '4242424242424242' } },
      },
      { idempotencyKey: `s-${(keyN += 1)}`, channel: 'internal' },
    );
    return r.body as { id: string; total: { amountMinor: number } };
  };

  beforeAll(async () => {
    t = await createTestPlatform();
    Object.assign(t.platform.modules.catalog.products, catalog.products);
    Object.assign(t.platform.modules.catalog.inventory, catalog.inventory);
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: ctx2 } = await createTenant(t.platform));
  }, 90_000);
  afterAll(async () => {
    await t.close();
  });

  it('counts orders, sums totals per currency net of refunds, skips cancelled ones, honours since, per tenant', async () => {
    const o1 = await place(ctx, x, 1);
    const o2 = await place(ctx, x, 3);
    await place(ctx, x, 2, 'GBP');
    const cancelled = await place(ctx, x, 5);
    await t.platform.modules.orders.orders.cancel(ctx, cancelled.id, 'changed mind');
    await place(ctx, y, 1);
    await place(ctx2, x, 7); // another tenant
    const db = t.platform.database.owner;
    await sql`update orders.orders set refunded_minor = 100 where id = ${fromPublicId('ord', o2.id)}`.execute(
      db,
    );
    await sql`update orders.orders set placed_at = now() - interval '200 days' where id = ${fromPublicId('ord', o1.id)}`.execute(
      db,
    );

    const stats = await t.platform.modules.orders.customerStats(ctx, { userIds: [x] });
    expect(stats.orderCount).toBe(3);
    expect(stats.totals).toEqual([
      { currency: 'EUR', totalMinor: o1.total.amountMinor + o2.total.amountMinor - 100 },
      { currency: 'GBP', totalMinor: expect.any(Number) as number },
    ]);
    expect(stats.lastOrderAt).toBeInstanceOf(Date);

    const recent = await t.platform.modules.orders.customerStats(ctx, {
      userIds: [x],
      since: new Date(Date.now() - 90 * 86_400_000),
    });
    expect(recent.orderCount).toBe(2);
    expect(recent.totals[0]).toEqual({ currency: 'EUR', totalMinor: o2.total.amountMinor - 100 });

    // One person with two accounts: counted together.
    expect(
      (await t.platform.modules.orders.customerStats(ctx, { userIds: [x, y, 'not-an-id'] })).orderCount,
    ).toBe(4);
    expect(await t.platform.modules.orders.customerStats(ctx, { userIds: [z] })).toEqual({
      orderCount: 0,
      totals: [],
      lastOrderAt: null,
    });
    expect((await t.platform.modules.orders.customerStats(ctx2, { userIds: [x] })).orderCount).toBe(1);

    const many = await t.platform.modules.orders.customerStatsMany(ctx, { userIds: [x, y, z] });
    expect(many.map((m) => [m.userId, m.orderCount])).toEqual([
      [x, 3],
      [y, 1],
      [z, 0],
    ]);
  }, 60_000);

  it('refuses more than 1,000 accounts at once, naming the field', async () => {
    const userIds = Array.from({ length: 1001 }, () => toPublicId('usr', newUuid()));
    await expect(t.platform.modules.orders.customerStats(ctx, { userIds })).rejects.toMatchObject({
      fields: [{ field: 'userIds' }],
    });
  });
});
