import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RequestContext } from '../../../platform/context.js';
import type { Problem } from '../../../platform/http/index.js';
import { newUuid, toPublicId } from '../../../platform/ids.js';
import { createTenant } from '../../../../test/support/identity.js';
import { parseScrape } from '../../../../test/support/prometheus-text.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Payment } from '../contract.js';
import type { PaymentsTables } from '../db/payments.tables.js';
import { paymentAuthorizedV1, paymentCapturedV1, paymentRefundedV1, paymentVoidedV1 } from '../events.js';
import { SIMULATOR_SIGNATURE_HEADER } from '../gateways/simulator.js';
import type { ReconciliationReport } from '../reconciliation/reconciliation.js';

/*
 * Payments through the simulator, end to end: the test cards' outcomes, 3-D Secure approve/deny,
 * idempotency, partial captures and refunds with the amount rules, delayed webhooks through the
 * ingestion path, reconciliation, tenant isolation and hostile input on the routes.
 */

const CARD = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  funds: '4000000000009995',
  threeDs: '4000002500003155',
  disputed: '4000000000000259',
  failsOnce: '4000000000000077',
};

/** A reconciliation report as the API sends it (dates as strings). */
type ReportBody = Omit<ReconciliationReport, 'createdAt'> & { readonly createdAt: string };

let t: TestPlatform;
let ctx: RequestContext;
let tenant: string;
let other: string;
const all = ['orders:read', 'orders:write', 'payments:refund', 'commerce:configure'];

beforeAll(async () => {
  t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: randomBytes(32).toString('base64') } });
  ({ ctx } = await createTenant(t.platform));
  tenant = ctx.tenantId;
  other = (await createTenant(t.platform)).ctx.tenantId;
}, 60_000);
afterAll(async () => {
  await t.close();
});

const payments = () => t.platform.modules.payments;
const key = () => `k-${randomBytes(6).toString('hex')}`;
const authorize = (card: string, amountMinor = 10_000, idempotencyKey = key()) =>
  payments().authorize(ctx, {
    orderId: `ord_${randomBytes(4).toString('hex')}`,
    amount: { amountMinor, currency: 'EUR' },
    method: { type: 'test_card', number: card },
    idempotencyKey,
  });

const ledger = (reference: string) =>
  t.platform.database.withTenant<PaymentsTables, { operation: string; amountMinor: number }[]>(ctx, (trx) =>
    trx
      .selectFrom('payments.simulator_ledger')
      .select(['operation', 'amountMinor'])
      .where('paymentReference', '=', reference)
      .orderBy('createdAt')
      .execute(),
  );

/**
 * The events of one payment of a type, as published (in the outbox, or already relayed to the
 * log), in publishing order, each parsed with the event's own schema.
 */
const published = async <S extends z.ZodType>(
  event: { readonly type: string; readonly schema: S },
  paymentId: string,
  tenantId = tenant,
): Promise<z.infer<S>[]> =>
  (
    await sql<{ data: unknown }>`
      select data from (
        select data, occurred_at from bus.outbox where tenant_id = ${tenantId} and type = ${event.type}
        union all
        select data, occurred_at from bus.log where tenant_id = ${tenantId} and type = ${event.type}
      ) as events where data->>'paymentId' = ${paymentId} order by occurred_at`.execute(
      t.platform.database.owner,
    )
  ).rows.map((row) => event.schema.parse(row.data));

