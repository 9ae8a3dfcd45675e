import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { eventsOf, seedProduct } from '../testing/seed-products.js';

/*
 * Inventory on real PostgreSQL: locations and levels through the API, reservations never below
 * zero under 50 concurrent orders, split over locations, idempotent release/consume/restock,
 * low-stock events once per crossing, stale holds across tenants, tenant isolation.
 */

interface Level {
  productId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
}
interface Problem {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
}

describe('catalog inventory', () => {
  let t: TestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const WRITE = ['products:read', 'inventory:write'];

  const api = (
    ctx: RequestContext,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    permissions = WRITE,
  ) =>
    t.inject({
      method,
      url: `/api/v1/catalog${url}`,
      as: { tenant: ctx.tenantId, actor: 'usr_stock', permissions },
      ...(payload ? { payload } : {}),
    });
  const inventory = () => t.platform.modules.catalog.inventory;

  const location = async (ctx: RequestContext, code: string) => {
    const response = await api(ctx, 'POST', '/locations', { code, name: `Warehouse ${code}` });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const setLevel = async (ctx: RequestContext, productId: string, locationId: string, body: object) => {
    const response = await api(ctx, 'PUT', `/inventory/${productId}/${locationId}`, body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Level>();
  };

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('50 concurrent orders for the last 10 units: exactly 10 hold stock, never negative', async () => {
    const product = await seedProduct(t.platform.database, a.tenantId, 'LAST-TEN');
    const loc = await location(a, 'conc');
    await setLevel(a, product.id, loc, { onHand: 10, reason: 'count' });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        inventory().reserve(a, {
          orderId: `ord_c${i}`,
          lines: [{ lineId: `line_${i}`, productId: product.id, quantity: 1 }],
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(AppError);
      expect((f.reason as AppError).code).toBe('CATALOG_OUT_OF_STOCK');
      expect((f.reason as AppError).fields[0]?.field).toBe('body.lines.0.quantity');
    }
    const [level] = await inventory().levels(a, product.id);
    expect(level).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
  }, 60_000);

  it('reserve is all or nothing, splits over locations, is idempotent per order; release and consume too', async () => {
    const p1 = await seedProduct(t.platform.database, a.tenantId, 'SPLIT-1');
    const p2 = await seedProduct(t.platform.database, a.tenantId, 'SPLIT-2');
    const l1 = await location(a, 'split-a');
    const l2 = await location(a, 'split-b');
    await setLevel(a, p1.id, l1, { onHand: 3, reason: 'count' });
    await setLevel(a, p1.id, l2, { onHand: 5, reason: 'count' });
    await setLevel(a, p2.id, l1, { onHand: 1, reason: 'count' });

    // Line 1 is short: nothing is held, the error names it.
    const short = await inventory()
      .reserve(a, {
        orderId: 'ord_short',
        lines: [
          { lineId: 'line_a', productId: p1.id, quantity: 2 },
          { lineId: 'line_b', productId: p2.id, quantity: 2 },
        ],
      })
      .catch((e: unknown) => e as AppError);
    expect((short as AppError).fields).toEqual([
      { field: 'body.lines.1.quantity', message: 'only 1 available' },
    ]);
    expect((await inventory().levels(a, p1.id)).map((l) => l.reserved)).toEqual([0, 0]);

    const held = await inventory().reserve(a, {
      orderId: 'ord_split',
      lines: [{ lineId: 'line_s', productId: p1.id, quantity: 7 }],
    });
    expect(held.map((r) => r.quantity).sort()).toEqual([2, 5]);
    const again = await inventory().reserve(a, {
      orderId: 'ord_split',
      lines: [{ lineId: 'line_s', productId: p1.id, quantity: 7 }],
    });
    expect(again.map((r) => r.id).sort()).toEqual(held.map((r) => r.id).sort());
    expect((await inventory().levels(a, p1.id)).reduce((s, l) => s + l.reserved, 0)).toBe(7);

    expect(await inventory().release(a, 'ord_split', 'payment failed')).toBe(7);
    expect(await inventory().release(a, 'ord_split', 'payment failed')).toBe(0);
    expect((await inventory().levels(a, p1.id)).reduce((s, l) => s + l.reserved, 0)).toBe(0);

    await inventory().reserve(a, {
      orderId: 'ord_ship',
      lines: [{ lineId: 'line_x', productId: p1.id, quantity: 4 }],
    });
    await inventory().consume(a, 'ord_ship');
    await inventory().consume(a, 'ord_ship');
    const afterShip = await inventory().levels(a, p1.id);
    expect(afterShip.reduce((s, l) => s + l.onHand, 0)).toBe(4);
    expect(afterShip.reduce((s, l) => s + l.reserved, 0)).toBe(0);

    await inventory().restock(a, {
      orderId: 'ord_ship',
      productId: p1.id,
      quantity: 2,
      reason: 'return ret_1',
    });
    await inventory().restock(a, {
      orderId: 'ord_ship',
      productId: p1.id,
      quantity: 2,
      reason: 'return ret_1',
    });
    expect((await inventory().levels(a, p1.id)).reduce((s, l) => s + l.onHand, 0)).toBe(6);

    const kinds = await sql<{ kind: string }>`select kind from catalog.inventory_movements
      where tenant_id = ${a.tenantId} and product_id = ${p1.uuid} order by created_at`.execute(
      t.platform.database.owner,
    );
    expect(new Set(kinds.rows.map((r) => r.kind))).toEqual(
      new Set(['adjustment', 'reservation', 'release', 'consume', 'restock']),
    );
  });

  it('low stock is announced once per crossing; inventory changes are announced to caches', async () => {
    const p = await seedProduct(t.platform.database, a.tenantId, 'LOW-1');
    const loc = await location(a, 'low');
    await setLevel(a, p.id, loc, { onHand: 10, lowStockThreshold: 3, reason: 'count' });
    for (let i = 0; i < 9; i++)
      await inventory().reserve(a, {
        orderId: `ord_low${i}`,
        lines: [{ lineId: 'line_1', productId: p.id, quantity: 1 }],
      });
    const low = () => eventsOf(t.platform.database, a.tenantId, 'catalog.inventory.low_stock.v1');
    const mine = async () => (await low()).filter((e) => (e as { sku: string }).sku === 'LOW-1');
    expect(await mine()).toEqual([
      { productId: p.id, sku: 'LOW-1', locationId: loc, available: 3, threshold: 3 },
    ]);
    // Back above, then below again: a second crossing.
    await setLevel(a, p.id, loc, { adjustBy: 10, reason: 'delivery' });
    await setLevel(a, p.id, loc, { adjustBy: -9, reason: 'breakage' });
    expect(await mine()).toHaveLength(2);
    const changed = await eventsOf(t.platform.database, a.tenantId, 'catalog.product.changed.v1');
    expect(changed).toContainEqual({ productId: p.id, sku: 'LOW-1', change: 'inventory' });

    const lowList = await api(a, 'GET', `/inventory?lowStock=true&productId=${p.id}`);
    expect(lowList.json<{ items: Level[] }>().items).toHaveLength(1);
  });

  it('the routes: 409 below reserved, bad input named, audit, paging, hostile strings, permissions', async () => {
    const p = await seedProduct(t.platform.database, a.tenantId, 'ROUTE-1');
    const loc = await location(a, 'route');
    await setLevel(a, p.id, loc, { onHand: 5, reason: 'count' });
    await inventory().reserve(a, {
      orderId: 'ord_r',
      lines: [{ lineId: 'line_1', productId: p.id, quantity: 4 }],
    });
    const below = await api(a, 'PUT', `/inventory/${p.id}/${loc}`, { onHand: 3, reason: 'recount' });
    expect(below.statusCode).toBe(409);
    expect(below.json<Problem>().code).toBe('CATALOG_BELOW_RESERVED');
    const both = await api(a, 'PUT', `/inventory/${p.id}/${loc}`, { onHand: 3, adjustBy: 1, reason: 'x' });
    expect(both.statusCode).toBe(400);
    expect(both.json<Problem>().errors?.map((e) => e.field)).toContain('body.adjustBy');
    for (const reason of ['a\u0000b', 'x'.repeat(10_000)]) {
      const bad = await api(a, 'PUT', `/inventory/${p.id}/${loc}`, { onHand: 6, reason });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<Problem>().errors?.[0]?.field).toBe('body.reason');
    }
    const fancy = await api(a, 'POST', '/locations', { code: 'rtl', name: 'مستودع 🏬 \u202Eevil' });
    expect(fancy.statusCode).toBe(201);
    const badCode = await api(a, 'POST', '/locations', { code: 'bad code 🏬', name: 'x' });
    expect(badCode.statusCode).toBe(400);
    const dup = await api(a, 'POST', '/locations', { code: 'rtl', name: 'again' });
    expect(dup.statusCode).toBe(409);
    const unknown = await api(a, 'PUT', `/inventory/prod_nonsense/${loc}`, { onHand: 1, reason: 'x' });
    expect(unknown.statusCode).toBe(404);
    const forbidden = await api(a, 'PUT', `/inventory/${p.id}/${loc}`, { onHand: 6, reason: 'x' }, [
      'products:read',
    ]);
    expect(forbidden.statusCode).toBe(403);

    const audit = await sql<{ action: string }>`select action from audit.entries
      where tenant_id = ${a.tenantId} and action like 'catalog.%'`.execute(t.platform.database.owner);
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['catalog.location.created', 'catalog.inventory.adjusted']),
    );

    const page1 = await api(a, 'GET', '/inventory?limit=2');
    const body1 = page1.json<{ items: Level[]; nextCursor: string | null }>();
    expect(body1.items).toHaveLength(2);
    expect(body1.nextCursor).not.toBeNull();
    const page2 = await api(a, 'GET', `/inventory?limit=2&cursor=${body1.nextCursor}`);
    expect(page2.json<{ items: Level[] }>().items[0]?.productId).not.toBe(body1.items[0]?.productId);
  });

  it('tenant isolation and stale holds across tenants', async () => {
    const p = await seedProduct(t.platform.database, a.tenantId, 'ISO-1');
    const loc = await location(a, 'iso');
    await setLevel(a, p.id, loc, { onHand: 2, reason: 'count' });
    expect((await api(b, 'GET', '/locations')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await api(b, 'GET', '/inventory')).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await api(b, 'PUT', `/inventory/${p.id}/${loc}`, { onHand: 1, reason: 'x' })).statusCode).toBe(
      404,
    );
    expect(await inventory().levels(b, p.id)).toEqual([]);
    await expect(
      inventory().reserve(b, {
        orderId: 'ord_b',
        lines: [{ lineId: 'line_1', productId: p.id, quantity: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'CATALOG_OUT_OF_STOCK' });

    await inventory().reserve(a, {
      orderId: 'ord_stale',
      lines: [{ lineId: 'line_1', productId: p.id, quantity: 1 }],
    });
    const stale = await inventory().staleHolds(new Date(Date.now() + 60_000), 1000);
    expect(stale).toContainEqual({ tenantId: a.tenantId, orderId: 'ord_stale' });
    expect(await inventory().staleHolds(new Date(0), 10)).toEqual([]);
  });
});
