import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { spawnTs, type Spawned } from '../../../../test/support/child-process.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { PaymentsTables } from '../db/payments.tables.js';

/**
 * kill -9 of a worker between the gateway's answer and our commit: the simulator has captured, our
 * transaction row is still pending. A second process retries the capture with the same key: the
 * simulator answers its first answer, our row settles, and the money is captured exactly once —
 * at the simulator's ledger and in our table.
 */
describe('payments: a worker killed between the gateway call and the commit', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  const masterKey = randomBytes(32).toString('base64');
  const children: Spawned[] = [];

  beforeAll(async () => {
    t = await createTestPlatform({ env: { SWITCHBOARD_MASTER_KEY: masterKey } });
    ({ ctx } = await createTenant(t.platform));
  }, 60_000);
  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await t.close();
  });

  it('captures exactly once', async () => {
    const payment = await t.platform.modules.payments.authorize(ctx, {
      orderId: 'ord_crash',
      amount: { amountMinor: 12_345, currency: 'EUR' },
      method: { type: 'test_card', number: '4242424242424242' },
      idempotencyKey: 'crash-auth',
    });
    const spawn = (crash: boolean) => {
      const child = spawnTs('src/modules/payments/testing/crash-capture.ts', [], {
        DATABASE_URL: t.database.url,
        SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
        SWITCHBOARD_MASTER_KEY: masterKey,
        LOG_LEVEL: 'silent',
        TENANT_ID: ctx.tenantId,
        PAYMENT_ID: payment.id,
        CAPTURE_KEY: 'crash-capture-1',
        AMOUNT_MINOR: '10000',
        CRASH_AFTER_CAPTURE: crash ? '1' : '0',
      });
      children.push(child);
      return child;
    };

    const first = spawn(true);
    await first.waitFor(/GATEWAY_ANSWERED/, 120_000).catch(() => undefined);
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');

    const state = () =>
      t.platform.database.withTenant<
        PaymentsTables,
        { ledger: number[]; ours: { status: string; amountMinor: number }[]; captured: number }
      >(ctx, async (trx) => ({
        ledger: (
          await trx
            .selectFrom('payments.simulator_ledger')
            .select('amountMinor')
            .where('paymentReference', '=', payment.gatewayReference!)
            .where('operation', '=', 'capture')
            .execute()
        ).map((row) => row.amountMinor),
        ours: await trx
          .selectFrom('payments.payment_transactions')
          .select(['status', 'amountMinor'])
          .where('kind', '=', 'capture')
          .execute(),
        captured: (
          await trx.selectFrom('payments.payments').select('capturedMinor').executeTakeFirstOrThrow()
        ).capturedMinor,
      }));
    // The gateway captured; our row is pending: the crash fell between the two.
    expect(await state()).toEqual({
      ledger: [10_000],
      ours: [{ status: 'pending', amountMinor: 10_000 }],
      captured: 0,
    });

    const second = spawn(false);
    const [line] = await second.waitFor(/CAPTURED .*/, 120_000);
    expect(JSON.parse(line.slice('CAPTURED '.length))).toEqual({
      status: 'partially_captured',
      capturedMinor: 10_000,
    });
    await second.exited;

    expect(await state()).toEqual({
      ledger: [10_000],
      ours: [{ status: 'succeeded', amountMinor: 10_000 }],
      captured: 10_000,
    });
  }, 240_000);
});
