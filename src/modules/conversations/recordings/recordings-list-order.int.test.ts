import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { createTenant } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { insertTestRecording } from '../pipeline/testing/insert-recording.js';

/*
 * The recordings list in each order, page by page (one recording a page, so every step crosses a
 * cursor), with the total the first page asks for.
 */

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
  total: { count: number; exact: boolean } | null;
}

describe('the recordings list order', () => {
  let t: TestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;
  /** Public ids by name: a started 09:00 (40 s), b started 08:00 (no duration yet), c without a start (10 s). */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ ctx } = await createTenant(t.platform));
    ({ ctx: other } = await createTenant(t.platform));
    const deps = {
      database: t.platform.database,
      keyring: t.platform.keyring,
      bus: t.platform.bus,
      objects: t.platform.quietObjects,
    };
    const facts = {
      a: { startedAt: '2026-10-01T09:00:00Z', createdAt: '2026-10-02T10:00:00Z', durationMs: 40_000 },
      b: { startedAt: '2026-10-01T08:00:00Z', createdAt: '2026-10-02T11:00:00Z', durationMs: null },
      c: { startedAt: null, createdAt: '2026-10-02T09:00:00Z', durationMs: 10_000 },
    };
    for (const [name, f] of Object.entries(facts)) {
      const { id, publicId } = await insertTestRecording(deps, ctx.tenantId, {
        suppliedTranscript: 'WEBVTT\n',
        publish: false,
      });
      await sql`update conversations.recordings
                   set started_at = ${f.startedAt}::timestamptz, created_at = ${f.createdAt}::timestamptz,
                       duration_ms = ${f.durationMs}
                 where id = ${id}`.execute(t.platform.database.owner);
      ids[name] = publicId;
    }
    await insertTestRecording(deps, other.tenantId, { suppliedTranscript: 'WEBVTT\n', publish: false });
  }, 60_000);
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/recordings?${query}`,
      as: { tenant: ctx.tenantId, actor: 'usr_list', permissions: ['recordings:read'] },
    });
    return { status: res.statusCode, body: res.json<Page>() };
  };
  /** Every recording in `sort`, one page at a time; the names in the order read. */
  const walk = async (sort: string) => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: Page } = await list(
        `sort=${encodeURIComponent(sort)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      names.push(...body.items.map((item) => Object.keys(ids).find((name) => ids[name] === item.id) ?? '?'));
      cursor = body.nextCursor;
    } while (cursor !== null);
    return names;
  };

  it('pages through each order, ties and missing values as documented', async () => {
    expect(await walk('-createdAt')).toEqual(['b', 'a', 'c']);
    expect(await walk('createdAt')).toEqual(['c', 'a', 'b']);
    // c has no call start: it sorts by when it was received.
    expect(await walk('startedAt')).toEqual(['b', 'a', 'c']);
    expect(await walk('-startedAt')).toEqual(['c', 'a', 'b']);
    // b has no duration yet: it sorts as -1.
    expect(await walk('-duration')).toEqual(['a', 'c', 'b']);
    expect(await walk('duration')).toEqual(['b', 'c', 'a']);
  });

  it('counts the tenant’s matching recordings when asked, exactly below 10,000', async () => {
    expect((await list('total=true')).body.total).toEqual({ count: 3, exact: true });
    expect((await list('total=true&from=2026-10-01T08:30:00Z')).body.total).toEqual({
      count: 2,
      exact: true,
    });
    expect((await list('')).body.total).toBeNull();
  });

  it('refuses a cursor of another order, naming the field', async () => {
    const first = await list('sort=-duration&limit=1');
    const res = await list(`sort=startedAt&cursor=${first.body.nextCursor ?? ''}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('cursor');
  });
});
