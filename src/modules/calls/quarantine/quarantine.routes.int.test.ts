import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { QuarantinedPayload } from '../contract.js';
import { archiveRecords } from '../ingest/call-transform.js';
import { normalisedCall } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

interface Item {
  id: string;
  source: string;
  reason: string;
  status: string;
  rawBytes: number | null;
  replayAttempts: number;
  lastReplayError: string | null;
}

describe('quarantine', () => {
  let t: CallsTestPlatform;
  let a: RequestContext;
  let b: RequestContext;
  let csv: QuarantinedPayload;
  let archived: QuarantinedPayload;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx: a } = await t.createTenant());
    ({ ctx: b } = await t.createTenant());
    const q = t.calls.quarantine;
    csv = await q.add(a, {
      source: 'asterisk',
      reason: 'row 3: start is not a date',
      raw: '"","+4930111111","100","from-internal"',
      receivedAt: new Date('2024-05-01T10:00:00Z'),
    });
    archived = await q.add(a, {
      source: 'teams',
      reason: 'not a recognised Microsoft Graph callRecords document',
      rawObjectKey: 'tenant/teams/2024/05/01/x.json',
      rawSha256: 'a'.repeat(64),
      receivedAt: new Date('2024-05-01T11:00:00Z'),
    });
    await q.add(a, {
      source: 'twilio',
      reason: 'missing CallSid',
      raw: 'CallStatus=completed',
      receivedAt: new Date('2024-05-01T12:00:00Z'),
    });
    await q.add(b, { source: 'twilio', reason: 'other tenant', raw: 'x' });
  });
  afterAll(() => t.close());

  const get = (url: string, ctx: RequestContext = a, permissions = ['quarantine:manage']) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/calls/quarantine${url}`,
      as: { tenant: ctx.tenantId, actor: 'usr_ops', permissions },
    });

  it('lists the tenant’s payloads newest first, with reasons and without the payload', async () => {
    const res = await get('');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Item[]; nextCursor: string | null }>();
    expect(body.items.map((i) => [i.source, i.reason, i.status])).toEqual([
      ['twilio', 'missing CallSid', 'open'],
      ['teams', 'not a recognised Microsoft Graph callRecords document', 'open'],
      ['asterisk', 'row 3: start is not a date', 'open'],
    ]);
    expect(body.items[2]).toMatchObject({
      id: csv.id,
      rawBytes: Buffer.byteLength('"","+4930111111","100","from-internal"'),
    });
    expect(JSON.stringify(body)).not.toContain('4930111111');
  });

  it('filters by source and pages with a cursor', async () => {
    expect((await get('?source=teams')).json<{ items: Item[] }>().items.map((i) => i.id)).toEqual([
      archived.id,
    ]);
    const first = (await get('?limit=2')).json<{ items: Item[]; nextCursor: string }>();
    const second = (await get(`?limit=2&cursor=${first.nextCursor}`)).json<{
      items: Item[];
      nextCursor: string | null;
    }>();
    expect([...first.items, ...second.items].map((i) => i.source)).toEqual(['twilio', 'teams', 'asterisk']);
    expect(second.nextCursor).toBeNull();
  });

  it('shows one payload, and its bytes (audited) when they are stored here', async () => {
    expect((await get(`/${csv.id}`)).json<Item>()).toMatchObject({
      id: csv.id,
      source: 'asterisk',
      status: 'open',
    });
    const raw = await get(`/${csv.id}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    expect(raw.body).toBe('"","+4930111111","100","from-internal"');
    const audit = await t.platform.modules.audit.list(a, { action: 'calls.quarantine.raw_viewed', limit: 5 });
    expect(audit.items[0]).toMatchObject({
      actor: { type: 'user', id: 'usr_ops' },
      target: { type: 'quarantine', id: csv.id },
    });
    const onlyArchived = await get(`/${archived.id}/raw`);
    expect(onlyArchived.statusCode).toBe(404);
    expect(onlyArchived.json<{ code: string }>().code).toBe('CALLS_QUARANTINE_RAW_ARCHIVED');
  });

  it('stores the payload encrypted', async () => {
    const { rows } = await sql<{
      raw: Buffer;
    }>`select raw_ciphertext as raw from calls.quarantine where source = 'asterisk'`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.raw.toString('latin1')).not.toContain('4930111111');
  });

  it('keeps tenants apart and needs quarantine:manage', async () => {
    expect((await get('', b)).json<{ items: Item[] }>().items.map((i) => i.reason)).toEqual(['other tenant']);
    expect((await get(`/${csv.id}`, b)).statusCode).toBe(404);
    expect((await get(`/${csv.id}/raw`, b)).statusCode).toBe(404);
    expect((await get('', a, ['calls:read'])).statusCode).toBe(403);
    expect((await get('/qua_nonsense')).statusCode).toBe(404);
  });

  it('replays through the given parser: a failure is recorded, a success indexes the calls once', async () => {
    const q = t.calls.quarantine;
    const failed = await q.replay(a, csv.id, (payload) => {
      expect(payload.raw?.toString('utf8')).toContain('from-internal');
      return Promise.resolve({ ok: false, reason: 'still not a date' });
    });
    expect(failed).toEqual({ status: 'still_failing', reason: 'still not a date' });
    expect(await q.get(a, csv.id)).toMatchObject({
      status: 'open',
      replayAttempts: 1,
      lastReplayError: 'still not a date',
    });

    // What the pipeline's parse step gives: records whose source data it archived.
    const call = normalisedCall({ source: 'asterisk', sourceCallId: 'replayed-1' });
    const {
      records: [record],
    } = await archiveRecords(
      { writes: t.calls.writes, objects: t.platform.quietObjects },
      a,
      [{ record: call, raw: { format: 'json', document: call } }],
      new Date(),
    );
    if (!record) throw new Error('nothing archived');
    const replayed = await q.replay(a, csv.id, () => Promise.resolve({ ok: true, records: [record] }));
    expect(replayed).toMatchObject({ status: 'replayed', upsert: { created: 1 } });
    expect(await q.get(a, csv.id)).toMatchObject({
      status: 'replayed',
      replayAttempts: 2,
      lastReplayError: null,
    });
    expect((await t.calls.calls.get(a, record.id)).record.sourceCallId).toBe('replayed-1');
    await expect(
      q.replay(a, csv.id, () => Promise.resolve({ ok: true, records: [record] })),
    ).rejects.toMatchObject({ code: 'CALLS_QUARANTINE_ALREADY_REPLAYED' });
    expect((await get('?status=open')).json<{ items: Item[] }>().items.map((i) => i.id)).not.toContain(
      csv.id,
    );
  });

  describe('POST /{quarantineId}/replay', () => {
    // One Asterisk cdr_csv row (Master.csv): what a fixed connector reads. The 4-column row is what no connector reads.
    const readableRow =
      '"","89245555937","211474","stadion-pstn","""89245555937"" <89245555937>","SIP/211474-00000000","","Hangup","","2024-01-27 15:07:24","2024-01-27 15:07:24","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","1706368044.0","","","1706368044.0",0';
    let c: RequestContext;
    let fixed: QuarantinedPayload;
    let broken: QuarantinedPayload;

    beforeAll(async () => {
      ({ ctx: c } = await t.createTenant());
      fixed = await t.calls.quarantine.add(c, {
        source: 'asterisk',
        reason: 'unknown disposition "ANSWERED"',
        raw: readableRow,
      });
      broken = await t.calls.quarantine.add(c, {
        source: 'asterisk',
        reason: 'row 1: too few columns',
        raw: '"","+4930111111","100","from-internal"',
      });
    });

    const replay = (id: string, ctx: RequestContext = c, permissions = ['quarantine:manage']) =>
      t.inject({
        method: 'POST',
        url: `/api/v1/calls/quarantine/${id}/replay`,
        as: { tenant: ctx.tenantId, actor: 'usr_ops', permissions },
      });

    it('reads the item with the connector options of its delivery (here the PBX time zone)', async () => {
      const row = readableRow
        .replaceAll('1706368044.0', '1706368999.0')
        .replaceAll('89245555937', '89245555999');
      const { ctx: berlin } = await t.createTenant();
      const zoned = await t.calls.quarantine.add(berlin, {
        source: 'asterisk',
        reason: 'a connector bug',
        raw: row,
        options: { timeZone: 'Europe/Berlin' },
      });
      expect(zoned.options).toEqual({ timeZone: 'Europe/Berlin' });
      const res = await replay(zoned.id, berlin);
      expect(res.statusCode, res.body).toBe(200);
      const callId = res.json<{ callIds: string[] }>().callIds[0] ?? '';
      // 15:07:24 in Berlin (UTC+1 in January) is 14:07:24Z.
      expect((await t.calls.calls.get(berlin, callId)).record.startedAt).toBe('2024-01-27T14:07:24.000Z');
    });

    it('re-parses the stored bytes with the current connector, indexes the call and marks the payload replayed', async () => {
      const res = await replay(fixed.id);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        status: string;
        item: Item;
        created: number;
        updated: number;
        unchanged: number;
        callIds: string[];
      }>();
      expect(body).toMatchObject({
        status: 'replayed',
        created: 1,
        updated: 0,
        unchanged: 0,
        item: { id: fixed.id, status: 'replayed', replayAttempts: 1 },
      });
      expect(body.callIds).toHaveLength(1);
      const callId = body.callIds[0] ?? '';

      const found = await t.inject({
        method: 'GET',
        url: '/api/v1/calls?number=89245555937',
        as: { tenant: c.tenantId, permissions: ['calls:read'] },
      });
      expect(found.json<{ items: { id: string; source: string; sourceCallId: string }[] }>().items).toEqual([
        expect.objectContaining({ id: callId, source: 'asterisk', sourceCallId: '1706368044.0' }),
      ]);
      // The record's source data is archived as ingest archives it, and the replay is announced like an ingest.
      const detail = await t.calls.calls.get(c, callId);
      expect(detail.record.rawObjectKey).toMatch(
        new RegExp(`^${c.tenantId}/asterisk/2024/01/27/1706368044\\.0_v[^_]+_[0-9a-f]{16}\\.json$`),
      );
      expect((await t.platform.quietObjects.head(detail.record.rawObjectKey))?.size).toBeGreaterThan(0);
      // Committed with the call, so the archive sweep leaves it alone.
      const { rows: pending } = await sql<{
        n: number;
      }>`select count(*)::int as n from calls.archive_objects where tenant_id = ${c.tenantId} and not committed`.execute(
        t.platform.database.owner,
      );
      expect(pending[0]?.n).toBe(0);
      const { rows } = await sql<{ data: { callId: string; change: string } }>`
        select data from bus.outbox where tenant_id = ${c.tenantId} and type = 'calls.record.ingested.v1'`.execute(
        t.platform.database.owner,
      );
      expect(rows.map((r) => [r.data.callId, r.data.change])).toEqual([[callId, 'created']]);
    });

    it('answers 409 when the payload was replayed already, and changes nothing', async () => {
      const res = await replay(fixed.id);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json<{ code: string }>().code).toBe('CALLS_QUARANTINE_ALREADY_REPLAYED');
      expect(await t.calls.quarantine.get(c, fixed.id)).toMatchObject({
        status: 'replayed',
        replayAttempts: 1,
      });
    });

    it('answers 422 with the reason when the payload still does not parse, and counts the attempt', async () => {
      const first = await replay(broken.id);
      expect(first.statusCode, first.body).toBe(422);
      expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = first.json<{ status: number; code: string; detail: string; title: string }>();
      expect(problem).toMatchObject({
        status: 422,
        code: 'CALLS_QUARANTINE_STILL_FAILING',
        title: 'Unprocessable content',
      });
      const item = await t.calls.quarantine.get(c, broken.id);
      expect(item).toMatchObject({ status: 'open', replayAttempts: 1 });
      expect(item.lastReplayError).toBeTruthy();
      expect(problem.detail).toContain(item.lastReplayError);

      expect((await replay(broken.id)).statusCode).toBe(422);
      expect(await t.calls.quarantine.get(c, broken.id)).toMatchObject({ status: 'open', replayAttempts: 2 });
    });

    it('needs quarantine:manage and keeps tenants apart', async () => {
      expect((await replay(broken.id, c, ['calls:read'])).statusCode).toBe(403);
      expect((await replay(broken.id, b)).statusCode).toBe(404);
      expect((await replay('qua_nonsense')).statusCode).toBe(404);
      expect(await t.calls.quarantine.get(c, broken.id)).toMatchObject({ replayAttempts: 2 });
    });

    it('is documented in the OpenAPI document with its outcomes', async () => {
      const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json<{
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      }>();
      const operation = doc.paths['/api/v1/calls/quarantine/{quarantineId}/replay']?.post;
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '403', '404', '409', '422']),
      );
      expect(JSON.stringify(operation?.responses['200'])).toContain('QuarantineReplay');
    });
  });

  describe('categories: why an item waits, in words the console can explain', () => {
    // One Asterisk cdr_csv row; the variants below break one field each.
    const row =
      '"","89245555937","211474","stadion-pstn","""89245555937"" <89245555937>","SIP/211474-00000000","","Hangup","","2024-01-27 15:07:24","2024-01-27 15:07:24","2024-01-27 15:07:51",27,27,"ANSWERED","DOCUMENTATION","1706368044.0","","","1706368044.0",0';
    let d: RequestContext;

    interface Categorised extends Item {
      category: string;
      field: string | null;
    }
    const list = async (query = '') =>
      (await get(query, d)).json<{ items: Categorised[]; nextCursor: string | null }>().items;

    beforeAll(async () => {
      ({ ctx: d } = await t.createTenant());
      const file = [
        row.replace('"2024-01-27 15:07:24","2024-01-27 15:07:24"', '"yesterday-ish","2024-01-27 15:07:24"'),
        row.replace('"ANSWERED"', '"TELEPORTED"').replaceAll('1706368044.0', '1706368045.0'),
        row.replace(',27,27,', ',twenty,27,').replaceAll('1706368044.0', '1706368046.0'),
        '"just","four","columns","here"',
      ].join('\n');
      const totals = await t.calls.importFile(d, Readable.from([file]), { format: 'asterisk-csv' });
      expect(totals.quarantined).toBe(4);
      // An item from before categories (or one added without) reads as other.
      await t.calls.quarantine.add(d, { source: 'twilio', reason: 'something new', raw: 'x' });
    });

    it('gives every quarantined item a category and the field at fault, beside the connector’s own reason', async () => {
      const items = await list();
      const byCategory = Object.fromEntries(items.map((i) => [i.category, i]));
      expect(byCategory.unreadable_time).toMatchObject({
        field: 'start',
        reason: 'unreadable start time "yesterday-ish"',
      });
      expect(byCategory.unknown_value).toMatchObject({
        field: 'disposition',
        reason: 'unknown disposition "TELEPORTED"',
      });
      expect(byCategory.invalid_number).toMatchObject({ reason: 'duration or billsec is not a number' });
      expect(byCategory.unknown_format).toMatchObject({ field: null });
      expect(byCategory.unknown_format?.reason).toMatch(/column count 4/);
      expect(byCategory.other).toMatchObject({ source: 'twilio', field: null, reason: 'something new' });
      const one = (await get(`/${byCategory.unreadable_time?.id ?? ''}`, d)).json<Categorised>();
      expect(one).toMatchObject({ category: 'unreadable_time', field: 'start' });
    });

    it('filters by category, and counts the open items per category', async () => {
      expect((await list('?category=unknown_value')).map((i) => i.reason)).toEqual([
        'unknown disposition "TELEPORTED"',
      ]);
      expect(await list('?category=payload_too_large')).toEqual([]);
      const summary = (await get('/summary', d)).json<{
        total: number;
        categories: { category: string; count: number }[];
      }>();
      expect(summary.total).toBe(5);
      expect(summary.categories).toHaveLength(5);
      expect(summary.categories).toEqual(
        expect.arrayContaining([
          { category: 'unreadable_time', count: 1 },
          { category: 'other', count: 1 },
        ]),
      );
      // Another tenant's items are not counted.
      expect((await get('/summary', b)).json<{ total: number }>().total).toBe(1);
    });

    it('answers 400 naming the field for a category it does not know', async () => {
      const res = await get('?category=teleported', d);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('category');
      const summary = await get('/summary?status=lost', d);
      expect(summary.statusCode).toBe(400);
      expect(summary.body).toContain('status');
      expect((await get('/summary', d, ['calls:read'])).statusCode).toBe(403);
    });
  });

  it('marks a payload replayed by hand once', async () => {
    const marked = await t.calls.quarantine.markReplayed(a, archived.id);
    expect(marked).toMatchObject({ status: 'replayed' });
    await expect(t.calls.quarantine.markReplayed(a, archived.id)).rejects.toMatchObject({
      code: 'CALLS_QUARANTINE_ALREADY_REPLAYED',
    });
  });
});
