import { text } from 'node:stream/consumers';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../platform/context.js';
import { fromPublicId } from '../../../platform/ids.js';
import { eventually } from '../../../../test/bus/bus.contract.js';
import type { CallExportJob } from '../contract.js';
import { callRecord } from '../testing/call-record.fixtures.js';
import {
  createCallsTestPlatform,
  type CallsTestPlatform,
} from '../../../../test/support/calls-test-platform.js';

type JobBody = Omit<CallExportJob, 'createdAt' | 'startedAt' | 'finishedAt' | 'expiresAt' | 'filters'> & {
  filters: Record<string, unknown>;
  expiresAt: string | null;
};

/** 1,234 calls: three pages of the writer, so a failure can come after rows were written. */
const callCount = 1_234;

describe('background exports', () => {
  let t: CallsTestPlatform;
  let ctx: RequestContext;
  let other: RequestContext;

  beforeAll(async () => {
    t = await createCallsTestPlatform({ role: 'start' });
    ({ ctx } = await t.createTenant());
    ({ ctx: other } = await t.createTenant());
    const start = Date.parse('2024-05-01T00:00:00.000Z');
    const records = Array.from({ length: callCount }, (_, i) =>
      callRecord(ctx.tenantId, {
        sourceCallId: `x${i}`,
        startedAt: new Date(start + i * 60_000).toISOString(),
      }),
    );
    for (let i = 0; i < records.length; i += 500)
      await t.calls.calls.upsertRecords(ctx, records.slice(i, i + 500));
  }, 120_000);
  afterAll(() => t.close());

  const as = (tenant: RequestContext, permissions = ['calls:export']) => ({
    tenant: tenant.tenantId,
    actor: 'usr_exporter',
    permissions,
  });
  const create = (payload: object, tenant = ctx, permissions?: string[]) =>
    t.inject({ method: 'POST', url: '/api/v1/calls/exports', payload, as: as(tenant, permissions) });
  const fetchJob = async (id: string, tenant = ctx) =>
    (await t.inject({ method: 'GET', url: `/api/v1/calls/exports/${id}`, as: as(tenant) })).json<JobBody>();
  const finished = (id: string) =>
    eventually(async () => {
      const job = await fetchJob(id);
      return ['succeeded', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
    }, `export ${id} to finish`);
  const rowOf = async (id: string) =>
    (
      await sql<{ status: string; objectKey: string | null; attempts: number }>`
        select status, object_key as "objectKey", attempts from calls.exports where id = ${fromPublicId('exp', id) ?? ''}`.execute(
        t.platform.database.owner,
      )
    ).rows[0];
  const auditActions = async (tenant: RequestContext) =>
    (
      await sql<{ action: string; targetId: string | null }>`
        select action, target_id as "targetId" from audit.entries where tenant_id = ${tenant.tenantId} order by seq`.execute(
        t.platform.database.owner,
      )
    ).rows;

  it('writes the same file as the direct export, in the object store, with its progress, and links to it (audited)', async () => {
    const res = await create({ format: 'csv', from: '2024-05-01T00:00:00Z' });
    expect(res.statusCode).toBe(202);
    const queued = res.json<JobBody>();
    expect(queued).toMatchObject({
      format: 'csv',
      status: 'queued',
      rows: 0,
      filters: { from: '2024-05-01T00:00:00.000Z' },
    });
    expect(res.headers.location).toBe(`/api/v1/calls/exports/${queued.id}`);

    const job = await finished(queued.id);
    expect(job).toMatchObject({ status: 'succeeded', rows: callCount, attempts: 1, error: null });
    expect(job.fileName).toMatch(/^calls-\d{4}-\d\d-\d\dT\d{6}\.csv$/);
    expect(Date.parse(job.expiresAt ?? '') - Date.now()).toBeGreaterThan(167 * 3_600_000);

    const direct = await t.inject({
      method: 'GET',
      url: '/api/v1/calls/export?format=csv&from=2024-05-01T00:00:00Z',
      as: as(ctx),
    });
    const row = await rowOf(job.id);
    const stored = await t.platform.quietObjects.get(row?.objectKey ?? '');
    const file = await text(stored.body);
    expect(file).toBe(direct.body);
    expect(job.bytes).toBe(Buffer.byteLength(file));
    // Encrypted at rest under the tenant's key, like every tenant object.
    expect(stored.tenantId).toBe(ctx.tenantId);

    const link = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/exports/${job.id}/download`,
      as: as(ctx),
    });
    expect(link.statusCode).toBe(200);
    expect(link.json<{ url: string }>().url).toContain('objects.test');
    expect(t.signedKeys.at(-1)).toBe(row?.objectKey);
    const actions = await auditActions(ctx);
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: 'calls.export_requested', targetId: job.id },
        { action: 'calls.export_downloaded', targetId: job.id },
      ]),
    );

    const list = await t.inject({ method: 'GET', url: '/api/v1/calls/exports', as: as(ctx) });
    expect(list.json<{ items: JobBody[] }>().items.map((item) => item.id)).toContain(job.id);
  }, 60_000);

  it('refuses bad requests with the field named, and keeps exports to their tenant and permission', async () => {
    const reversed = await create({
      format: 'csv',
      from: '2024-06-01T00:00:00Z',
      to: '2024-05-01T00:00:00Z',
    });
    expect(reversed.statusCode).toBe(400);
    expect(JSON.stringify(reversed.json())).toContain('body.');
    const format = await create({ format: 'xlsx' });
    expect(format.statusCode).toBe(400);
    expect(JSON.stringify(format.json())).toContain('body.format');
    expect((await create({ format: 'csv' }, ctx, ['calls:read'])).statusCode).toBe(403);

    const mine = (await create({ format: 'jsonl', to: '2024-04-01T00:00:00Z' })).json<JobBody>();
    const seen = await t.inject({ method: 'GET', url: `/api/v1/calls/exports/${mine.id}`, as: as(other) });
    expect(seen.statusCode).toBe(404);
    const theirs = await t.inject({ method: 'GET', url: '/api/v1/calls/exports', as: as(other) });
    expect(theirs.json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/calls/exports/${mine.id}/download`, as: as(other) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/calls/exports/exp_nonsense', as: as(ctx) })).statusCode,
    ).toBe(404);
    // An empty result is a file too (JSON Lines: no line at all).
    expect(await finished(mine.id)).toMatchObject({ status: 'succeeded', rows: 0, bytes: 0 });
  }, 60_000);

  it('fails cleanly mid-way, with words for the user and no file left behind', async () => {
    // The oldest call (on the writer's third page) no longer decrypts.
    await sql`update calls.call_records set record_ciphertext = '\\x00'::bytea
      where tenant_id = ${ctx.tenantId} and started_at = '2024-05-01T00:00:00Z'`.execute(
      t.platform.database.owner,
    );
    try {
      const job = await finished((await create({ format: 'jsonl' })).json<JobBody>().id);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/unexpected error \(reference [0-9a-f-]{36}\)/);
      expect(job.rows).toBeGreaterThanOrEqual(0);
      const keys: string[] = [];
      for await (const object of t.platform.quietObjects.list(
        `${ctx.tenantId}/exports/calls/${fromPublicId('exp', job.id) ?? ''}/`,
      ))
        keys.push(object.key);
      expect(keys).toEqual([]);
      const link = await t.inject({
        method: 'POST',
        url: `/api/v1/calls/exports/${job.id}/download`,
        as: as(ctx),
      });
      expect(link.statusCode).toBe(409);
    } finally {
      await sql`delete from calls.call_records where tenant_id = ${ctx.tenantId} and started_at = '2024-05-01T00:00:00Z'`.execute(
        t.platform.database.owner,
      );
    }
  }, 60_000);

  it('writes the file again after a worker died mid-way, and gives up cleanly after three interruptions', async () => {
    const job = await finished(
      (await create({ format: 'vcon', to: '2024-05-01T01:00:00Z' })).json<JobBody>().id,
    );
    expect(job.status).toBe('succeeded');
    const uuid = fromPublicId('exp', job.id) ?? '';
    // As a worker that stopped mid-write leaves it: running, its first attempt counted.
    await sql`update calls.exports set status = 'running', rows_written = 7, object_key = null where id = ${uuid}`.execute(
      t.platform.database.owner,
    );
    await t.calls.exports.run(ctx.tenantId, uuid);
    const again = await fetchJob(job.id);
    expect(again).toMatchObject({ status: 'succeeded', rows: job.rows, bytes: job.bytes, attempts: 2 });
    expect((await rowOf(job.id))?.objectKey).toMatch(/\/2\/calls-/);

    await sql`update calls.exports set status = 'running', attempts = 3 where id = ${uuid}`.execute(
      t.platform.database.owner,
    );
    await t.calls.exports.run(ctx.tenantId, uuid);
    const given = await fetchJob(job.id);
    expect(given.status).toBe('failed');
    expect(given.error).toMatch(/interrupted 3 times/);
  }, 60_000);

  it('cancels a queued export (audited), which then writes nothing; a finished one is a conflict', async () => {
    const job = await finished(
      (await create({ format: 'csv', to: '2024-05-01T00:10:00Z' })).json<JobBody>().id,
    );
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/calls/exports/${job.id}/cancel`, as: as(ctx) }))
        .statusCode,
    ).toBe(409);
    const uuid = fromPublicId('exp', job.id) ?? '';
    await sql`update calls.exports set status = 'queued', object_key = null where id = ${uuid}`.execute(
      t.platform.database.owner,
    );
    const cancelled = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/exports/${job.id}/cancel`,
      as: as(ctx),
    });
    expect(cancelled.json<JobBody>().status).toBe('cancelled');
    await t.calls.exports.run(ctx.tenantId, uuid);
    expect(await rowOf(job.id)).toMatchObject({ status: 'cancelled', objectKey: null });
    expect(await auditActions(ctx)).toContainEqual({ action: 'calls.export_cancelled', targetId: job.id });
  }, 60_000);

  it('deletes files past their expiry and keeps the export as history', async () => {
    const job = await finished(
      (await create({ format: 'csv', to: '2024-05-01T00:05:00Z' })).json<JobBody>().id,
    );
    const key = (await rowOf(job.id))?.objectKey ?? '';
    expect(await t.platform.quietObjects.head(key)).toBeDefined();
    await sql`update calls.exports set expires_at = now() - interval '1 minute' where id = ${fromPublicId('exp', job.id) ?? ''}`.execute(
      t.platform.database.owner,
    );
    expect(await t.calls.exports.expire()).toBeGreaterThanOrEqual(1);
    expect(await t.platform.quietObjects.head(key)).toBeUndefined();
    expect((await fetchJob(job.id)).status).toBe('expired');
    const link = await t.inject({
      method: 'POST',
      url: `/api/v1/calls/exports/${job.id}/download`,
      as: as(ctx),
    });
    expect(link.statusCode).toBe(409);
    expect(link.json<{ detail: string }>().detail).toMatch(/deleted when it expired/);
  }, 60_000);
});
