import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { NormalisedCall } from '../call-record.js';
import type { CallStats } from '../contract.js';
import { callRecord } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

/*
 * A hand-computed day in New York that contains the end of daylight saving time
 * (2024-11-03 06:00Z: 02:00 EDT becomes 01:00 EST, so 01:00-02:00 local happens twice).
 *
 *   call  UTC             local            dir  outcome     talk  queue     agent
 *   c1    11-03 05:10     01:10 EDT        in   answered     60   Support
 *   c2    11-03 05:50     01:50 EDT        in   cancelled     0   Support
 *   c3    11-03 06:20     01:20 EST        out  answered    120   -
 *   c4    11-03 06:40     01:40 EST        in   answered     30   Support   Ann (45 s after-call work)
 *   c5    11-03 14:05     09:05 EST        in   no_answer     0   Sales
 *   c6    11-04 04:30     11-03 23:30 EST  in   answered     90   -         Ann
 *   c7    11-04 05:30     11-04 00:30 EST  out  answered     10   -
 *   c8    11-02 03:59     11-01 23:59 EDT  (before the range)
 */
const calls: [string, Partial<NormalisedCall>][] = [
  [
    'c1',
    {
      startedAt: '2024-11-03T05:10:00.000Z',
      direction: 'inbound',
      disposition: 'answered',
      talkSeconds: 60,
      queue: { id: 'q1', name: 'Support' },
    },
  ],
  [
    'c2',
    {
      startedAt: '2024-11-03T05:50:00.000Z',
      direction: 'inbound',
      disposition: 'cancelled',
      talkSeconds: 0,
      queue: { id: 'q1', name: 'Support' },
    },
  ],
  [
    'c3',
    {
      startedAt: '2024-11-03T06:20:00.000Z',
      direction: 'outbound',
      disposition: 'answered',
      talkSeconds: 120,
      source: 'asterisk',
    },
  ],
  [
    'c4',
    {
      startedAt: '2024-11-03T06:40:00.000Z',
      direction: 'inbound',
      disposition: 'answered',
      talkSeconds: 30,
      source: 'connect',
      queue: { id: 'q1', name: 'Support' },
      agent: { id: 'a-7', name: 'Ann Agent' },
      afterCallWorkSeconds: 45,
    },
  ],
  [
    'c5',
    {
      startedAt: '2024-11-03T14:05:00.000Z',
      direction: 'inbound',
      disposition: 'no_answer',
      talkSeconds: 0,
      queue: { id: 'q2', name: 'Sales' },
    },
  ],
  [
    'c6',
    {
      startedAt: '2024-11-04T04:30:00.000Z',
      direction: 'inbound',
      disposition: 'answered',
      talkSeconds: 90,
      agent: { id: 'a-7', name: 'Ann Agent' },
    },
  ],
  [
    'c7',
    {
      startedAt: '2024-11-04T05:30:00.000Z',
      direction: 'outbound',
      disposition: 'answered',
      talkSeconds: 10,
    },
  ],
  [
    'c8',
    {
      startedAt: '2024-11-02T03:59:00.000Z',
      direction: 'inbound',
      disposition: 'answered',
      talkSeconds: 999,
    },
  ],
];

