import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../platform/audit/index.js';
import { runCli } from '../../../test/support/child-process.js';
import { bearer, createTenant, createUser, login } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';
import type { Tenant } from '../identity/index.js';

describe('audit log', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let ownerToken: string;

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ tenant } = await createTenant(t.platform, 'audited'));
    const owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    ownerToken = (await login(t, owner)).accessToken;
    // A few more entries: a failed login, a key, a settings change.
    await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'audited', email: owner.email, password: 'nope' },
    });
    await t.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(ownerToken),
      payload: { name: 'k', scopes: ['calls:ingest'] },
    });
    await t.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: bearer(ownerToken),
      payload: { timeZone: 'Europe/Berlin' },
    });
  });
  afterAll(() => t.close());

  const owner = () => t.platform.database.owner;

  it('lists entries filtered by actor, action and time, newest first, with a cursor', async () => {
    const all = (await t.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(ownerToken) })).json<{
      items: { seq: number; action: string; actor: { id: string } }[];
    }>();
    expect(all.items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'user.created',
        'auth.login.succeeded',
        'auth.login.failed',
        'api_key.created',
        'settings.tenant_changed',
      ]),
    );
    expect(all.items.map((e) => e.seq)).toEqual([...all.items.map((e) => e.seq)].sort((a, b) => b - a));
    const auth = (
      await t.inject({ method: 'GET', url: '/api/v1/audit?action=auth.', headers: bearer(ownerToken) })
    ).json<{ items: { action: string }[] }>();
    expect(auth.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    const page = (
      await t.inject({ method: 'GET', url: '/api/v1/audit?limit=2', headers: bearer(ownerToken) })
    ).json<{ items: { seq: number }[]; nextBefore: number }>();
    expect(page.items).toHaveLength(2);
    const next = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/audit?limit=2&before=${page.nextBefore}`,
        headers: bearer(ownerToken),
      })
    ).json<{ items: { seq: number }[] }>();
    expect(next.items[0]?.seq).toBe((page.items[1]?.seq ?? 0) - 1);
    const future = (
      await t.inject({
        method: 'GET',
        url: `/api/v1/audit?from=${new Date(Date.now() + 3_600_000).toISOString()}`,
        headers: bearer(ownerToken),
      })
    ).json<{ items: unknown[] }>();
    expect(future.items).toEqual([]);
    const bad = await t.inject({
      method: 'GET',
      url: '/api/v1/audit?from=yesterday',
      headers: bearer(ownerToken),
    });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'querystring.from' }] });
  });

  it('cannot be changed or deleted by the application role', async () => {
    const app = t.platform.database.app;
    await expect(
      t.platform.database.withTenant({ tenantId: tenant.uuid }, (trx) =>
        sql`update audit.entries set action = 'nothing.happened'`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.platform.database.withTenant({ tenantId: tenant.uuid }, (trx) =>
        sql`delete from audit.entries`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(sql`truncate audit.entries`.execute(app)).rejects.toThrow(/permission denied/);
  });

  it('verifies intact, through the API and the CLI', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: bearer(ownerToken) });
    expect(res.json()).toMatchObject({ intact: true, firstBreak: null });
    const cli = await runCli(['audit', 'verify', '--tenant', 'audited'], {
      DATABASE_URL: t.database.url,
      SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
    });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/Audit log intact: \d+ entries in 1 tenant chain/);
  });

  it('refuses filters it cannot apply with a problem naming the field', async () => {
    const problemOf = async (query: string) => {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/audit?${query}`,
        headers: bearer(ownerToken),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return JSON.stringify(res.json());
    };
    expect(await problemOf('from=2024-06-01T00:00:00Z&to=2024-05-01T00:00:00Z')).toContain('querystring.to');
    expect(await problemOf('from=yesterday')).toContain('querystring.from');
    expect(await problemOf('action=DROP%20TABLE')).toContain('querystring.action');
    expect(await problemOf('actor=')).toContain('querystring.actor');
  });

  it('reports the first broken link when an entry is altered by the owner role', async () => {
    await sql`update audit.entries set details = '{"forged": true}' where tenant_id = ${tenant.uuid} and seq = 3`.execute(
      owner(),
    );
    const report = await verifyAuditChains(owner(), { tenantId: tenant.uuid });
    expect(report.breaks).toEqual([expect.objectContaining({ seq: 3, reason: 'hash_mismatch' })]);
    const cli = await runCli(['audit', 'verify'], {
      DATABASE_URL: t.database.url,
      SWITCHBOARD_DATA_DIR: t.platform.config.dataDir,
    });
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/BROKEN {2}tenant audited: entry 3: hash_mismatch/);
    const api = await t.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: bearer(ownerToken) });
    expect(api.json()).toMatchObject({ intact: false, firstBreak: { seq: 3, reason: 'hash_mismatch' } });
  });

  it('reports a removed entry and a cut-off tail', async () => {
    const { tenant: other } = await createTenant(t.platform);
    const ctx = { tenantId: other.uuid, requestId: 'r', actor: { type: 'system' as const, id: 'test' } };
    for (let i = 0; i < 5; i++)
      await t.platform.auditLog.record(ctx, { action: 'test.event', details: { i } });
    await sql`delete from audit.entries where tenant_id = ${other.uuid} and seq = 2`.execute(owner());
    expect((await verifyAuditChains(owner(), { tenantId: other.uuid })).breaks).toEqual([
      expect.objectContaining({ seq: 2, reason: 'missing_entry' }),
    ]);

    const { tenant: third } = await createTenant(t.platform);
    const ctx3 = { ...ctx, tenantId: third.uuid };
    for (let i = 0; i < 3; i++) await t.platform.auditLog.record(ctx3, { action: 'test.event' });
    await sql`delete from audit.entries where tenant_id = ${third.uuid} and seq = 3`.execute(owner());
    expect((await verifyAuditChains(owner(), { tenantId: third.uuid })).breaks).toEqual([
      expect.objectContaining({ reason: 'truncated' }),
    ]);
  });

  it('keeps one gap-free chain per tenant under concurrent writers', async () => {
    const { tenant: busy } = await createTenant(t.platform);
    const ctx = { tenantId: busy.uuid, requestId: 'r', actor: { type: 'system' as const, id: 'test' } };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.platform.auditLog.record(ctx, { action: 'test.parallel', details: { i } }),
      ),
    );
    const report = await verifyAuditChains(owner(), { tenantId: busy.uuid });
    expect(report).toMatchObject({ entries: 20, breaks: [] });
  });
});
