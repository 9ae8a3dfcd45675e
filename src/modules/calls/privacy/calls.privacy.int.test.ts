import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import type { DataSubject } from '../../../platform/privacy/index.js';
import { toCallRecordV1 } from '../call-record.js';
import { normalisedCall, party } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import type { ParsedItem } from '../connectors/parse-result.js';
import { transformItems, type RunInTransaction } from '../ingest/call-transform.js';
import { archiveBody, archiveKey } from '../ingest/raw-archive.js';

/*
 * Erasure of a caller end to end: calls ingested through the transform (archive objects sealed
 * under the outside numbers' keys), the privacy module's shredding of the number, then the calls
 * participant's erase. The number is gone from the API, the call's raw payload answers 410, other
 * callers' calls are untouched; older unsealed archive objects are still read.
 */

const subjectPhone = '+447700900123';
const otherPhone = '+447700900999';
const ourNumber = '+442071234567';

describe('calls privacy: find, export, erase', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;
  const subject: DataSubject = { customerId: null, userIds: [], emails: [], phones: [subjectPhone] };
  const perms = ['calls:read', 'calls:raw'];

  const inTenant =
    (c: RequestContext): RunInTransaction =>
    (fn) =>
      t.platform.database.withTenant(c, fn);
  const ingest = async (c: RequestContext, calls: { id: string; caller: string; name: string }[]) => {
    const items: ParsedItem[] = calls.map(({ id, caller, name }) => {
      const record = normalisedCall({
        source: 'generic',
        sourceCallId: id,
        direction: 'inbound',
        startedAt: '2024-05-02T10:00:00.000Z',
        from: party(caller, caller, name),
        to: party(ourNumber, ourNumber, 'Front desk'),
        legs: [],
      });
      return {
        kind: 'record',
        record,
        raw: { format: 'json', document: { ...record, note: `cb ${caller}` } },
      };
    });
    const deps = { writes: t.calls.writes, objects: t.platform.quietObjects, bus: t.platform.bus };
    await transformItems(deps, c, inTenant(c), 'generic', items);
  };
  const list = async (c: RequestContext, query = '') => {
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/calls?limit=50${query}`,
      as: { tenant: c.tenantId, permissions: perms },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      items: {
        id: string;
        sourceCallId: string;
        from: { e164: string | null; displayName: string | null };
      }[];
    }>().items;
  };
  const raw = (c: RequestContext, id: string) =>
    t.inject({
      method: 'GET',
      url: `/api/v1/calls/${id}/raw`,
      as: { tenant: c.tenantId, permissions: perms },
    });
  const privacy = () => {
    const found = t.platform.privacyParticipants.find((p) => p.module === 'calls');
    if (!found) throw new Error('calls takes no part in the privacy contract');
    return found.privacy;
  };

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx } = await t.createTenant());
    ({ ctx: other } = await t.createTenant());
    await ingest(ctx, [
      { id: 's-1', caller: subjectPhone, name: 'Ada Lovelace' },
      { id: 's-2', caller: subjectPhone, name: 'Ada Lovelace' },
      { id: 'o-1', caller: otherPhone, name: 'Grace Hopper' },
    ]);
    await ingest(other, [{ id: 'x-1', caller: subjectPhone, name: 'Ada in another tenant' }]);
  });
  afterAll(() => t.close());

  it('seals each archive object under the caller’s number and serves it opened', async () => {
    const [call] = await list(ctx, `&number=${encodeURIComponent(subjectPhone)}`);
    const detail = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${call?.id ?? ''}`,
      as: { tenant: ctx.tenantId, permissions: perms },
    });
    const key = detail.json<{ raw: { objectKey: string; url: string } }>().raw.objectKey;
    const object = await t.platform.quietObjects.get(key);
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    const stored = Buffer.concat(chunks);
    expect(stored.subarray(0, 4).toString('latin1')).toBe('SBS1');
    expect(stored.toString('latin1')).not.toContain('7700900123');
    const opened = await raw(ctx, call?.id ?? '');
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<{ raw: { document: { note: string } } }>().raw.document.note).toBe(
      `cb ${subjectPhone}`,
    );
    // The link the call detail hands out works without a token, and only until it is tampered with.
    const url = new URL(detail.json<{ raw: { url: string } }>().raw.url);
    const signed = await t.inject({ method: 'GET', url: url.pathname + url.search });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.body).toBe(opened.body);
    // Flip the signature's first character to one it is not (a fixed '0' was the real one 1 time in 64).
    const forged = await t.inject({
      method: 'GET',
      url:
        url.pathname +
        url.search.replace(/sig=(.)/, (_: string, first: string) => `sig=${first === '0' ? '1' : '0'}`),
    });
    expect(forged.statusCode).toBe(403);
  });

  it('finds and exports the subject’s calls by their number only', async () => {
    const refs = await privacy().find(ctx, subject);
    expect(refs.map((r) => r.kind)).toEqual(['call', 'call']);
    expect(refs[0]).toMatchObject({ module: 'calls', consolePath: `/calls/${refs[0]?.id ?? ''}` });
    expect(refs[0]?.summary).toMatch(/^Inbound call · .* · via generic$/);
    const parts = await privacy().export(ctx, subject);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.rows).toHaveLength(2);
    expect(parts[0]?.rows[0]).toMatchObject({ from: { e164: subjectPhone, displayName: 'Ada Lovelace' } });
    expect(JSON.stringify(parts)).not.toContain('Grace');
  });

  it('erases: the number is gone from the API, the raw payload answers 410, others are untouched', async () => {
    const before = await list(ctx);
    const subjectCalls = before.filter((c) => c.from.e164 === subjectPhone);
    expect(subjectCalls).toHaveLength(2);

    // What the privacy module does first: destroy the number's key.
    await t.platform.subjectKeys.shred(ctx.tenantId, [{ kind: 'phone', value: subjectPhone }]);
    const report = await privacy().erase(ctx, subject, { requestId: 'dsr_test' });
    expect(report).toEqual({ erased: 2, kept: [] });

    expect(await list(ctx, `&number=${encodeURIComponent(subjectPhone)}`)).toEqual([]);
    expect(await list(ctx, '&q=lovelace')).toEqual([]);
    const after = await list(ctx);
    expect(after).toHaveLength(3);
    expect(JSON.stringify(after)).not.toContain('7700900123');
    expect(JSON.stringify(after)).not.toContain('Lovelace');
    for (const call of subjectCalls) {
      const gone = await raw(ctx, call.id);
      expect(gone.statusCode, gone.body).toBe(410);
      expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(gone.json<{ code: string }>().code).toBe('CALLS_RAW_ERASED');
      const full = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${call.id}`,
        as: { tenant: ctx.tenantId, permissions: perms },
      });
      expect(full.statusCode).toBe(200);
      expect(full.body).not.toContain('7700900123');
    }
    // Another caller and the same number in another tenant keep everything.
    const others = after.filter((c) => c.sourceCallId === 'o-1');
    expect(others[0]?.from).toMatchObject({ e164: otherPhone, displayName: 'Grace Hopper' });
    expect((await raw(ctx, others[0]?.id ?? '')).statusCode).toBe(200);
    const [elsewhere] = await list(other);
    expect(elsewhere?.from.e164).toBe(subjectPhone);
    expect((await raw(other, elsewhere?.id ?? '')).statusCode).toBe(200);

    expect(await privacy().find(ctx, subject)).toEqual([]);
    expect(await privacy().erase(ctx, subject, { requestId: 'dsr_test' })).toEqual({ erased: 0, kept: [] });
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from calls.call_records where tenant_id = ${ctx.tenantId}`.execute(
      t.platform.database.owner,
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('still reads archive objects written before sealing, and erasure deletes them', async () => {
    // An object as the archive wrote it before sealing: plain JSON under its key.
    const record = normalisedCall({
      source: 'generic',
      sourceCallId: 'legacy-1',
      direction: 'inbound',
      startedAt: '2024-05-03T10:00:00.000Z',
      from: party('+447700900555', '+447700900555', 'Old caller'),
      legs: [],
    });
    const entry = {
      source: 'generic',
      sourceCallId: 'legacy-1',
      sourceVersion: record.sourceVersion,
      startedAt: record.startedAt,
      raw: { legacy: true },
    };
    const key = archiveKey(ctx.tenantId, entry);
    const put = await t.platform.quietObjects.put(key, archiveBody(entry), {
      contentType: 'application/json',
      tenantId: ctx.tenantId,
    });
    const v1 = toCallRecordV1(record, {
      tenantId: ctx.tenantId,
      rawObjectKey: key,
      rawSha256: put.sha256,
      ingestedAt: new Date().toISOString(),
    });
    await t.calls.calls.upsertRecords(ctx, [v1]);
    const opened = await raw(ctx, v1.id);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json<{ raw: unknown }>().raw).toEqual({ legacy: true });

    const legacy: DataSubject = { ...subject, phones: ['+447700900555'] };
    expect(await privacy().erase(ctx, legacy, { requestId: 'dsr_2' })).toEqual({ erased: 2, kept: [] });
    expect(await t.platform.quietObjects.head(key)).toBeUndefined();
    expect((await raw(ctx, v1.id)).statusCode).toBe(404);
  });
});
