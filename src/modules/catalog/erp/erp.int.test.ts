import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { ErpSyncReport } from '../contract.js';
import { eventsOf, seedProduct } from '../testing/seed-products.js';
import { startFakeErp, type FakeErp } from './testing/fake-erp.js';

/*
 * The ERP sync end to end on real PostgreSQL with the platform's durable workflows (role start)
 * and a fake ERP (node-soap server from the repo's WSDL): connection, inventory delta with
 * rejections, the watermark of the next run, product master import with prices in minor units,
 * a SOAP Fault failing the run readably with nothing half-written, tenant isolation.
 */

type Report = Omit<ErpSyncReport, 'startedAt' | 'finishedAt'> & { startedAt: string };

describe('catalog ERP sync', () => {
  let t: TestPlatform;
  let erp: FakeErp;
  let a: RequestContext;
  let b: RequestContext;
  const PERMS = ['products:read', 'inventory:write', 'commerce:configure'];
  const api = (
    ctx: RequestContext,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    permissions = PERMS,
  ) =>
    t.inject({
      method,
      url: `/api/v1/catalog${url}`,
      as: { tenant: ctx.tenantId, actor: 'usr_ops', permissions },
      ...(payload ? { payload } : {}),
    });
  const finished = async (ctx: RequestContext, id: string) => {
    let report: Report | undefined;
    await expect
      .poll(
        async () => {
          report = (await api(ctx, 'GET', `/erp/syncs/${id}`)).json<Report>();
          return report.state;
        },
        { timeout: 60_000, interval: 200 },
      )
      .not.toBe('running');
    return report as Report;
  };
  const location = async (ctx: RequestContext, code: string) =>
    (await api(ctx, 'POST', '/locations', { code, name: code })).json<{ id: string }>().id;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start' });
    ({ ctx: a } = await createTenant(t.platform));
    ({ ctx: b } = await createTenant(t.platform));
    erp = await startFakeErp();
  }, 120_000);
  afterAll(async () => {
    await erp.close();
    await t.close();
  });

  it('inventory delta: sets on hand per mapped warehouse, rejects with reasons, moves the watermark', async () => {
    const p1 = await seedProduct(t.platform.database, a.tenantId, 'ERP-1');
    const p2 = await seedProduct(t.platform.database, a.tenantId, 'ERP-2');
    const wh1 = await location(a, 'wh1');
    const wh2 = await location(a, 'wh2');
    // 3 reserved of ERP-2 at wh2: the ERP may not set it below that.
    await api(a, 'PUT', `/inventory/${p2.id}/${wh2}`, { onHand: 5, reason: 'count' });
    await t.platform.modules.catalog.inventory.reserve(a, {
      orderId: 'ord_erp',
      lines: [{ lineId: 'line_1', productId: p2.id, quantity: 3 }],
    });

    const put = await api(a, 'PUT', '/erp/connection', {
      endpoint: erp.url,
      enabled: false,
      intervalMinutes: 15,
      locationMap: { WH1: wh1, WH2: wh2 },
      username: 'erp-user',
      password: 'pa55',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      hasCredentials: true,
      circuit: 'closed',
      circuitAt: null, // no sync has tried the ERP yet
      locationMap: { WH1: wh1 },
    });
    expect(put.body).not.toContain('pa55');

    erp.inventory = [
      { ItemNumber: 'ERP-1', Warehouse: 'WH1', QuantityOnHand: '12.000', ModifiedAt: '2026-01-02T10:00:00Z' },
      { ItemNumber: 'ERP-1', Warehouse: 'WH2', QuantityOnHand: '4', ModifiedAt: '2026-01-02T10:05:00Z' },
      { ItemNumber: 'ERP-2', Warehouse: 'WH2', QuantityOnHand: '2', ModifiedAt: '2026-01-02T10:06:00Z' },
      { ItemNumber: 'NOPE', Warehouse: 'WH1', QuantityOnHand: '1', ModifiedAt: '2026-01-02T10:07:00Z' },
      { ItemNumber: 'ERP-1', Warehouse: 'WH9', QuantityOnHand: '1', ModifiedAt: '2026-01-02T10:08:00Z' },
      { ItemNumber: 'ERP-2', Warehouse: 'WH1', QuantityOnHand: '-3', ModifiedAt: '2026-01-02T11:00:00Z' },
    ];
    const started = await api(a, 'POST', '/erp/syncs', { kind: 'inventory' });
    expect(started.statusCode, started.body).toBe(202);
    const report = await finished(a, started.json<Report>().id);
    expect(report).toMatchObject({
      state: 'succeeded',
      created: 2,
      updated: 0,
      rejected: 4,
      cursor: '2026-01-02T11:00:00Z',
    });
    expect(report.rejections.map((r) => `${r.item}:${r.field}`).sort()).toEqual(
      ['ERP-1:Warehouse', 'ERP-2:QuantityOnHand', 'ERP-2:QuantityOnHand', 'NOPE:ItemNumber'].sort(),
    );
    expect(report.rejections.map((r) => r.reason).join(' ')).toMatch(
      /unknown SKU.*|negative quantity|below the 3 units reserved/,
    );
    const levels = await t.platform.modules.catalog.inventory.levels(a, p1.id);
    expect(levels.map((l) => l.onHand).sort()).toEqual([12, 4].sort());
    expect(erp.calls.every((c) => c.user === 'erp-user')).toBe(true);
    expect((await eventsOf(t.platform.database, a.tenantId, 'catalog.erp_sync.finished.v1')).length).toBe(1);

    // The next run asks only for what changed since the watermark.
    erp.inventory.push({
      ItemNumber: 'ERP-1',
      Warehouse: 'WH1',
      QuantityOnHand: '12',
      ModifiedAt: '2026-01-03T00:00:00Z',
    });
    const next = await finished(
      a,
      (await api(a, 'POST', '/erp/syncs', { kind: 'inventory' })).json<Report>().id,
    );
    expect(next).toMatchObject({ state: 'succeeded', unchanged: 1, created: 0, rejected: 0 });
    expect(erp.calls.at(-1)?.args).toMatchObject({ Page: 1 });
    expect(new Date(erp.calls.at(-1)?.args.ModifiedSince as string).toISOString()).toBe(
      '2026-01-02T11:00:00.000Z',
    );
  }, 120_000);

  it('product master import: creates and updates products, prices in minor units, bad prices rejected', async () => {
    await seedProduct(t.platform.database, a.tenantId, 'PM-OLD', { name: 'Old name', prices: { EUR: 100 } });
    erp.products = [
      {
        ItemNumber: 'PM-NEW',
        Description: 'Ergonomic chair ✓',
        Prices: [
          { Currency: 'EUR', Value: '199.90' },
          { Currency: 'JPY', Value: '25000' },
        ],
        Status: 'Active',
        ModifiedAt: '2026-02-01T00:00:00Z',
      },
      {
        ItemNumber: 'PM-OLD',
        Description: 'New name',
        Prices: [{ Currency: 'EUR', Value: '1.00' }],
        Status: 'Active',
        ModifiedAt: '2026-02-01T00:01:00Z',
      },
      {
        ItemNumber: 'PM-BAD',
        Description: 'Bad',
        Prices: [{ Currency: 'EUR', Value: '1.999' }],
        Status: 'Active',
        ModifiedAt: '2026-02-01T00:02:00Z',
      },
    ];
    const id = (await api(a, 'POST', '/erp/syncs', { kind: 'products' })).json<Report>().id;
    const report = await finished(a, id);
    expect(report).toMatchObject({ state: 'succeeded', created: 1, updated: 1, rejected: 1 });
    expect(report.rejections).toEqual([{ item: 'PM-BAD', field: 'Prices', reason: "bad price '1.999' EUR" }]);
    const prices = await sql<{ sku: string; currency: string; amountMinor: number }>`
      select p.sku, pp.currency, pp.amount_minor from catalog.product_prices pp join catalog.products p on p.id = pp.product_id
      where p.tenant_id = ${a.tenantId} and p.sku like 'PM-%' order by p.sku, pp.currency`.execute(
      t.platform.database.owner,
    );
    expect(prices.rows).toEqual([
      { sku: 'PM-NEW', currency: 'EUR', amountMinor: 19990 },
      { sku: 'PM-NEW', currency: 'JPY', amountMinor: 25000 },
      { sku: 'PM-OLD', currency: 'EUR', amountMinor: 100 },
    ]);
  }, 120_000);

  it('a SOAP Fault fails the run with its text and writes nothing; tenants see only their own', async () => {
    const loc = await location(b, 'b-wh');
    await seedProduct(t.platform.database, b.tenantId, 'B-1');
    await api(b, 'PUT', '/erp/connection', {
      endpoint: erp.url,
      enabled: false,
      intervalMinutes: 60,
      locationMap: { WH1: loc },
    });
    erp.mode = 'fault';
    try {
      const report = await finished(
        b,
        (await api(b, 'POST', '/erp/syncs', { kind: 'inventory' })).json<Report>().id,
      );
      expect(report.state).toBe('failed');
      expect(report.error).toContain('Warehouse service unavailable');
      expect(report).toMatchObject({ created: 0, updated: 0 });
    } finally {
      erp.mode = 'ok';
    }
    const levels = await api(b, 'GET', '/inventory');
    expect(levels.json<{ items: unknown[] }>().items).toEqual([]);

    // The circuit is read where every replica can see it: the run wrote the state its process's
    // breaker was in; a worker that found the ERP down (here: the row it would write) shows as open.
    const circuitRow = () =>
      sql<{ circuit: string; circuitAt: Date | null }>`
        select circuit, circuit_at from catalog.erp_connections where tenant_id = ${b.tenantId}`.execute(
        t.platform.database.owner,
      );
    const written = (await circuitRow()).rows[0];
    expect(written?.circuit).toBe('closed');
    expect(written?.circuitAt).toBeInstanceOf(Date);
    await sql`update catalog.erp_connections set circuit = 'open', circuit_at = now() where tenant_id = ${b.tenantId}`.execute(
      t.platform.database.owner,
    );
    const shown = (await api(b, 'GET', '/erp/connection')).json<{ circuit: string; circuitAt: string }>();
    expect(shown.circuit).toBe('open');
    expect(Date.parse(shown.circuitAt)).toBeGreaterThanOrEqual(written?.circuitAt?.getTime() ?? Infinity);
    expect((await api(a, 'GET', '/erp/connection')).json()).toMatchObject({ circuit: 'closed' });

    // Isolation: b sees none of a's reports, a's sync id is 404 for b, a's location is unknown to b.
    const listB = (await api(b, 'GET', '/erp/syncs')).json<{ items: Report[] }>().items;
    expect(listB).toHaveLength(1);
    const aReport = (await api(a, 'GET', '/erp/syncs?kind=inventory')).json<{ items: Report[] }>().items[0];
    expect((await api(b, 'GET', `/erp/syncs/${aReport?.id}`)).statusCode).toBe(404);
    const aLoc = (await api(a, 'GET', '/locations')).json<{ items: { id: string }[] }>().items[0]?.id;
    const bad = await api(b, 'PUT', '/erp/connection', {
      endpoint: erp.url,
      enabled: false,
      intervalMinutes: 60,
      locationMap: { X: aLoc },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('body.locationMap.X');
    // Configuring needs commerce:configure; hostile endpoint rejected.
    expect(
      (
        await api(
          b,
          'PUT',
          '/erp/connection',
          { endpoint: erp.url, enabled: false, intervalMinutes: 60, locationMap: {} },
          ['inventory:write'],
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await api(b, 'PUT', '/erp/connection', {
          endpoint: 'javascript:alert(1)',
          enabled: false,
          intervalMinutes: 60,
          locationMap: {},
        })
      ).statusCode,
    ).toBe(400);
  }, 120_000);

  it('the timer starts due syncs of enabled connections only', async () => {
    await api(a, 'PUT', '/erp/connection', {
      endpoint: erp.url,
      enabled: true,
      intervalMinutes: 1,
      locationMap: {},
    });
    const started = await t.platform.modules.catalog.erp.runDue(new Date(Date.now() + 5 * 60_000));
    expect(started).toBeGreaterThanOrEqual(1);
    const runs = (await api(a, 'GET', '/erp/syncs')).json<{ items: Report[] }>().items;
    for (const run of runs) await finished(a, run.id);
    expect((await api(b, 'GET', '/erp/syncs')).json<{ items: Report[] }>().items).toHaveLength(1);
  }, 120_000);
});
