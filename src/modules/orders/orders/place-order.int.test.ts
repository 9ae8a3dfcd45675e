import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { fakeCatalog, fakePayments, installFakes } from './testing/commerce.fakes.js';

/** The place-order workflow run by this process (role start) against fakes of catalog and payments. */
describe('the place-order workflow', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const catalog = fakeCatalog([{ sku: 'MUG', prices: { EUR: 1000 }, stock: 50 }]);
  const payments = fakePayments();
  const address = { name: 'Ada', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' };
  let n = 0;

  const place = async (cardNumber: string) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'idempotency-key': `wf-${(n += 1)}` },
      payload: {
        email: 'a@example.test',
        currency: 'EUR',
        lines: [{ sku: 'MUG', quantity: 2 }],
        shippingAddress: address,
        payment: { method: { type: 'test_card', number: cardNumber } },
      },
      as: { tenant: ctx.tenantId, permissions: ['orders:write'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const result = async (id: string) => {
    const runId = `place-order:${id}`;
    for (;;) {
      const state = await t.platform.workflows?.status(runId);
      if (state && (state.status === 'succeeded' || state.status === 'failed')) return state;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    installFakes(t.platform.modules, catalog, payments);
    ({ ctx } = await createTenant(t.platform));
  }, 90_000);
  afterAll(async () => {
    await t.close();
  });

  it('reserves, authorises, confirms and captures', async () => {
    const before = catalog.available('MUG');
    const id = await place('4242424242424242');
    const state = await result(id);
    expect(state.status).toBe('succeeded');
    const order = await t.platform.modules.orders.orders.get(ctx, id);
    expect(order.status).toBe('CONFIRMED');
    expect(catalog.available('MUG')).toBe(before - 2);
    expect(order.payments).toHaveLength(1);
    expect(order.payments[0]?.status).toBe('captured');
    expect(order.history.map((h) => h.to)).toEqual(['PENDING', 'CONFIRMED']);
  }, 60_000);

  it('a declined card undoes it all: reservation released, order CANCELLED (payment_failed)', async () => {
    const before = catalog.available('MUG');
    const id = await place('4000000000000002');
    await result(id);
    const order = await t.platform.modules.orders.orders.get(ctx, id);
    expect(order.status).toBe('CANCELLED');
    expect(order.history.at(-1)?.reason).toBe('payment_failed');
    expect(catalog.available('MUG')).toBe(before);
  }, 60_000);

  it('3-D Secure: the workflow waits for the payment message, then confirms', async () => {
    const id = await place('4000002500003155');
    // The customer completes 3-D Secure; payments publishes payments.payment.authorized.v1 and our handler tells the workflow.
    let paymentId: string | undefined;
    while (!paymentId) {
      paymentId = (await payments.service.forOrder(ctx, id))[0]?.id;
      if (!paymentId) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await payments.settle3ds(paymentId, true);
    await t.platform.bus.publishNow([
      {
        type: 'payments.payment.authorized.v1',
        tenantId: ctx.tenantId,
        key: id,
        data: {
          paymentId,
          orderId: id,
          gateway: 'simulator',
          amountMinor: 2000,
          currency: 'EUR',
          status: 'authorized',
          failureCode: null,
        },
      },
    ]);
    await result(id);
    expect((await t.platform.modules.orders.orders.get(ctx, id)).status).toBe('CONFIRMED');
  }, 60_000);
});