describe('simulator test cards', () => {
  it('authorises 4242, keeps only brand and last four', async () => {
    const payment = await authorize(CARD.ok);
    expect(payment).toMatchObject({
      status: 'authorized',
      authorizedMinor: 10_000,
      method: { type: 'card', brand: 'visa', last4: '4242' },
    });
    expect(payment.transactions).toMatchObject([{ kind: 'authorize', status: 'succeeded' }]);
    expect(JSON.stringify(payment)).not.toContain(CARD.ok);
  });

  it.each([
    [CARD.declined, 'card_declined'],
    [CARD.funds, 'insufficient_funds'],
  ])('declines %s with %s', async (card, code) => {
    const payment = await authorize(card);
    expect(payment).toMatchObject({ status: 'failed', failureCode: code, authorizedMinor: 0 });
    expect(payment.transactions[0]).toMatchObject({ status: 'failed', failureCode: code });
  });

  it('refuses a card number that is not a test card with a 400 naming the field', async () => {
    await expect(authorize('4111111111111111')).rejects.toMatchObject({
      code: 'PAYMENTS_INVALID_INPUT',
      kind: 'invalid_input',
    });
  });

  it('4000000000000077: the first capture meets a gateway error, the retry with the same key captures once', async () => {
    const payment = await authorize(CARD.failsOnce);
    const captured = await payments().capture(ctx, payment.id, { idempotencyKey: 'cap-77' });
    expect(captured).toMatchObject({ status: 'captured', capturedMinor: 10_000 });
    const rows = await ledger(payment.gatewayReference!);
    expect(rows.filter((row) => row.operation === 'capture')).toHaveLength(1);
    expect(rows.filter((row) => row.operation === 'failure')).toHaveLength(1);
  });

  it('4000000000000259: authorised, then the delayed dispute webhook arrives through the ingestion path', async () => {
    const payment = await authorize(CARD.disputed);
    expect(payment.status).toBe('authorized');
    const later = new Date(Date.now() + 60_000);
    expect(await payments().deliverSimulatorWebhooks(later)).toBeGreaterThanOrEqual(2);
    const events = await t.platform.database.withTenant<
      PaymentsTables,
      { type: string; outcome: string | null }[]
    >(ctx, (trx) =>
      trx
        .selectFrom('payments.gateway_events')
        .select(['type', 'outcome'])
        .where('gateway', '=', 'simulator')
        .execute(),
    );
    expect(events).toContainEqual({ type: 'payment.disputed', outcome: 'disputed: fraudulent' });
    // Delivered once: a second pass has nothing due.
    expect(await payments().deliverSimulatorWebhooks(later)).toBe(0);
  });
});

