import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { spawnCli, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * kill -9 of the worker running a place-order workflow, right after the authorise step
 * (SWITCHBOARD_TEST_ORDERS_CRASH_AFTER=authorize): stock is held and the simulator has authorised,
 * the order is still PENDING. A second worker takes the dead one's workflows over and finishes the
 * run from the last recorded step. Nothing is lost (CONFIRMED, captured) and nothing is doubled
 * (one held reservation per line, one authorisation here and at the simulator, one confirmed event).
 *
 * The workers are the real CLI (`switchboard worker`: every module, the simulator gateway) in
 * separate processes; this process is the API role, which only enqueues the workflow.
 */
describe('place-order: a worker killed after authorise', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const masterKey = randomBytes(32).toString('base64');
  const workers: Spawned[] = [];
  const permissions = ['orders:read', 'orders:write', 'products:write', 'products:read', 'inventory:write'];
  const as = () => ({ tenant: ctx.tenantId, permissions });

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'api', env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    ({ ctx } = await createTenant(t.platform));
    const location = await t.inject({
      method: 'POST',
      url: '/api/v1/catalog/locations',
      payload: { code: 'BER', name: 'Berlin' },
      as: as(),
    });
    expect(location.statusCode, location.body).toBe(201);
    const locationId = location.json<{ id: string }>().id;
    for (const [sku, price] of [
      ['CRASH-MUG', 1200],
      ['CRASH-CUP', 750],
    ] as const) {
      const product = await t.inject({
        method: 'POST',
        url: '/api/v1/catalog/products',
        payload: { sku, name: sku, status: 'active', prices: [{ amountMinor: price, currency: 'EUR' }] },
        as: as(),
      });
      expect(product.statusCode, product.body).toBe(201);
      const level = await t.inject({
        method: 'PUT',
        url: `/api/v1/catalog/inventory/${product.json<{ id: string }>().id}/${locationId}`,
        payload: { onHand: 10, reason: 'stock take' },
        as: as(),
      });
      expect(level.statusCode, level.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await t.close();
  });

  const spawnWorker = (crashAfter?: string) => {
    const worker = spawnCli(['worker'], {
      DATABASE_URL: t.database.url,
      SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
      SWITCHBOARD_MASTER_KEY: masterKey,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_POOL_MAX: '4',
      ...(crashAfter ? { SWITCHBOARD_TEST_ORDERS_CRASH_AFTER: crashAfter } : {}),
    });
    workers.push(worker);
    return worker;
  };

  /** Everything the run may have done, counted over this test's tenant (which has this one order). */
  const state = async (orderId: string) => {
    const owner = t.platform.database.owner;
    const { rows } = await sql<{
      status: string;
      reservations: { lineId: string; state: string; quantity: number }[] | null;
      authorizations: { status: string }[] | null;
      captures: { status: string }[] | null;
      ledger: { operation: string; n: number }[] | null;
      confirmedEvents: number;
    }>`
      select
        (select status from orders.orders where tenant_id = ${ctx.tenantId}) as status,
        (select json_agg(json_build_object('lineId', line_id, 'state', state, 'quantity', quantity) order by quantity)
           from catalog.reservations where tenant_id = ${ctx.tenantId}) as reservations,
        (select json_agg(json_build_object('status', status)) from payments.payment_transactions
           where tenant_id = ${ctx.tenantId} and kind = 'authorize') as authorizations,
        (select json_agg(json_build_object('status', status)) from payments.payment_transactions
           where tenant_id = ${ctx.tenantId} and kind = 'capture') as captures,
        (select json_agg(json_build_object('operation', operation, 'n', n) order by operation) from (
           select operation, count(*)::int as n from payments.simulator_ledger
           where tenant_id = ${ctx.tenantId} group by operation) l) as ledger,
        (select count(distinct id)::int from (
           select id from bus.outbox where tenant_id = ${ctx.tenantId} and type = 'orders.order.confirmed.v1'
           union all
           select id from bus.log where tenant_id = ${ctx.tenantId} and type = 'orders.order.confirmed.v1') e)
          as "confirmedEvents"`.execute(owner);
    const row = rows[0]!;
    const order = await t.platform.modules.orders.orders.get(ctx, orderId);
    return { ...row, order };
  };

  it('resumes from the last step: confirmed and captured once, nothing reserved or authorised twice', async () => {
    const first = spawnWorker('authorize');
    await first.waitFor(/"msg":"worker running"/, 180_000);

    const placed = await t.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { 'idempotency-key': 'crash-1' },
      payload: {
        email: 'crash@example.test',
        currency: 'EUR',
        lines: [
          { sku: 'CRASH-MUG', quantity: 2 },
          { sku: 'CRASH-CUP', quantity: 3 },
        ],
        shippingAddress: {
          name: 'Ada',
          line1: '1 Main St',
          city: 'Berlin',
          postalCode: '10115',
          country: 'DE',
        },
        payment: { gateway: 'simulator', method: { type: 'test_card', number: '4242424242424242' } },
      },
      as: as(),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const orderId = placed.json<{ id: string }>().id;

    await first.waitFor(/ORDERS CRASHING AFTER authorize/, 180_000);
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');

    // Between the kill and the takeover: held and authorised, not yet confirmed.
    const before = await state(orderId);
    expect(before).toMatchObject({
      status: 'PENDING',
      reservations: [
        { state: 'held', quantity: 2 },
        { state: 'held', quantity: 3 },
      ],
      authorizations: [{ status: 'succeeded' }],
      captures: null,
      ledger: [{ operation: 'authorize', n: 1 }],
      confirmedEvents: 0,
    });
    expect((await t.platform.workflows?.status(`place-order:${orderId}`))?.status).not.toBe('succeeded');

    // The dead worker stops heartbeating; rather than wait out the 30 s a live worker gives it, age
    // its heartbeat: the next worker's first beat claims it and re-queues its pending workflows.
    await sql`update jobs.workers set heartbeat_at = now() - interval '10 minutes'`.execute(
      t.platform.database.owner,
    );
    const second = spawnWorker();
    await second.waitFor(/took over the workflows of stopped workers/, 180_000);

    await expect
      .poll(async () => (await t.platform.workflows?.status(`place-order:${orderId}`))?.status, {
        timeout: 180_000,
        interval: 500,
      })
      .toBe('succeeded');

    const after = await state(orderId);
    expect(after).toMatchObject({
      status: 'CONFIRMED',
      reservations: [
        { state: 'held', quantity: 2 },
        { state: 'held', quantity: 3 },
      ],
      authorizations: [{ status: 'succeeded' }],
      captures: [{ status: 'succeeded' }],
      ledger: [
        { operation: 'authorize', n: 1 },
        { operation: 'capture', n: 1 },
      ],
      confirmedEvents: 1,
    });
    // One reservation per line, each line its own.
    expect(new Set(after.reservations?.map((r) => r.lineId)).size).toBe(2);
    expect(after.order.lines.map((line) => line.id).sort()).toEqual(
      after.reservations?.map((r) => r.lineId).sort(),
    );
    expect(after.order.history.map((h) => h.to)).toEqual(['PENDING', 'CONFIRMED']);
    expect(after.order.payments).toHaveLength(1);
    expect(after.order.payments[0]?.capturedMinor).toBe(after.order.total.amountMinor);
    // The resumed run did not go through reserve and authorise again: the kill hook of the second
    // worker is off, and the first printed its line once.
    expect(first.output().match(/ORDERS CRASHING AFTER/g)).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 600_000);
});
