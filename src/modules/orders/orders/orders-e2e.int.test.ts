import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/** End to end against the real catalog, inventory and payments (the simulator gateway). */
describe('orders end to end', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const permissions = [
    'orders:read',
    'orders:write',
    'products:write',
    'products:read',
    'inventory:write',
    'payments:refund',
    'commerce:configure',
  ];
  const as = () => ({ tenant: ctx.tenantId, permissions });
  let productId = '';

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx } = await createTenant(t.platform));
    const product = await t.inject({
      method: 'POST',
      url: '/api/v1/catalog/products',
      payload: {
        sku: 'E2E-MUG',
        name: 'Mug',
        status: 'active',
        prices: [{ amountMinor: 1200, currency: 'EUR' }],
      },
      as: as(),
    });
    expect(product.statusCode, product.body).toBe(201);
    productId = product.json<{ id: string }>().id;
    const location = await t.inject({
      method: 'POST',
      url: '/api/v1/catalog/locations',
      payload: { code: 'BER', name: 'Berlin' },
      as: as(),
    });
    expect(location.statusCode, location.body).toBe(201);
    const level = await t.inject({
      method: 'PUT',
      url: `/api/v1/catalog/inventory/${productId}/${location.json<{ id: string }>().id}`,
      payload: { onHand: 10, reason: 'stock take' },
      as: as(),
    });
    expect(level.statusCode, level.body).toBe(200);
  }, 90_000);
  afterAll(async () => {
    await t.close();
  });

  const place = async (card: string, key: string) => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'idempotency-key': key },
      payload: {
        email: 'e2e@example.test',
        currency: 'EUR',
        lines: [{ sku: 'E2E-MUG', quantity: 3 }],
        shippingAddress: {
          name: 'Ada',
          line1: '1 Main St',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
        payment: { gateway: 'simulator', method: { type: 'test_card', number: card } },
      },
      as: as(),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const settled = async (id: string) => {
    for (;;) {
      const state = await t.platform.workflows?.status(`place-order:${id}`);
      if (state && (state.status === 'succeeded' || state.status === 'failed')) return state;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('confirms and captures with the simulator; a declined card releases the stock', async () => {
    const id = await place('4242424242424242', 'e2e-1');
    expect((await settled(id)).status).toBe('succeeded');
    const order = await t.platform.modules.orders.orders.get(ctx, id);
    expect(order.status).toBe('CONFIRMED');
    expect(order.payments[0]?.capturedMinor).toBe(order.total.amountMinor);
    expect(order.payments[0]?.transactions.filter((tx) => tx.kind === 'authorize')).toHaveLength(1);
    const levels = await t.platform.modules.catalog.inventory.levels(ctx, productId);
    expect(levels[0]?.reserved).toBe(3);

    const declined = await place('4000000000000002', 'e2e-2');
    await settled(declined);
    const cancelled = await t.platform.modules.orders.orders.get(ctx, declined);
    expect(cancelled.status).toBe('CANCELLED');
    expect((await t.platform.modules.catalog.inventory.levels(ctx, productId))[0]?.reserved).toBe(3);

    const refunded = await t.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/refunds`,
      payload: { reason: 'e2e' },
      as: as(),
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json<{ status: string }>().status).toBe('REFUNDED');
  }, 90_000);
});