describe('3-D Secure (4000002500003155)', () => {
  const challenge = async () => {
    const payment = await authorize(CARD.threeDs);
    expect(payment.status).toBe('requires_action');
    const url = new URL(payment.nextAction!.url);
    return { payment, path: `${url.pathname}${url.search}` };
  };

  it('shows the challenge page and approves: authorised', async () => {
    const { payment, path } = await challenge();
    const page = await t.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Approve');
    const answer = await t.inject({ method: 'POST', url: path, payload: { outcome: 'approve' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ status: 'authorized' });
    expect(await payments().get(ctx, payment.id)).toMatchObject({
      status: 'authorized',
      authorizedMinor: 10_000,
      nextAction: null,
    });
    // The page's own form (urlencoded) after the fact: the first answer stands.
    const again = await t.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'outcome=deny',
    });
    expect(again.json()).toMatchObject({ status: 'authorized' });
  });

  it('denies: failed with authentication_failed', async () => {
    const { payment, path } = await challenge();
    const answer = await t.inject({ method: 'POST', url: path, payload: { outcome: 'deny' } });
    expect(answer.json()).toMatchObject({ status: 'failed', failureCode: 'authentication_failed' });
    expect((await payments().get(ctx, payment.id)).transactions[0]).toMatchObject({ status: 'failed' });
  });

  it('refuses a forged token, another payment’s token and a bad outcome', async () => {
    const { payment, path } = await challenge();
    const forged = path.replace(/token=[^&]+/, `token=${toPublicId('ten', tenant)}.AAAA`);
    expect((await t.inject({ method: 'GET', url: forged })).statusCode).toBe(404);
    const { payment: second } = await challenge();
    const swapped = path.replace(payment.id, second.id);
    expect(
      (await t.inject({ method: 'POST', url: swapped, payload: { outcome: 'approve' } })).statusCode,
    ).toBe(404);
    const bad = await t.inject({ method: 'POST', url: path, payload: { outcome: 'maybe' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors).toEqual([
      { field: 'body.outcome', message: "must be 'approve' or 'deny'" },
    ]);
  });
});

describe('idempotency and amount rules', () => {
  it('the same authorise key twice is one payment and one charge; another amount is refused', async () => {
    const k = key();
    const first = await authorize(CARD.ok, 5_000, k);
    const again = await payments().authorize(ctx, {
      orderId: first.orderId,
      amount: { amountMinor: 5_000, currency: 'EUR' },
      method: { type: 'test_card', number: CARD.ok },
      idempotencyKey: k,
    });
    expect(again.id).toBe(first.id);
    await expect(
      payments().authorize(ctx, {
        orderId: first.orderId,
        amount: { amountMinor: 6_000, currency: 'EUR' },
        method: { type: 'test_card', number: CARD.ok },
        idempotencyKey: k,
      }),
    ).rejects.toMatchObject({ code: 'PAYMENTS_IDEMPOTENCY_KEY_REUSED' });
    expect((await ledger(first.gatewayReference!)).filter((r) => r.operation === 'authorize')).toHaveLength(
      1,
    );
  });

  it('partial captures, partial refunds, over-capture and over-refund refused (409), same key replays', async () => {
    const payment = await authorize(CARD.ok, 10_000);
    const as = { tenant, permissions: all };
    const capture = (amountMinor: number, k: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/payments/${payment.id}/captures`,
        headers: { 'idempotency-key': k },
        payload: { amountMinor },
        as,
      });
    expect((await capture(4_000, 'c1')).json()).toMatchObject({
      status: 'partially_captured',
      capturedMinor: 4_000,
    });
    expect((await capture(4_000, 'c1')).json()).toMatchObject({ capturedMinor: 4_000 });
    const reused = await capture(5_000, 'c1');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'PAYMENTS_IDEMPOTENCY_KEY_REUSED' });
    const over = await capture(7_000, 'c2');
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'PAYMENTS_INVALID_STATE' });
    expect((await capture(6_000, 'c3')).json()).toMatchObject({ status: 'captured', capturedMinor: 10_000 });
    const voided = await t.inject({ method: 'POST', url: `/api/v1/payments/${payment.id}/voids`, as });
    expect(voided.statusCode).toBe(409);

    const refund = (amountMinor: number, k: string) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/payments/${payment.id}/refunds`,
        headers: { 'idempotency-key': k },
        payload: { amountMinor, reason: 'damaged 📦 تالف' },
        as,
      });
    expect((await refund(3_000, 'r1')).json()).toMatchObject({
      status: 'partially_refunded',
      refundedMinor: 3_000,
    });
    expect((await refund(3_000, 'r1')).json()).toMatchObject({ refundedMinor: 3_000 });
    expect((await refund(7_001, 'r2')).statusCode).toBe(409);
    expect((await refund(7_000, 'r3')).json()).toMatchObject({ status: 'refunded', refundedMinor: 10_000 });
    const rows = await ledger(payment.gatewayReference!);
    expect(rows.filter((r) => r.operation === 'capture').map((r) => r.amountMinor)).toEqual([4_000, 6_000]);
    expect(rows.filter((r) => r.operation === 'refund').map((r) => r.amountMinor)).toEqual([3_000, 7_000]);
  });

  it('voids an uncaptured authorisation; a voided payment cannot be captured', async () => {
    const payment = await authorize(CARD.ok);
    const voided = await payments().void(ctx, payment.id, { idempotencyKey: 'v1' });
    expect(voided.status).toBe('voided');
    await expect(payments().capture(ctx, payment.id, { idempotencyKey: 'c' })).rejects.toMatchObject({
      code: 'PAYMENTS_INVALID_STATE',
    });
  });

  it('publishes authorized, captured, refunded and voided events through the outbox with their facts', async () => {
    const payment = await authorize(CARD.ok, 1_500);
    await payments().capture(ctx, payment.id, { amountMinor: 1_000, idempotencyKey: 'ev-c1' });
    await payments().capture(ctx, payment.id, { amountMinor: 500, idempotencyKey: 'ev-c2' });
    // A replay with the same key publishes nothing more.
    await payments().capture(ctx, payment.id, { amountMinor: 500, idempotencyKey: 'ev-c2' });
    await payments().refund(ctx, payment.id, {
      amountMinor: 400,
      reason: 'damaged 📦',
      idempotencyKey: 'ev-r1',
    });
    const declined = await authorize(CARD.declined, 700);
    const voidable = await authorize(CARD.ok, 900);
    await payments().void(ctx, voidable.id, { idempotencyKey: 'ev-v1' });

    const facts = (p: Payment, amountMinor: number) => ({
      paymentId: p.id,
      orderId: p.orderId,
      gateway: 'simulator',
      amountMinor,
      currency: 'EUR',
    });
    expect(await published(paymentAuthorizedV1, payment.id)).toEqual([
      { ...facts(payment, 1_500), status: 'authorized', failureCode: null },
    ]);
    // Running totals only grow: their order is the captures' order, whatever the clock's resolution.
    const captures = (await published(paymentCapturedV1, payment.id)).sort(
      (a, b) => a.capturedMinor - b.capturedMinor,
    );
    expect(captures).toEqual([
      { ...facts(payment, 1_000), capturedMinor: 1_000 },
      { ...facts(payment, 500), capturedMinor: 1_500 },
    ]);
    expect(await published(paymentRefundedV1, payment.id)).toEqual([
      { ...facts(payment, 400), refundedMinor: 400, reason: 'damaged 📦' },
    ]);
    expect(await published(paymentVoidedV1, payment.id)).toEqual([]);
    expect(await published(paymentAuthorizedV1, declined.id)).toEqual([
      { ...facts(declined, 700), status: 'failed', failureCode: 'card_declined' },
    ]);
    expect(await published(paymentVoidedV1, voidable.id)).toEqual([facts(voidable, 900)]);
    // Events are the tenant's: none of them under another tenant.
    expect(await published(paymentCapturedV1, payment.id, other)).toEqual([]);
  });
});

