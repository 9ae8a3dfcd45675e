import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Tenant } from '../../identity/index.js';
import { systemContext } from '../../../platform/context.js';
import { normalisedCall, party } from '../testing/index.js';

/*
 * Ingest end to end with SWITCHBOARD_ARCHIVE_LAYOUT=segments: a batch and single records posted
 * over the API, indexed by the worker, and the raw payload of every call read back through
 * GET /calls/{id}/raw and its signed link exactly as it was sent. The store then holds segments
 * only, each named by the index, and each record's slice hashes to its raw_sha256.
 */
describe('call ingest with the segments archive layout', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let token: string;
  let ingestKey: string;

  beforeAll(async () => {
    t = await createTestPlatform({ role: 'start', env: { SWITCHBOARD_ARCHIVE_LAYOUT: 'segments' } });
    ({ tenant } = await createTenant(t.platform, 'segments'));
    token = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
    ingestKey = await createApiKey(t, token, { name: 'pbx', scopes: ['calls:ingest'] });
  });
  afterAll(() => t.close());

  const record = (i: number) =>
    normalisedCall({
      source: 'generic',
      sourceCallId: `seg-${i}`,
      conversationId: `seg-conv-${i}`,
      direction: 'inbound',
      // Two days, so the batch is written as two segments.
      startedAt: new Date(Date.parse('2026-11-02T22:00:00Z') + i * 7 * 60_000).toISOString(),
      from: party(`+4420790${String(i).padStart(5, '0')}`, `+4420790${String(i).padStart(5, '0')}`),
    });
  const post = (body: unknown) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=generic-json',
      headers: { 'x-api-key': ingestKey, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('serves the raw payload of every call of a batch and of single records as it was sent', async () => {
    expect(t.platform.config.calls.archiveLayout).toBe('segments');
    const batch = Array.from({ length: 30 }, (_, i) => record(i));
    const singles = Array.from({ length: 5 }, (_, i) => record(100 + i));
    expect((await post(batch)).statusCode).toBe(202);
    for (const single of singles) expect((await post(single)).statusCode).toBe(202);
    const sent = new Map([...batch, ...singles].map((r) => [r.sourceCallId, r]));

    const list = async () =>
      (await t.inject({ method: 'GET', url: '/api/v1/calls?limit=200', headers: bearer(token) })).json<{
        items: { id: string; sourceCallId: string }[];
      }>().items;
    await expect.poll(async () => (await list()).length, { timeout: 60_000 }).toBe(sent.size);

    for (const call of await list()) {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${call.id}/raw`,
        headers: bearer(token),
      });
      expect(res.statusCode, res.body).toBe(200);
      const archived = JSON.parse(res.body) as {
        sourceCallId: string;
        raw: { format: string; document: unknown };
      };
      expect(archived.sourceCallId).toBe(call.sourceCallId);
      expect(archived.raw).toEqual({ format: 'json', document: sent.get(call.sourceCallId) });

      const detail = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${call.id}`,
        headers: bearer(token),
      });
      const raw = detail.json<{ raw: { objectKey: string; url: string } }>().raw;
      // The API shows the record's logical key, as in the object-per-record layout.
      expect(raw.objectKey).toMatch(
        new RegExp(`^${tenant.uuid}/generic/2026/11/0[23]/seg-\\d+_v[^_/]+_[0-9a-f]{16}\\.json$`),
      );
      const signed = await t.inject({
        method: 'GET',
        url: new URL(raw.url).pathname + new URL(raw.url).search,
      });
      expect(signed.statusCode).toBe(200);
      expect(signed.body).toBe(res.body);
    }

    // The store holds segments, each named by the index; each record's slice is what raw_sha256 hashes.
    const { rows } = await sql<{
      key: string;
      sha: string;
      segment: string | null;
      offset: number | null;
      length: number | null;
    }>`select raw_object_key as key, raw_sha256 as sha, raw_segment_key as segment, raw_segment_offset as offset,
              raw_segment_length as length
         from calls.call_records where tenant_id = ${tenant.uuid}`.execute(t.platform.database.owner);
    const objects: string[] = [];
    for await (const head of t.platform.quietObjects.list(`${tenant.uuid}/generic/`)) objects.push(head.key);
    expect(objects.sort()).toEqual([...new Set(rows.map((row) => row.segment))].sort());
    expect(objects.every((key) => /\/seg_[0-9a-f]{32}\.seg$/.test(key))).toBe(true);
    // The batch's two days, and the single records' segments: singles that the transform had in
    // hand at the same moment were transformed together and share one.
    expect(objects.length).toBeGreaterThanOrEqual(3);
    expect(objects.length).toBeLessThanOrEqual(2 + singles.length);
    const bytesOf = async (key: string) => {
      const object = await t.platform.quietObjects.get(key);
      const chunks: Buffer[] = [];
      for await (const chunk of object.body) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    for (const row of rows) {
      const segment = await bytesOf(row.segment ?? '');
      const slice = segment.subarray(row.offset ?? 0, (row.offset ?? 0) + (row.length ?? 0));
      expect(createHash('sha256').update(slice).digest('hex')).toBe(row.sha);
      // Sealed under the caller's number: the slice is not the JSON.
      expect(slice.includes(Buffer.from(row.key.split('/').at(-1)?.split('_v')[0] ?? 'x'))).toBe(false);
    }
  }, 120_000);

  it('erases one caller: the raw of that call answers 410, its neighbours in the same segment still read', async () => {
    const list = (
      await t.inject({ method: 'GET', url: '/api/v1/calls?limit=200', headers: bearer(token) })
    ).json<{ items: { id: string; sourceCallId: string }[] }>().items;
    const erased = list.find((call) => call.sourceCallId === 'seg-3');
    expect(erased).toBeDefined();
    const phone = '+442079000003';
    const { rows: before } = await sql<{ segment: string | null }>`
      select raw_segment_key as segment from calls.call_records where tenant_id = ${tenant.uuid} and source_call_id = 'seg-3'`.execute(
      t.platform.database.owner,
    );
    const privacy = t.platform.privacyParticipants.find((p) => p.module === 'calls')?.privacy;
    const ctx = systemContext(tenant.uuid, 'erase-test', 'test');
    await t.platform.subjectKeys.shred(tenant.uuid, [{ kind: 'phone', value: phone }]);
    await privacy?.erase(
      ctx,
      { customerId: null, userIds: [], emails: [], phones: [phone] },
      { requestId: 'dsr_seg' },
    );

    const gone = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${erased?.id ?? ''}/raw`,
      headers: bearer(token),
    });
    expect(gone.statusCode, gone.body).toBe(410);
    expect(gone.json<{ code: string }>().code).toBe('CALLS_RAW_ERASED');
    // The segment stays (never rewritten), and the erase kept the call's row pointing into it.
    const { rows: after } = await sql<{ segment: string | null; neighbours: number }>`
      select raw_segment_key as segment,
             (select count(*)::int from calls.call_records n where n.tenant_id = r.tenant_id and n.raw_segment_key = r.raw_segment_key) as neighbours
        from calls.call_records r where tenant_id = ${tenant.uuid} and source_call_id = 'seg-3'`.execute(
      t.platform.database.owner,
    );
    expect(after[0]?.segment).toBe(before[0]?.segment);
    expect(after[0]?.neighbours).toBeGreaterThan(1);
    expect(await t.platform.quietObjects.head(after[0]?.segment ?? '')).toBeDefined();
    for (const call of list.filter((c) => c.sourceCallId !== 'seg-3')) {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/calls/${call.id}/raw`,
        headers: bearer(token),
      });
      expect(res.statusCode, `${call.sourceCallId}: ${res.body}`).toBe(200);
    }
  });

  it('keeps serving the newest version when an older one merges in later (the stored row keeps its segment)', async () => {
    const base = record(200);
    const newer = { ...base, sourceCallId: 'seg-versions', sourceVersion: 2, holdSeconds: 5 };
    const older = {
      ...base,
      sourceCallId: 'seg-versions',
      sourceVersion: 1,
      holdSeconds: null,
      agent: { id: 'agent-7', name: 'Agent Seven' },
    };
    const find = async () =>
      (await t.inject({ method: 'GET', url: '/api/v1/calls?limit=200', headers: bearer(token) }))
        .json<{ items: { id: string; sourceCallId: string }[] }>()
        .items.find((c) => c.sourceCallId === 'seg-versions');
    const segmentOf = async () =>
      (
        await sql<{ segment: string | null }>`
          select raw_segment_key as segment from calls.call_records where tenant_id = ${tenant.uuid} and source_call_id = 'seg-versions'`.execute(
          t.platform.database.owner,
        )
      ).rows[0]?.segment;
    expect((await post([newer])).statusCode).toBe(202);
    await expect.poll(find, { timeout: 30_000 }).toBeDefined();
    const first = await segmentOf();
    expect((await post([older])).statusCode).toBe(202);
    // The older version fills what the newer did not know (the agent): the row is written again, with the newer's raw.
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`
              select count(*)::int as n from calls.raw_payloads where tenant_id = ${tenant.uuid} and processed_at is null`.execute(
              t.platform.database.owner,
            )
          ).rows[0]?.n,
        { timeout: 30_000 },
      )
      .toBe(0);
    const { rows: outcomes } = await sql<{ outcome: { updated: number } }>`
      select outcome from calls.raw_payloads where tenant_id = ${tenant.uuid} order by received_at desc limit 1`.execute(
      t.platform.database.owner,
    );
    expect(outcomes[0]?.outcome.updated).toBe(1);
    expect(await segmentOf()).toBe(first);
    const call = await find();
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/calls/${call?.id ?? ''}/raw`,
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ sourceVersion: 2, raw: { document: newer } });
  });
});
