import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { newCallId, type CallRecordV1 } from '../call-record.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';
import { callRecord, leg, party } from '../testing/call-record.fixtures.js';
import { createCallCrypto } from './call-crypto.js';
import { normalisedPart } from './upsert-plan.js';

describe('upsertRecords', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let tenantId: string;

  beforeAll(async () => {
    t = await createCallsTestPlatform();
    ({ ctx } = await t.createTenant());
    tenantId = ctx.tenantId;
  });
  afterAll(() => t.close());

  const upsert = (records: CallRecordV1[], batchSize?: number) =>
    t.calls.calls.upsertRecords(ctx, records, batchSize ? { batchSize } : {});
  const stored = async (id: string) => (await t.calls.calls.get(ctx, id)).record;
  const rowsOf = async (sourceCallId: string) => {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from calls.call_records where source_call_id = ${sourceCallId}`.execute(
      t.platform.database.owner,
    );
    return rows[0]?.n;
  };

  it('creates new calls and stores the record as given', async () => {
    const record = callRecord(tenantId, {
      sourceCallId: 'CA-new',
      from: party('+4930111111', '+4930111111', 'Zoë Müller'),
    });
    const result = await upsert([record]);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(result.outcomes[0]).toMatchObject({
      status: 'created',
      id: record.id,
      source: 'twilio',
      sourceCallId: 'CA-new',
      record,
    });
    expect(await stored(record.id)).toEqual(record);
  });

  it('changes nothing when the same delivery arrives again, even with new platform fields', async () => {
    const first = callRecord(tenantId, { sourceCallId: 'CA-replay' });
    await upsert([first]);
    const replay = {
      ...first,
      id: newCallId(),
      ingestedAt: '2024-07-01T00:00:00.000Z',
      rawObjectKey: 'other/key.json',
    };
    const result = await upsert([replay]);
    expect(result.outcomes).toEqual([
      { status: 'unchanged', id: first.id, source: 'twilio', sourceCallId: 'CA-replay', record: null },
    ]);
    expect(await stored(first.id)).toEqual(first);
    expect(await rowsOf('CA-replay')).toBe(1);
  });

  it('reads and merges rows written before compression (plain JSON record and parties) beside new ones', async () => {
    const v1 = callRecord(tenantId, {
      sourceCallId: 'CA-legacy',
      sourceVersion: 1,
      from: party('+4930222222', '+4930222222', 'Old Row'),
    });
    await upsert([v1]);
    // Rewrite the row as versions before the compact encoding wrote it.
    const id = fromPublicId('call', v1.id) ?? '';
    const legacy = await createCallCrypto(t.platform.keyring, { recordEncoding: 'json' }).writer(tenantId);
    const call = normalisedPart(v1);
    const recordCiphertext = legacy.encryptRecord(id, call);
    const partiesCiphertext = legacy.encryptParties(id, { from: call.from, to: call.to });
    await sql`update calls.call_records set record_ciphertext = ${recordCiphertext}, parties_ciphertext = ${partiesCiphertext}
               where id = ${id}::uuid`.execute(t.platform.database.owner);
    expect(await stored(v1.id)).toEqual(v1);
    const page = await t.calls.calls.list(ctx, { filters: { number: '+4930222222' }, limit: 10 });
    expect(page.items.map((c) => [c.id, c.from])).toEqual([[v1.id, v1.from]]);
    // A newer version merges into the old row's record and is written compact.
    const v2 = callRecord(tenantId, { sourceCallId: 'CA-legacy', sourceVersion: 2, from: v1.from });
    expect((await upsert([v2])).updated).toBe(1);
    expect(await stored(v1.id)).toMatchObject({ sourceVersion: 2, from: v1.from });
    const { rows } = await sql<{
      n: number;
    }>`select octet_length(record_ciphertext)::int as n from calls.call_records
      where id = ${id}::uuid`.execute(t.platform.database.owner);
    expect(rows[0]?.n).toBeLessThan(recordCiphertext.length);
  });

  it('replaces an older version with a newer one and keeps the public id', async () => {
    const v1 = callRecord(tenantId, {
      sourceCallId: 'CA-up',
      sourceVersion: 1,
      disposition: null,
      answeredAt: null,
      talkSeconds: null,
    });
    const v2 = callRecord(tenantId, { sourceCallId: 'CA-up', sourceVersion: 2, disposition: 'answered' });
    await upsert([v1]);
    const result = await upsert([v2]);
    expect(result.outcomes[0]).toMatchObject({ status: 'updated', id: v1.id, record: { ...v2, id: v1.id } });
    expect(await stored(v1.id)).toEqual({ ...v2, id: v1.id });
    expect(await rowsOf('CA-up')).toBe(1);
  });

  it('never lets an older version replace a newer one', async () => {
    const v1 = callRecord(tenantId, {
      sourceCallId: 'CA-down',
      sourceVersion: '2024-05-01T10:00:00Z',
      disposition: null,
    });
    const v2 = callRecord(tenantId, {
      sourceCallId: 'CA-down',
      sourceVersion: '2024-05-01T10:05:00Z',
      disposition: 'answered',
    });
    await upsert([v2]);
    const result = await upsert([v1]);
    expect(result.outcomes[0]).toMatchObject({ status: 'unchanged', id: v2.id, record: null });
    expect((await stored(v2.id)).disposition).toBe('answered');
  });

  it('merges what a version knows into what is stored, whichever arrives first', async () => {
    const full = {
      sourceVersion: 1,
      talkSeconds: 42,
      legs: [leg('L1', { talkSeconds: 42 })],
      attributes: { CallDuration: '42' },
    };
    const poorer = { sourceVersion: 2, talkSeconds: null, legs: [], attributes: { CallStatus: 'completed' } };
    const early = callRecord(tenantId, { sourceCallId: 'CA-merge-a', ...full });
    await upsert([early]);
    const later = await upsert([callRecord(tenantId, { sourceCallId: 'CA-merge-a', ...poorer })]);
    expect(later.outcomes[0]).toMatchObject({ status: 'updated', id: early.id });
    const merged = await stored(early.id);
    expect(merged).toMatchObject({
      sourceVersion: 2,
      talkSeconds: 42,
      legs: [{ legId: 'L1', talkSeconds: 42 }],
      attributes: { CallDuration: '42', CallStatus: 'completed' },
    });

    // The same versions the other way round end the same.
    const newer = callRecord(tenantId, { sourceCallId: 'CA-merge-b', ...poorer });
    await upsert([newer]);
    expect(
      (await upsert([callRecord(tenantId, { sourceCallId: 'CA-merge-b', ...full })])).outcomes[0]?.status,
    ).toBe('updated');
    const {
      id: _a,
      sourceCallId: _sa,
      conversationId: _ca,
      rawObjectKey: _ka,
      rawSha256: _ha,
      ...fromA
    } = merged;
    const {
      id: _b,
      sourceCallId: _sb,
      conversationId: _cb,
      rawObjectKey: _kb,
      rawSha256: _hb,
      ...fromB
    } = await stored(newer.id);
    expect(fromB).toEqual(fromA);
    // Its raw is still the newest version's.
    expect((await stored(newer.id)).rawObjectKey).toBe(newer.rawObjectKey);
  });

  it('takes the newest of several deliveries in one batch, whatever their order', async () => {
    const make = (version: number) =>
      callRecord(tenantId, { sourceCallId: 'CA-batch', sourceVersion: version, ringSeconds: version });
    const result = await upsert([make(2), make(3), make(1)]);
    expect(result.outcomes).toHaveLength(1);
    expect(result.outcomes[0]?.status).toBe('created');
    expect((await stored(result.outcomes[0]?.id ?? '')).sourceVersion).toBe(3);
  });

  it('moves a call whose new version starts in another month', async () => {
    const v1 = callRecord(tenantId, {
      sourceCallId: 'CA-move',
      sourceVersion: 1,
      startedAt: '2024-04-30T23:59:50.000Z',
    });
    const v2 = callRecord(tenantId, {
      sourceCallId: 'CA-move',
      sourceVersion: 2,
      startedAt: '2024-05-01T00:00:10.000Z',
    });
    await upsert([v1]);
    await upsert([v2]);
    expect((await stored(v1.id)).startedAt).toBe('2024-05-01T00:00:10.000Z');
    const { rows } = await sql<{ partition: string }>`
      select tableoid::regclass::text as partition from calls.call_records where source_call_id = 'CA-move'`.execute(
      t.platform.database.owner,
    );
    expect(rows).toEqual([{ partition: 'calls.call_records_p202405' }]);
  });

  it('merges legs of sources that write one row per leg, and recognises a leg it already has', async () => {
    const base = {
      source: 'asterisk' as const,
      sourceCallId: '1714557600.42',
      direction: 'outbound' as const,
    };
    const legA = callRecord(tenantId, {
      ...base,
      legs: [
        leg('SIP/100-0001', {
          startedAt: '2024-05-01T10:00:00.000Z',
          answeredAt: '2024-05-01T10:00:05.000Z',
          endedAt: '2024-05-01T10:01:00.000Z',
          disposition: 'answered',
        }),
      ],
    });
    const legB = callRecord(tenantId, {
      ...base,
      legs: [
        leg('SIP/100-0002', {
          startedAt: '2024-05-01T10:00:00.000Z',
          endedAt: '2024-05-01T10:00:20.000Z',
          disposition: 'no_answer',
        }),
      ],
    });
    expect((await upsert([legA])).created).toBe(1);
    const merged = await upsert([legB]);
    expect(merged.outcomes[0]?.status).toBe('updated');
    expect((await stored(legA.id)).legs.map((l) => l.legId).sort()).toEqual(['SIP/100-0001', 'SIP/100-0002']);
    expect((await upsert([legA])).outcomes[0]?.status).toBe('unchanged');
  });

  it('writes many calls in batches', async () => {
    const records = Array.from({ length: 23 }, (_, i) =>
      callRecord(tenantId, {
        sourceCallId: `CA-many-${i}`,
        startedAt: `2024-0${1 + (i % 6)}-15T12:00:00.000Z`,
      }),
    );
    const result = await upsert(records, 5);
    expect(result.created).toBe(23);
    expect((await upsert(records, 7)).unchanged).toBe(23);
  });

  it('lets concurrent deliveries of the same new call end with one row', async () => {
    const deliveries = [1, 2, 3, 4].map((version) =>
      callRecord(tenantId, { sourceCallId: 'CA-race', sourceVersion: version }),
    );
    const results = await Promise.all(deliveries.map((d) => upsert([d])));
    expect(results.filter((r) => r.created === 1)).toHaveLength(1);
    expect(await rowsOf('CA-race')).toBe(1);
    const id = results.find((r) => r.created === 1)?.outcomes[0]?.id ?? '';
    expect((await stored(id)).sourceVersion).toBe(4);
  });

  it('writes inside the caller’s transaction, so a rollback leaves nothing behind', async () => {
    const record = callRecord(tenantId, { sourceCallId: 'CA-within' });
    const database = t.platform.database;
    await expect(
      database.withTenant(ctx, async (trx) => {
        expect((await t.calls.calls.upsertWithin(trx, ctx, [record])).created).toBe(1);
        await t.calls.quarantine.addWithin(trx, ctx, {
          source: 'twilio',
          reason: 'half of a payload',
          raw: 'x',
        });
        throw new Error('the rest of the payload failed');
      }),
    ).rejects.toThrow(/rest of the payload/);
    expect(await rowsOf('CA-within')).toBe(0);
    expect((await t.calls.quarantine.list(ctx, { limit: 10 })).items).toEqual([]);

    await database.withTenant(ctx, (trx) => t.calls.calls.upsertWithin(trx, ctx, [record]));
    expect(await rowsOf('CA-within')).toBe(1);
  });

  it('answers a concurrent first write of the same call inside a caller’s transaction with a transient error', async () => {
    const first = callRecord(tenantId, { sourceCallId: 'CA-collide', sourceVersion: 1 });
    const second = callRecord(tenantId, { sourceCallId: 'CA-collide', sourceVersion: 2 });
    const database = t.platform.database;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let written: () => void = () => undefined;
    const firstWritten = new Promise<void>((resolve) => (written = resolve));
    const holder = database.withTenant(ctx, async (trx) => {
      await t.calls.calls.upsertWithin(trx, ctx, [first]);
      written();
      await released;
    });
    await firstWritten;
    // Settled into a value at once, so its rejection is never unhandled while the holder finishes.
    const contender = database
      .withTenant(ctx, (trx) => t.calls.calls.upsertWithin(trx, ctx, [second]))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Let the contender reach the key insert, which waits for the holder's transaction.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await holder;
    expect(await contender).toMatchObject({ code: 'CALLS_WRITE_CONTENTION', transient: true });
    // Delivered again, it finds the stored call and replaces it.
    const retried = await database.withTenant(ctx, (trx) => t.calls.calls.upsertWithin(trx, ctx, [second]));
    expect(retried.outcomes[0]).toMatchObject({ status: 'updated', id: first.id });
  });

  it('tells ingest which calls exist already and under which id', async () => {
    const record = callRecord(tenantId, { sourceCallId: 'CA-known' });
    await upsert([record]);
    const ids = await t.calls.calls.existingIds(ctx, [
      { source: 'twilio', sourceCallId: 'CA-known' },
      { source: 'twilio', sourceCallId: 'CA-unknown' },
      { source: 'no-such-source', sourceCallId: 'CA-known' },
    ]);
    expect(ids).toEqual(new Map([['twilio\0CA-known', fromPublicId('call', record.id)]]));
  });

  it('refuses records of another tenant', async () => {
    const other = callRecord('0190a000-0000-7000-8000-0000000000ff', { sourceCallId: 'CA-foreign' });
    await expect(upsert([other])).rejects.toMatchObject({ code: 'CALLS_TENANT_MISMATCH' });
  });

  it('keeps personal data out of the plain columns', async () => {
    const record = callRecord(tenantId, {
      sourceCallId: 'CA-pii',
      from: party('+4930999888', '+4930999888', 'Secret Person'),
      agent: { id: 'agent.x@contoso.com', name: 'Agent X' },
    });
    await upsert([record]);
    const { rows } = await sql<{ row: string }>`
      select r::text as row from calls.call_records r where source_call_id = 'CA-pii'`.execute(
      t.platform.database.owner,
    );
    const text = rows[0]?.row ?? '';
    expect(text).not.toMatch(/4930999888|Secret|Person|agent\.x|Agent X/i);
  });
});

describe('monthly partitions', () => {
  let t: CallsTestPlatform;
  beforeAll(async () => {
    t = await createCallsTestPlatform();
  });
  afterAll(() => t.close());

  it('moves rows out of the default partition when their month gets a partition', async () => {
    const owner = t.platform.database.owner;
    const tenant = '0190a000-0000-7000-8000-000000000001';
    await sql`insert into calls.call_numbers values (${tenant}, '\\x01', '2020-01-05T00:00:00Z', ${tenant})`.execute(
      owner,
    );
    const before = await sql<{
      p: string;
    }>`select tableoid::regclass::text as p from calls.call_numbers`.execute(owner);
    expect(before.rows).toEqual([{ p: 'calls.call_numbers_default' }]);
    await sql`select calls.ensure_month_partitions(array['2020-01-20T00:00:00Z'::timestamptz])`.execute(
      t.platform.database.app,
    );
    const after = await sql<{
      p: string;
    }>`select tableoid::regclass::text as p from calls.call_numbers`.execute(owner);
    expect(after.rows).toEqual([{ p: 'calls.call_numbers_p202001' }]);
  });

  it('leaves implausible months to the default partition, so no insert fails', async () => {
    const { ctx } = await t.createTenant();
    const ancient = callRecord(ctx.tenantId, {
      sourceCallId: 'CA-1970',
      startedAt: '1970-01-01T00:00:00.000Z',
    });
    expect((await t.calls.calls.upsertRecords(ctx, [ancient])).created).toBe(1);
    const { rows } = await sql<{
      p: string;
    }>`select tableoid::regclass::text as p from calls.call_records where source_call_id = 'CA-1970'`.execute(
      t.platform.database.owner,
    );
    expect(rows).toEqual([{ p: 'calls.call_records_default' }]);
  });

  it('creates the months around today for the maintenance job', async () => {
    const created = await t.calls.calls.maintainPartitions(new Date('2026-03-10T00:00:00Z'), 1);
    expect(created).toBe(9);
    const { rows } = await sql<{ relname: string }>`
      select relname from pg_class where relname ~ '^call_records_p2026' and relkind = 'r' order by 1`.execute(
      t.platform.database.owner,
    );
    expect(rows.map((r) => r.relname)).toEqual([
      'call_records_p202602',
      'call_records_p202603',
      'call_records_p202604',
    ]);
  });
});
