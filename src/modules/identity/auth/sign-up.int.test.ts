import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../contract.js';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import { bearer, createTenant, createUser } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { tablesHolding } from '../../../../test/support/database-scan.js';

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

describe('client sign-up with e-mail verification', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let ctx: RequestContext;

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ tenant, ctx } = await createTenant(t.platform));
  });
  afterAll(() => t.close());

  const signUp = (body: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/ext/v1/auth/sign-up', payload: body });
  const login = (email: string, password: string, surface = 'ext') =>
    t.inject({
      method: 'POST',
      url: `/${surface}/v1/auth/login`,
      payload: { tenant: tenant.slug, email, password },
    });
  const signedUp = async () => {
    const { rows } = await sql<{ userId: string }>`
      select data->>'userId' as "userId" from bus.outbox where tenant_id = ${tenant.uuid} and type = 'identity.user.signed_up.v1'
      union all
      select data->>'userId' from bus.log where tenant_id = ${tenant.uuid} and type = 'identity.user.signed_up.v1'`.execute(
      t.platform.database.owner,
    );
    return rows.map((row) => row.userId);
  };
  const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? '';

  it('signs a client up as unverified, refuses sign-in until the link is opened, then signs them in', async () => {
    const res = await signUp({
      tenant: tenant.slug,
      email: ' Ada@Example.COM ',
      password: 'correct horse battery',
      displayName: 'Ada Lovelace',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    const [userId] = await signedUp();
    expect(userId).toMatch(/^usr_/);
    const user = await t.platform.modules.identity.users.get(ctx, userId ?? '');
    expect(user).toMatchObject({
      kind: 'client',
      roles: ['client'],
      status: 'unverified',
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
    });
    // Personal data is stored only encrypted.
    expect(await tablesHolding(t.platform.database.owner, 'ada@example.com')).toEqual([]);

    const refused = await login('ada@example.com', 'correct horse battery');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<Problem>().code).toBe('IDENTITY_EMAIL_UNVERIFIED');
    // A wrong password learns nothing about the account's state.
    expect((await login('ada@example.com', 'wrong password!!')).statusCode).toBe(401);

    const link = await t.platform.modules.identity.emailVerification.issue(ctx, userId ?? '');
    expect(link.email).toBe('ada@example.com');
    expect(link.url).toMatch(
      new RegExp(`/portal/verify-email\\?tenant=${tenant.slug}&token=[A-Za-z0-9_-]{43}$`),
    );
    const verified = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/verify-email',
      payload: { tenant: tenant.slug, token: tokenOf(link.url) },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    const me = await t.inject({
      method: 'GET',
      url: '/ext/v1/auth/me',
      headers: bearer(verified.json<{ accessToken: string }>().accessToken),
    });
    expect(me.json()).toMatchObject({ actor: userId, user: { status: 'active' } });
    expect((await login('ada@example.com', 'correct horse battery')).statusCode).toBe(200);
    // Clients never sign in to the console.
    expect((await login('ada@example.com', 'correct horse battery', 'api')).statusCode).toBe(401);

    // The token is single-use, and no new one is issued for a verified account.
    const again = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/verify-email',
      payload: { tenant: tenant.slug, token: tokenOf(link.url) },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json<Problem>()).toMatchObject({
      code: 'IDENTITY_VERIFICATION_INVALID',
      errors: [{ field: 'token' }],
    });
    await expect(
      t.platform.modules.identity.emailVerification.issue(ctx, userId ?? ''),
    ).rejects.toMatchObject({
      code: 'IDENTITY_ALREADY_VERIFIED',
    });
  });

  it('answers a known address exactly like a new one and makes nothing new', async () => {
    const employee = await createUser(t.platform, tenant, { roles: ['admin'], email: 'boss@example.com' });
    const before = await signedUp();
    const res = await signUp({
      tenant: tenant.slug,
      email: 'BOSS@example.com',
      password: 'another password',
      displayName: 'Mallory',
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_sent' });
    expect(await signedUp()).toEqual(before);
    expect((await t.platform.modules.identity.users.get(ctx, employee.user.id)).displayName).toBeNull();
    // An unknown tenant answers the same too.
    expect(
      (
        await signUp({
          tenant: 'no-such-tenant',
          email: 'x@example.com',
          password: 'long enough pw',
          displayName: 'X',
        })
      ).statusCode,
    ).toBe(202);
  });

  it('refuses hostile input with 400 naming the field', async () => {
    const base = {
      tenant: tenant.slug,
      email: 'eve@example.com',
      password: 'long enough pw',
      displayName: 'Eve',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: `${'a'.repeat(10_000)}@example.com` }, 'email'],
      [{ ...base, email: 'eve\u0000@example.com' }, 'email'],
      [{ ...base, email: 'not an address' }, 'email'],
      [{ ...base, displayName: 'Eve\u0000' }, 'displayName'],
      [{ ...base, displayName: 'x'.repeat(10_000) }, 'displayName'],
      [{ ...base, password: 'p\u0000ssword-long' }, 'password'],
      [{ ...base, tenant: '../etc' }, 'tenant'],
      [{ ...base, email: 42 }, 'email'],
    ];
    for (const [body, field] of cases) {
      const res = await signUp(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.json<Problem>().errors)).toContain(field);
    }
    const weak = await signUp({ ...base, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const badToken = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/verify-email',
      payload: { tenant: tenant.slug, token: 'x\u0000'.repeat(20) },
    });
    expect(badToken.statusCode).toBe(400);
    expect(JSON.stringify(badToken.json<Problem>().errors)).toContain('token');
    expect(await signedUp()).toHaveLength(1);
  });

  it('lists the active employees whose roles grant a permission', async () => {
    const agent = await createUser(t.platform, tenant, { roles: ['viewer'] });
    const withPermission = await t.platform.modules.identity.users.usersWithPermission(ctx, 'users:write');
    expect(withPermission.map((u) => u.email)).toContain('boss@example.com');
    expect(withPermission.map((u) => u.id)).not.toContain(agent.user.id);
    expect(withPermission.every((u) => u.kind === 'employee' && u.status === 'active')).toBe(true);
    const boss = withPermission.find((u) => u.email === 'boss@example.com');
    await t.platform.modules.identity.users.setStatus(
      systemContext(tenant.uuid, 'test', 'test'),
      boss?.id ?? '',
      'disabled',
    );
    expect(
      (await t.platform.modules.identity.users.usersWithPermission(ctx, 'users:write')).map((u) => u.id),
    ).not.toContain(boss?.id);
  });
});