describe('reconciliation', () => {
  it('reports matched, missing at the gateway, missing here and amount mismatches', async () => {
    const a = await authorize(CARD.ok, 2_000);
    const b = await authorize(CARD.ok, 3_000);
    const c = await authorize(CARD.ok, 4_000);
    await payments().capture(ctx, a.id, { idempotencyKey: 'rec' });
    const capturedB = await payments().capture(ctx, b.id, { idempotencyKey: 'rec' });
    const capturedC = await payments().capture(ctx, c.id, { idempotencyKey: 'rec' });
    const refB = capturedB.transactions.find((tx) => tx.kind === 'capture')!.gatewayReference!;
    const refC = capturedC.transactions.find((tx) => tx.kind === 'capture')!.gatewayReference!;
    await t.platform.database.withTenant<PaymentsTables>(ctx, async (trx) => {
      // b: the gateway lost it; c: the gateway booked another amount; d: only the gateway has it.
      await trx.deleteFrom('payments.simulator_ledger').where('reference', '=', refB).execute();
      await trx
        .updateTable('payments.simulator_ledger')
        .set({ amountMinor: 3_999 })
        .where('reference', '=', refC)
        .execute();
      await trx
        .insertInto('payments.simulator_ledger')
        .values({
          id: newUuid(),
          tenantId: tenant,
          idempotencyKey: `foreign-${key()}`,
          operation: 'capture',
          reference: 'cap_sim_foreign',
          paymentReference: 'sim_foreign',
          currency: 'EUR',
          amountMinor: 777,
          requestHash: 'x',
          response: JSON.stringify({ status: 'succeeded' }),
        })
        .execute();
    });
    const day = new Date().toISOString().slice(0, 10);
    const response = await t.inject({
      method: 'POST',
      url: '/api/v1/payments/reconciliations',
      payload: { gateway: 'simulator', date: day },
      as: { tenant, permissions: all },
    });
    expect(response.statusCode).toBe(201);
    const report = response.json<ReportBody>();
    expect(report.matched).toBeGreaterThanOrEqual(1);
    expect(report.missingAtGateway).toContainEqual(
      expect.objectContaining({ paymentId: b.id, reference: refB, amountMinor: 3_000 }),
    );
    expect(report.missingHere).toContainEqual(
      expect.objectContaining({ reference: 'cap_sim_foreign', amountMinor: 777 }),
    );
    expect(report.amountMismatches).toContainEqual(
      expect.objectContaining({ paymentId: c.id, oursMinor: 4_000, theirsMinor: 3_999 }),
    );
    const list = await t.inject({
      method: 'GET',
      url: '/api/v1/payments/reconciliations',
      as: { tenant, permissions: all },
    });
    expect(list.json<{ items: ReportBody[] }>().items[0]?.id).toBe(report.id);
  });
});

