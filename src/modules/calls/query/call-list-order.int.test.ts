import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { NormalisedCall } from '../call-record.js';
import { countCalls } from './call-reads.repo.js';
import type { CallsTables } from '../db/calls.tables.js';
import { callRecord } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

interface Page {
  items: { sourceCallId: string }[];
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
}
interface Problem {
  errors?: { field: string; message: string }[];
}

describe('calls API: sort and total', () => {
  let t: CallsTestPlatform;
  let a: RequestContext;
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 9, minute)).toISOString();
  const seed = (name: string, call: Partial<NormalisedCall>) =>
    t.calls.calls.upsertRecords(a, [callRecord(a.tenantId, { sourceCallId: name, ...call })]);

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant());
    await seed('short', { startedAt: at(0), totalSeconds: 5, source: 'twilio' });
    await seed('long', { startedAt: at(10), totalSeconds: 300, source: 'twilio' });
    await seed('tie-old', { startedAt: at(20), totalSeconds: 60, source: 'asterisk' });
    await seed('tie-new', { startedAt: at(30), totalSeconds: 60, source: 'twilio' });
    await seed('none', { startedAt: at(40), totalSeconds: null, source: 'twilio' });
    // Another month: the index is partitioned by month, the order crosses partitions.
    await seed('june', {
      startedAt: new Date(Date.UTC(2024, 5, 2)).toISOString(),
      totalSeconds: 120,
      source: 'twilio',
    });
  });
  afterAll(() => t.close());

  const get = (query: string) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/calls${query}`,
      as: { tenant: a.tenantId, permissions: ['calls:read'] },
    });

  /** Every page of a query two calls at a time, as the console scrolls through them. */
  const walk = async (query: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const page: Page = res.json<Page>();
      seen.push(...page.items.map((i) => i.sourceCallId));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  it('sorts by duration either way across pages; ties by start time, calls without a duration shortest', async () => {
    expect(await walk('sort=-duration')).toEqual(['long', 'june', 'tie-new', 'tie-old', 'short', 'none']);
    expect(await walk('sort=duration')).toEqual(['none', 'short', 'tie-old', 'tie-new', 'june', 'long']);
    expect(await walk('sort=-duration&source=twilio')).toEqual(['long', 'june', 'tie-new', 'short', 'none']);
  });

  it('sorts by start time either way across pages, newest first by default', async () => {
    expect(await walk('')).toEqual(['june', 'none', 'tie-new', 'tie-old', 'long', 'short']);
    expect(await walk('sort=startedAt')).toEqual(['short', 'long', 'tie-old', 'tie-new', 'none', 'june']);
    expect(await walk(`sort=startedAt&from=${at(10)}&to=${at(40)}`)).toEqual(['long', 'tie-old', 'tie-new']);
  });

  it('counts the matching calls when asked, exactly when there are few', async () => {
    const first = (await get('?limit=2&total=true&source=twilio')).json<Page>();
    expect(first.total).toEqual({ count: 5, exact: true });
    expect((await get('?limit=2')).json<Page>().total).toBeNull();
  });

  it('answers with the planner’s estimate, flagged, beyond the cap', async () => {
    const total = await t.platform.database.withTenant<CallsTables, Awaited<ReturnType<typeof countCalls>>>(
      a,
      (trx) => countCalls(trx, {}, 3),
    );
    expect(total.exact).toBe(false);
    expect(total.count).toBeGreaterThanOrEqual(4);
  });

  it('refuses an unknown order, and a cursor of another order, naming the field', async () => {
    const bad = await get('?sort=agent');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.field)).toContain('querystring.sort');

    const byDuration = (await get('?limit=2&sort=-duration')).json<Page>();
    const mixed = await get(`?limit=2&sort=startedAt&cursor=${byDuration.nextCursor ?? ''}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json<Problem>().errors).toContainEqual({
      field: 'querystring.cursor',
      message: 'belongs to the order -duration, not startedAt',
    });
  });
});
