import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { QuarantinedPayload } from '../contract.js';
import { callRecord } from '../testing/call-record.fixtures.js';
import { createCallsTestPlatform, type CallsTestPlatform } from '../testing/calls-test-platform.js';

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
    csv = await q.add(a, { source: 'asterisk', reason: 'row 3: start is not a date', raw: '"","+4930111111","100","from-internal"', receivedAt: new Date('2024-05-01T10:00:00Z') });
    archived = await q.add(a, { source: 'teams', reason: 'not a recognised Microsoft Graph callRecords document', rawObjectKey: 'tenant/teams/2024/05/01/x.json', rawSha256: 'a'.repeat(64), receivedAt: new Date('2024-05-01T11:00:00Z') });
    await q.add(a, { source: 'twilio', reason: 'missing CallSid', raw: 'CallStatus=completed', receivedAt: new Date('2024-05-01T12:00:00Z') });
    await q.add(b, { source: 'twilio', reason: 'other tenant', raw: 'x' });
  });
  afterAll(() => t.close());

  const get = (url: string, ctx: RequestContext = a, permissions = ['quarantine:manage']) =>
    t.inject({ method: 'GET', url: `/api/v1/calls/quarantine${url}`, as: { tenant: ctx.tenantId, actor: 'usr_ops', permissions } });

  it('lists the tenant’s payloads newest first, with reasons and without the payload', async () => {
    const res = await get('');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Item[]; nextCursor: string | null }>();
    expect(body.items.map((i) => [i.source, i.reason, i.status])).toEqual([
      ['twilio', 'missing CallSid', 'open'],
      ['teams', 'not a recognised Microsoft Graph callRecords document', 'open'],
      ['asterisk', 'row 3: start is not a date', 'open'],
    ]);
    expect(body.items[2]).toMatchObject({ id: csv.id, rawBytes: Buffer.byteLength('"","+4930111111","100","from-internal"') });
    expect(JSON.stringify(body)).not.toContain('4930111111');
  });

  it('filters by source and pages with a cursor', async () => {
    expect((await get('?source=teams')).json<{ items: Item[] }>().items.map((i) => i.id)).toEqual([archived.id]);
    const first = (await get('?limit=2')).json<{ items: Item[]; nextCursor: string }>();
    const second = (await get(`?limit=2&cursor=${first.nextCursor}`)).json<{ items: Item[]; nextCursor: string | null }>();
    expect([...first.items, ...second.items].map((i) => i.source)).toEqual(['twilio', 'teams', 'asterisk']);
    expect(second.nextCursor).toBeNull();
  });

  it('shows one payload, and its bytes (audited) when they are stored here', async () => {
    expect((await get(`/${csv.id}`)).json<Item>()).toMatchObject({ id: csv.id, source: 'asterisk', status: 'open' });
    const raw = await get(`/${csv.id}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('application/octet-stream');
    expect(raw.body).toBe('"","+4930111111","100","from-internal"');
    const audit = await t.platform.audit.audit.list(a, { action: 'calls.quarantine.raw_viewed', limit: 5 });
    expect(audit.items[0]).toMatchObject({ actor: { type: 'user', id: 'usr_ops' }, target: { type: 'quarantine', id: csv.id } });
    const onlyArchived = await get(`/${archived.id}/raw`);
    expect(onlyArchived.statusCode).toBe(404);
    expect(onlyArchived.json<{ code: string }>().code).toBe('CALLS_QUARANTINE_RAW_ARCHIVED');
  });

  it('stores the payload encrypted', async () => {
    const { rows } = await sql<{ raw: Buffer }>`select raw_ciphertext as raw from calls.quarantine where source = 'asterisk'`.execute(t.platform.database.owner);
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
    expect(await q.get(a, csv.id)).toMatchObject({ status: 'open', replayAttempts: 1, lastReplayError: 'still not a date' });

    const record = callRecord(a.tenantId, { source: 'asterisk', sourceCallId: 'replayed-1' });
    const replayed = await q.replay(a, csv.id, () => Promise.resolve({ ok: true, records: [record] }));
    expect(replayed).toMatchObject({ status: 'replayed', upsert: { created: 1 } });
    expect(await q.get(a, csv.id)).toMatchObject({ status: 'replayed', replayAttempts: 2, lastReplayError: null });
    expect((await t.calls.calls.get(a, record.id)).record.sourceCallId).toBe('replayed-1');
    await expect(q.replay(a, csv.id, () => Promise.resolve({ ok: true, records: [record] }))).rejects.toMatchObject({ code: 'CALLS_QUARANTINE_ALREADY_REPLAYED' });
    expect((await get('?status=open')).json<{ items: Item[] }>().items.map((i) => i.id)).not.toContain(csv.id);
  });

  it('marks a payload replayed by hand once', async () => {
    const marked = await t.calls.quarantine.markReplayed(a, archived.id);
    expect(marked).toMatchObject({ status: 'replayed' });
    await expect(t.calls.quarantine.markReplayed(a, archived.id)).rejects.toMatchObject({ code: 'CALLS_QUARANTINE_ALREADY_REPLAYED' });
  });
});
