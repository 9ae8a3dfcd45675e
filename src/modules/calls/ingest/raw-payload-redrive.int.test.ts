import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPublicId } from '../../../platform/ids.js';
import { createWorkerRuntime, type TimerTrigger, type WorkerRuntime } from '../../../platform/jobs/index.js';
import { createLogger, createMetricsRegistry } from '../../../platform/telemetry/index.js';
import { normalisedCall } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { createRawPayloadRedrive } from './raw-payload-redrive.job.js';

/**
 * A payload accepted (202) whose event was then lost before any worker saw it. Nothing used to
 * bring it back. The sweeper publishes its event again once it is overdue, a bounded number of
 * times, and the payload ends indexed exactly once however many of its events arrive.
 */
describe('calls: re-driving accepted payloads that stayed unprocessed', () => {
  let t: CallsTestPlatform;
  let runtime: WorkerRuntime | undefined;

  beforeAll(async () => {
    // The API role accepts but runs no consumer and no relay: its events wait in the outbox.
    t = await createCallsTestPlatform();
  });
  afterAll(async () => {
    await runtime?.stop();
    await t.close();
  });

  const owner = () => t.platform.database.owner;
  const metric = async (name: string) =>
    (await t.platform.metrics.getSingleMetricAsString(name)).split('\n').filter((l) => !l.startsWith('#'));

  it('publishes the event of an overdue payload again, within bounds, and the payload ends indexed once', async () => {
    const { tenant, ctx } = await t.createTenant();
    const record = normalisedCall({ source: 'generic', sourceCallId: 'lost-1', conversationId: 'lost-1' });
    const { payloadId: publicId } = await t.calls.ingest.accept(ctx, {
      source: 'generic',
      format: 'generic-json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify([record])),
    });
    const payloadId = fromPublicId('raw', publicId) ?? '';
    // The event is lost, and the payload has waited for an hour.
    const lost = await sql`delete from bus.outbox where tenant_id = ${tenant.uuid}`.execute(owner());
    expect(lost.numAffectedRows).toBe(1n);
    await sql`update calls.raw_payloads set received_at = now() - interval '1 hour' where id = ${payloadId}`.execute(
      owner(),
    );
    expect(await metric('calls_raw_payloads_overdue')).toEqual([
      'calls_raw_payloads_overdue{state="waiting"} 1',
      'calls_raw_payloads_overdue{state="exhausted"} 0',
    ]);

    // The module's timer, as the timer leader runs it every minute.
    const timer = t.platform.jobs.find(
      (j): j is TimerTrigger => j.kind === 'timer' && j.name === 'calls.raw-payloads-redrive',
    );
    expect(timer?.cron).toBe('* * * * *');
    await timer?.run({ runId: 'test', scheduledFor: new Date(), missedSlots: 0 });
    expect(await metric('calls_raw_payloads_redriven_total')).toEqual([
      'calls_raw_payloads_redriven_total 1',
    ]);
    // Not again before another deadline has passed.
    await timer?.run({ runId: 'test-2', scheduledFor: new Date(), missedSlots: 0 });
    expect(await metric('calls_raw_payloads_redriven_total')).toEqual([
      'calls_raw_payloads_redriven_total 1',
    ]);

    // Later deadlines: two more re-drives, then no more (three per payload); the gauge says so.
    const sweeper = createRawPayloadRedrive({
      database: t.platform.database,
      bus: t.platform.bus,
      metrics: createMetricsRegistry({ collectProcessMetrics: false }),
      logger: createLogger({ level: 'silent' }),
      settings: { afterMs: 15 * 60_000 },
    });
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    expect(await sweeper.sweep(later(20))).toEqual({ redriven: 1 });
    expect(await sweeper.sweep(later(40))).toEqual({ redriven: 1 });
    expect(await sweeper.sweep(later(60))).toEqual({ redriven: 0 });
    expect(await metric('calls_raw_payloads_overdue')).toEqual([
      'calls_raw_payloads_overdue{state="waiting"} 0',
      'calls_raw_payloads_overdue{state="exhausted"} 1',
    ]);
    const { rows: queued } = await sql<{
      n: number;
    }>`select count(*)::int as n from bus.outbox where tenant_id = ${tenant.uuid}`.execute(owner());
    expect(queued[0]?.n).toBe(3);

    // A worker comes: three events for one payload, one index row.
    runtime = createWorkerRuntime(
      { database: t.platform.database, bus: t.platform.bus, logger: createLogger({ level: 'silent' }) },
      { modules: [{ handlers: t.platform.handlers }], runner: 'redrive-test' },
    );
    await runtime.start();
    const state = async () => {
      const { rows } = await sql<{ processed: boolean; calls: number; outbox: number }>`
        select (select processed_at is not null from calls.raw_payloads where id = ${payloadId}) as processed,
               (select count(*)::int from calls.call_records where tenant_id = ${tenant.uuid}) as calls,
               (select count(*)::int from bus.outbox where tenant_id = ${tenant.uuid}) as outbox`.execute(
        owner(),
      );
      return rows[0];
    };
    await expect
      .poll(state, { timeout: 60_000, interval: 200 })
      .toEqual({ processed: true, calls: 1, outbox: 0 });
    const { rows: indexed } = await sql<{
      id: string;
    }>`select source_call_id as id from calls.call_records where tenant_id = ${tenant.uuid}`.execute(owner());
    expect(indexed).toEqual([{ id: 'lost-1' }]);
    expect(await t.platform.bus.deadLetters.list('all')).toEqual([]);
    expect(await metric('calls_raw_payloads_overdue')).toEqual([
      'calls_raw_payloads_overdue{state="waiting"} 0',
      'calls_raw_payloads_overdue{state="exhausted"} 0',
    ]);
  });
});
