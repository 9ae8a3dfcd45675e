import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../../platform/bus/index.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { rawPayloadReceivedV1 } from '../events.js';
import { createTransformHandler } from './transform.handler.js';

/**
 * An event whose payload this database does not hold (another installation's, on a shared bus)
 * used to be acknowledged as handled: 45,000 records vanished that way with no error anywhere.
 * The transform, run here with a short retry policy, must retry it and then dead-letter it.
 */
describe('calls transform: an event whose payload is missing', () => {
  let t: CallsTestPlatform;
  let subscription: Subscription | undefined;
  const group = 'calls-transform-probe';

  beforeAll(async () => {
    t = await createCallsTestPlatform();
  });
  afterAll(async () => {
    await subscription?.stop();
    await t.close();
  });

  it('is retried and dead-lettered as an infrastructure fault, never acknowledged silently', async () => {
    const { tenant } = await t.createTenant();
    const { platform } = t;
    const transform = createTransformHandler({
      database: platform.database,
      ingest: platform.modules.calls.ingest,
      writes: platform.modules.calls.writes,
      objects: platform.quietObjects,
      bus: platform.bus,
    });
    subscription = await platform.bus.subscribe({
      group,
      topics: transform.topics,
      handler: transform.handle,
      retry: { maxDeliveries: 3, initialBackoffMs: 20, backoffFactor: 1 },
    });
    platform.bus.startRelay();

    const payloadId = randomUUID();
    await platform.bus.publishNow([
      {
        type: rawPayloadReceivedV1.typeFor('generic'),
        tenantId: tenant.uuid,
        key: payloadId,
        data: { payloadId, source: 'generic', format: 'generic-json' },
      },
    ]);

    await expect
      .poll(
        async () =>
          (await platform.bus.deadLetters.list('all', { group })).map((l) => ({
            code: l.errorCode,
            deliveries: l.deliveries,
            payload: l.event.data,
          })),
        {
          timeout: 60_000,
          interval: 200,
        },
      )
      .toEqual([
        {
          code: 'CALLS_RAW_PAYLOAD_MISSING',
          deliveries: 3,
          payload: { payloadId, source: 'generic', format: 'generic-json' },
        },
      ]);
    const metrics = await platform.metrics.getSingleMetricAsString('bus_handler_failures_total');
    expect(metrics).toContain(`bus_handler_failures_total{group="${group}"} 3`);
  });
});
