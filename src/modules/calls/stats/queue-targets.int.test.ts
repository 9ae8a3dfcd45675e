import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { CallStats, QueueTargets } from '../contract.js';
import { callRecord } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

describe('queue targets', () => {
  let t: CallsTestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  const admin = (ctx: RequestContext) => ({
    tenant: ctx.tenantId,
    permissions: ['calls:read', 'settings:write'] as const,
  });

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant({ timeZone: 'Europe/Berlin' }));
    ({ ctx: b } = await t.createTenant());
    // q1: answered after 8 s and after 25 s, one abandon after 3 s (short), one after 40 s.
    const call = (id: string, ring: number, disposition: 'answered' | 'cancelled') =>
      callRecord(a.tenantId, {
        sourceCallId: id,
        startedAt: '2024-05-01T10:00:00.000Z',
        ringSeconds: ring,
        disposition,
        queue: { id: 'q1', name: 'Support' },
      });
    await t.calls.calls.upsertRecords(a, [
      call('c1', 8, 'answered'),
      call('c2', 25, 'answered'),
      call('c3', 3, 'cancelled'),
      call('c4', 40, 'cancelled'),
    ]);
  });
  afterAll(() => t.close());

  const put = (
    ctx: RequestContext,
    url: string,
    payload: object,
    permissions: readonly string[] = admin(ctx).permissions,
  ) =>
    t.inject({
      method: 'PUT',
      url: `/api/v1/calls/queue-targets${url}`,
      payload,
      as: { tenant: ctx.tenantId, permissions: [...permissions] },
    });
  const statsByQueue = async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/stats?from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&interval=day&groupBy=queue',
      as: { tenant: a.tenantId, permissions: ['calls:read'] },
    });
    return res.json<CallStats>().totals[0];
  };

  it('measures against the built-in 80 % in 20 s until the tenant sets its own', async () => {
    expect(await statsByQueue()).toMatchObject({
      target: { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5 },
      inbound: 4,
      shortAbandoned: 1,
      answeredWithinTarget: 1,
      serviceLevel: 0.3333,
      abandonRate: 0.5,
      abandonRateExcludingShort: 0.3333,
      averageSpeedOfAnswerSeconds: 16.5,
    });
  });

  it('sets a queue’s own targets, audited, and the statistics follow', async () => {
    const res = await put(a, '/queues/q1', {
      serviceLevelSeconds: 30,
      serviceLevelGoal: 0.9,
      shortAbandonSeconds: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<QueueTargets>().queues).toEqual([
      { queueId: 'q1', serviceLevelSeconds: 30, serviceLevelGoal: 0.9, shortAbandonSeconds: 0 },
    ]);
    expect(await statsByQueue()).toMatchObject({
      answeredWithinTarget: 2,
      shortAbandoned: 0,
      serviceLevel: 0.5,
      abandonRateExcludingShort: 0.5,
    });
    const other = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/queue-targets',
      as: { tenant: b.tenantId, permissions: ['calls:read'] },
    });
    expect(other.json<QueueTargets>()).toEqual({
      default: { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5, builtIn: true },
      queues: [],
    });
  });

  it('refuses targets off the histogram’s edges with a 400 naming the field, and viewers may not change them', async () => {
    const bad = await put(a, '/default', {
      serviceLevelSeconds: 17,
      serviceLevelGoal: 1.5,
      shortAbandonSeconds: 5,
      colour: 'red',
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ errors: { field: string; message: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.serviceLevelSeconds', 'body.serviceLevelGoal', 'body.colour']),
    );
    expect(
      (
        await put(a, '/default', { serviceLevelSeconds: 20, serviceLevelGoal: 0.8, shortAbandonSeconds: 5 }, [
          'calls:read',
        ])
      ).statusCode,
    ).toBe(403);
    const missing = await t.inject({
      method: 'DELETE',
      url: '/api/v1/calls/queue-targets/queues/nope',
      as: { tenant: a.tenantId, permissions: ['settings:write'] },
    });
    expect(missing.statusCode).toBe(404);
  });
});