describe('call statistics in the tenant’s time zone', () => {
  let t: CallsTestPlatform;
  let ny: RequestContext;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: ny } = await t.createTenant({ timeZone: 'America/New_York' }));
    await t.calls.calls.upsertRecords(
      ny,
      calls.map(([name, call]) => callRecord(ny.tenantId, { sourceCallId: name, ...call })),
    );
  });
  afterAll(() => t.close());

  const stats = async (query: string, ctx: RequestContext = ny) => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/stats?${query}`,
      as: { tenant: ctx.tenantId, permissions: ['calls:read'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CallStats>();
  };

  it('counts local calendar days, the 25-hour day included', async () => {
    const result = await stats('from=2024-11-03T04:00:00Z&to=2024-11-05T05:00:00Z&interval=day');
    expect(result).toMatchObject({ timeZone: 'America/New_York', interval: 'day', groupBy: null });
    expect(result.buckets).toMatchObject([
      {
        start: '2024-11-03T04:00:00.000Z',
        localStart: '2024-11-03T00:00',
        group: null,
        calls: 6,
        answered: 4,
        answerSeizureRatio: 0.6667,
        averageTalkSeconds: 75,
        averageHandleSeconds: 86.25,
        inbound: 5,
        abandoned: 1,
        abandonRate: 0.2,
      },
      {
        start: '2024-11-04T05:00:00.000Z',
        localStart: '2024-11-04T00:00',
        group: null,
        calls: 1,
        answered: 1,
        answerSeizureRatio: 1,
        averageTalkSeconds: 10,
        averageHandleSeconds: 10,
        inbound: 0,
        abandoned: 0,
        abandonRate: null,
      },
    ]);
    expect(result.totals).toMatchObject([
      {
        group: null,
        calls: 7,
        answered: 5,
        answerSeizureRatio: 0.7143,
        averageTalkSeconds: 62,
        averageHandleSeconds: 71,
        inbound: 5,
        abandoned: 1,
        abandonRate: 0.2,
      },
    ]);
  });

  it('keeps the repeated local hour apart when clocks go back', async () => {
    const result = await stats('from=2024-11-03T05:00:00Z&to=2024-11-03T07:00:00Z&interval=hour');
    expect(result.buckets).toEqual([
      expect.objectContaining({
        start: '2024-11-03T05:00:00.000Z',
        localStart: '2024-11-03T01:00',
        calls: 2,
        answered: 1,
        answerSeizureRatio: 0.5,
        averageTalkSeconds: 60,
        averageHandleSeconds: 60,
        inbound: 2,
        abandoned: 1,
        abandonRate: 0.5,
      }),
      expect.objectContaining({
        start: '2024-11-03T06:00:00.000Z',
        localStart: '2024-11-03T01:00',
        calls: 2,
        answered: 2,
        answerSeizureRatio: 1,
        averageTalkSeconds: 75,
        averageHandleSeconds: 97.5,
        inbound: 1,
        abandoned: 0,
        abandonRate: 0,
      }),
    ]);
  });

  it('cuts quarter hours', async () => {
    const result = await stats('from=2024-11-03T05:00:00Z&to=2024-11-03T07:00:00Z&interval=15m');
    expect(result.buckets.map((b) => [b.start, b.localStart, b.calls])).toEqual([
      ['2024-11-03T05:00:00.000Z', '2024-11-03T01:00', 1],
      ['2024-11-03T05:45:00.000Z', '2024-11-03T01:45', 1],
      ['2024-11-03T06:15:00.000Z', '2024-11-03T01:15', 1],
      ['2024-11-03T06:30:00.000Z', '2024-11-03T01:30', 1],
    ]);
  });

  it('groups by queue, agent and direction', async () => {
    const range = 'from=2024-11-03T04:00:00Z&to=2024-11-05T05:00:00Z&interval=day';
    const byQueue = await stats(`${range}&groupBy=queue`);
    expect(byQueue.totals).toMatchObject([
      expect.objectContaining({ group: { value: null, name: null }, calls: 3, answered: 3 }),
      {
        group: { value: 'q1', name: 'Support' },
        calls: 3,
        answered: 2,
        answerSeizureRatio: 0.6667,
        averageTalkSeconds: 45,
        averageHandleSeconds: 67.5,
        inbound: 3,
        abandoned: 1,
        abandonRate: 0.3333,
      },
      expect.objectContaining({
        group: { value: 'q2', name: 'Sales' },
        calls: 1,
        answered: 0,
        answerSeizureRatio: 0,
        averageTalkSeconds: null,
      }),
    ]);
    const byAgent = await stats(`${range}&groupBy=agent`);
    expect(byAgent.totals).toContainEqual(
      expect.objectContaining({
        group: { value: 'a-7', name: 'Ann Agent' },
        calls: 2,
        answered: 2,
        averageTalkSeconds: 60,
        averageHandleSeconds: 82.5,
      }),
    );
    const byDirection = await stats(`${range}&groupBy=direction`);
    expect(byDirection.totals.map((g) => [g.group?.value, g.calls])).toEqual([
      ['inbound', 5],
      ['outbound', 2],
    ]);
  });

  it('applies the list filters', async () => {
    const result = await stats(
      'from=2024-11-03T04:00:00Z&to=2024-11-05T05:00:00Z&interval=day&direction=outbound',
    );
    expect(result.totals[0]).toMatchObject({ calls: 2, answered: 2, averageTalkSeconds: 65 });
  });

  it('cuts hours at local hours where the offset is not whole hours', async () => {
    const { ctx: kolkata } = await t.createTenant({ timeZone: 'Asia/Kolkata' });
    await t.calls.calls.upsertRecords(kolkata, [
      callRecord(kolkata.tenantId, { sourceCallId: 'k1', startedAt: '2024-05-01T10:50:00.000Z' }),
    ]);
    const result = await stats('from=2024-05-01T00:00:00Z&to=2024-05-02T00:00:00Z&interval=hour', kolkata);
    expect(result.buckets.map((b) => [b.start, b.localStart])).toEqual([
      ['2024-05-01T10:30:00.000Z', '2024-05-01T16:00'],
    ]);
  });

  it('answers an empty range with zero totals', async () => {
    const result = await stats('from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&interval=hour');
    expect(result.buckets).toEqual([]);
    expect(result.totals).toMatchObject([
      {
        group: null,
        calls: 0,
        answered: 0,
        answerSeizureRatio: null,
        averageTalkSeconds: null,
        averageHandleSeconds: null,
        inbound: 0,
        abandoned: 0,
        abandonRate: null,
      },
    ]);
  });

  it('answers bad statistics queries with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['to=2024-11-05T00:00:00Z', 'querystring.from'],
      ['from=2024-11-03T00:00:00Z&to=2024-11-02T00:00:00Z', 'querystring.to'],
      ['from=2024-01-01T00:00:00Z&to=2024-12-01T00:00:00Z&interval=15m', 'querystring.interval'],
      ['from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z&interval=week', 'querystring.interval'],
      ['from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z&groupBy=colour', 'querystring.groupBy'],
    ];
    for (const [query, field] of cases) {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/stats?${query}`,
        as: { tenant: ny.tenantId, permissions: ['calls:read'] },
      });
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });
});