describe('routes: permissions, isolation, hostile input', () => {
  it('lists by order and hides payments from another tenant', async () => {
    const payment = await authorize(CARD.ok);
    const mine = await t.inject({
      method: 'GET',
      url: `/api/v1/payments?orderId=${payment.orderId}`,
      as: { tenant, permissions: ['orders:read'] },
    });
    expect(mine.json<{ items: Payment[] }>().items.map((p) => p.id)).toEqual([payment.id]);
    const theirs = await t.inject({
      method: 'GET',
      url: `/api/v1/payments?orderId=${payment.orderId}`,
      as: { tenant: other, permissions: ['orders:read'] },
    });
    expect(theirs.json<{ items: Payment[] }>().items).toEqual([]);
    expect(
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/payments/${payment.id}`,
          as: { tenant: other, permissions: all },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/payments/${payment.id}/captures`,
          payload: {},
          as: { tenant: other, permissions: all },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('needs the right permission for each action', async () => {
    const payment = await authorize(CARD.ok);
    const read = { tenant, permissions: ['orders:read'] };
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/payments/${payment.id}/captures`,
          payload: {},
          as: read,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/payments/${payment.id}/voids`,
          as: { tenant, permissions: ['orders:write'] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/payments/gateways', as: read })).statusCode).toBe(
      403,
    );
  });

  it('answers hostile input with 4xx naming the field', async () => {
    const payment = await authorize(CARD.ok);
    const as = { tenant, permissions: all };
    const cases: [string, string, unknown, Record<string, string>?][] = [
      ['POST', `/api/v1/payments/${payment.id}/refunds`, { amountMinor: 1, reason: 'x\u0000y' }],
      ['POST', `/api/v1/payments/${payment.id}/refunds`, { amountMinor: 1, reason: 'x'.repeat(10_000) }],
      ['POST', `/api/v1/payments/${payment.id}/refunds`, { amountMinor: 1.5, reason: 'ok' }],
      ['POST', `/api/v1/payments/${payment.id}/captures`, { amountMinor: -1 }],
      [
        'POST',
        `/api/v1/payments/${payment.id}/captures`,
        { amountMinor: 1 },
        { 'idempotency-key': 'k'.repeat(201) },
      ],
      ['PUT', '/api/v1/payments/gateways/stripe', { baseUrl: 'javascript:alert(1)' }],
      ['PUT', '/api/v1/payments/gateways/bitcoin', {}],
      ['POST', '/api/v1/payments/reconciliations', { gateway: 'simulator', date: '2026-13-45' }],
      ['GET', '/api/v1/payments?limit=0', undefined],
    ];
    for (const [method, url, payload, headers] of cases) {
      const response = await t.inject({
        method: method,
        url,
        payload: payload as object,
        headers,
        as,
      });
      expect(response.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(response.json<Problem>().errors?.length ?? 0, `${method} ${url}`).toBeGreaterThan(0);
    }
    for (const id of ['pay_\u202e🙂', 'x'.repeat(100), 'ord_123']) {
      const response = await t.inject({
        method: 'GET',
        url: `/api/v1/payments/${encodeURIComponent(id)}`,
        as,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('refuses a simulator webhook with a bad signature (401) and keeps a duplicate delivery once', async () => {
    const body = JSON.stringify({
      id: 'evt_sim_dup',
      type: 'payment.disputed',
      data: { paymentReference: 'sim_none', reason: 'x' },
    });
    const url = `/api/v1/payments/webhooks/${toPublicId('ten', tenant)}/simulator`;
    const bad = await t.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', [SIMULATOR_SIGNATURE_HEADER]: '00' },
      payload: body,
    });
    expect(bad.statusCode).toBe(401);
    const signature = await payments().simulator.sign(tenant, Buffer.from(body));
    const headers = { 'content-type': 'application/json', [SIMULATOR_SIGNATURE_HEADER]: signature };
    const first = await t.inject({ method: 'POST', url, headers, payload: body });
    expect(first.json()).toMatchObject({ duplicate: false });
    expect((await t.inject({ method: 'POST', url, headers, payload: body })).json()).toMatchObject({
      duplicate: true,
    });
    // Signed for this tenant, sent to another's URL: refused.
    const elsewhere = await t.inject({
      method: 'POST',
      url: url.replace(toPublicId('ten', tenant), toPublicId('ten', other)),
      headers,
      payload: body,
    });
    expect(elsewhere.statusCode).toBe(401);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/payments/webhooks/nope/stripe',
          headers,
          payload: body,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('metrics', () => {
  it('counts each operation once, by gateway, operation and outcome; a replayed key is not counted again', async () => {
    const scrape = async () => parseScrape(await t.platform.metrics.metrics());
    const before = await scrape();
    const k = key();
    const ok = await authorize(CARD.ok, 5_000, k);
    // Replayed: the first answer, nothing asked of the gateway.
    await payments().authorize(ctx, {
      orderId: ok.orderId,
      amount: { amountMinor: 5_000, currency: 'EUR' },
      method: { type: 'test_card', number: CARD.ok },
      idempotencyKey: k,
    });
    expect((await authorize(CARD.declined)).status).toBe('failed');
    await payments().capture(ctx, ok.id, { idempotencyKey: 'metrics-c' });
    await payments().capture(ctx, ok.id, { idempotencyKey: 'metrics-c' });
    await payments().refund(ctx, ok.id, {
      amountMinor: 1_000,
      reason: 'metrics',
      idempotencyKey: 'metrics-r',
    });

    const after = await scrape();
    const added = (operation: string, outcome: string) =>
      after.value('payments_operations_total', { gateway: 'simulator', operation, outcome }) -
      before.value('payments_operations_total', { gateway: 'simulator', operation, outcome });
    expect(added('authorize', 'succeeded')).toBe(1);
    expect(added('authorize', 'failed')).toBe(1);
    expect(added('capture', 'succeeded')).toBe(1);
    expect(added('refund', 'succeeded')).toBe(1);
    expect(added('void', 'succeeded')).toBe(0);
  });
});
