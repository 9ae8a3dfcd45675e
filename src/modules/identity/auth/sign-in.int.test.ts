import { generate } from 'otplib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login, type TestUser } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { Tenant } from '../index.js';

describe('sign-in and sessions', () => {
  let t: TestPlatform;
  let tenant: Tenant;
  let owner: TestUser;

  beforeAll(async () => {
    t = await createTestPlatform();
    ({ tenant } = await createTenant(t.platform, 'acme'));
    owner = await createUser(t.platform, tenant, { roles: ['owner'] });
  });
  afterAll(() => t.close());

  const auditActions = async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/v1/audit?limit=200',
      headers: bearer((await login(t, owner)).accessToken),
    });
    return res.json<{ items: { action: string; details: Record<string, unknown> }[] }>().items;
  };

  it('signs in, calls a route its role allows, and is refused one it does not', async () => {
    const viewer = await createUser(t.platform, tenant, { roles: ['viewer'] });
    const { accessToken, refreshToken } = await login(t, viewer);
    expect(accessToken.split('.')).toHaveLength(3);
    expect(refreshToken).toMatch(/^rt_[0-9a-z]{26}\./);
    const tenantRes = await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: bearer(accessToken) });
    expect(tenantRes.statusCode).toBe(200);
    expect(tenantRes.json()).toMatchObject({ slug: 'acme' });
    const users = await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(accessToken) });
    expect(users.statusCode).toBe(403);
    expect(users.json()).toMatchObject({ code: 'FORBIDDEN' });
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(accessToken) });
    expect(me.json()).toMatchObject({
      user: { email: viewer.email, roles: ['viewer'] },
      permissions: expect.arrayContaining(['calls:read']) as unknown,
    });
    expect(me.json<{ permissions: string[] }>().permissions).not.toContain('calls:export');
  });

  it('gives one answer for a wrong password, an unknown user and an unknown tenant', async () => {
    const answers = await Promise.all([
      t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'acme', email: owner.email, password: 'wrong-password' },
      }),
      t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'acme', email: 'nobody@example.test', password: 'x' },
      }),
      t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'nope', email: owner.email, password: 'x' },
      }),
    ]);
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'IDENTITY_INVALID_CREDENTIALS' });
    }
  });

  it('records sign-ins, successful and failed, in the audit log', async () => {
    const actions = await auditActions();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login.succeeded', 'auth.login.failed']),
    );
    expect(actions.find((a) => a.action === 'auth.login.failed')?.details).toMatchObject({
      reason: expect.any(String) as unknown,
    });
  });

  it('locks an account after five failures in a row, and says so', async () => {
    const victim = await createUser(t.platform, tenant, { roles: ['agent'] });
    for (let i = 0; i < 5; i++) {
      await t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { tenant: 'acme', email: victim.email, password: 'guess' },
      });
    }
    const locked = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'acme', email: victim.email, password: victim.password },
    });
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'IDENTITY_ACCOUNT_LOCKED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect((await auditActions()).map((a) => a.action)).toContain('auth.account.locked');
  });

  it('rotates refresh tokens, and revokes the whole session when an old one is replayed', async () => {
    const agent = await createUser(t.platform, tenant, { roles: ['agent'] });
    const first = await login(t, agent);
    const refreshed = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: first.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
    const second = refreshed.json<{ accessToken: string; refreshToken: string }>();
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const replay = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: first.refreshToken },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'IDENTITY_INVALID_REFRESH_TOKEN' });
    // The legitimate holder's newer token died with the family.
    const after = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: second.refreshToken },
    });
    expect(after.statusCode).toBe(401);
    expect((await auditActions()).map((a) => a.action)).toContain('auth.refresh.reuse_detected');
  });

  it('signs out one session, or every session', async () => {
    const agent = await createUser(t.platform, tenant, { roles: ['agent'] });
    const a = await login(t, agent);
    const b = await login(t, agent);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/logout',
          payload: { refreshToken: a.refreshToken },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: a.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: b.refreshToken },
        })
      ).statusCode,
    ).toBe(200);
    const c = await login(t, agent);
    const everywhere = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: bearer(c.accessToken),
    });
    expect(everywhere.json<{ revoked: number }>().revoked).toBeGreaterThanOrEqual(2);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: c.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('enrols TOTP and then requires a current code to sign in', async () => {
    const admin = await createUser(t.platform, tenant, { roles: ['admin'] });
    const { accessToken } = await login(t, admin);
    const setup = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/setup',
      headers: bearer(accessToken),
    });
    const { secret, otpauthUri } = setup.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Switchboard:/);
    const wrong = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      headers: bearer(accessToken),
      payload: { code: '000000' },
    });
    expect(wrong.json()).toMatchObject({ code: 'IDENTITY_MFA_INVALID' });
    const confirm = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      headers: bearer(accessToken),
      payload: { code: await generate({ secret }) },
    });
    expect(confirm.statusCode).toBe(204);

    const withoutCode = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'acme', email: admin.email, password: admin.password },
    });
    expect(withoutCode.json()).toMatchObject({ code: 'IDENTITY_MFA_REQUIRED', errors: [{ field: 'totp' }] });
    const withCode = await login(t, admin, { totp: await generate({ secret }) });
    expect(withCode.refreshToken).toBeDefined();
  });

  it('makes owners and admins enrol a second factor first when the tenant requires it', async () => {
    const { tenant: strict } = await createTenant(t.platform, 'strict');
    const strictOwner = await createUser(t.platform, strict, { roles: ['owner'] });
    const ownerToken = (await login(t, strictOwner)).accessToken;
    const patched = await t.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: bearer(ownerToken),
      payload: { mfaRequiredForAdmins: true },
    });
    expect(patched.json()).toMatchObject({ mfaRequiredForAdmins: true });

    const limited = await login(t, strictOwner);
    expect(limited).toMatchObject({ mfaEnrollmentRequired: true });
    expect(limited.refreshToken).toBeUndefined();
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(limited.accessToken) }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/totp/setup',
          headers: bearer(limited.accessToken),
        })
      ).statusCode,
    ).toBe(200);
    // Agents are not privileged: the requirement does not touch them.
    const agent = await createUser(t.platform, strict, { roles: ['agent'] });
    expect((await login(t, agent)).mfaEnrollmentRequired).toBe(false);
  });

  it('refuses a disabled user, and ends their sessions', async () => {
    const agent = await createUser(t.platform, tenant, { roles: ['agent'] });
    const session = await login(t, agent);
    const ownerToken = (await login(t, owner)).accessToken;
    const disabled = await t.inject({
      method: 'PUT',
      url: `/api/v1/users/${agent.user.id}/status`,
      headers: bearer(ownerToken),
      payload: { status: 'disabled' },
    });
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: session.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
    const relogin = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: 'acme', email: agent.email, password: agent.password },
    });
    expect(relogin.statusCode).toBe(401);
  });

  it('keeps clients on the external surface and employees on the internal one', async () => {
    const client = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const clientToken = (await login(t, client)).accessToken;
    const onInternal = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(clientToken),
    });
    expect(onInternal.statusCode).toBe(401);
    expect(onInternal.json()).toMatchObject({ code: 'IDENTITY_WRONG_AUDIENCE' });
    expect(
      (await t.inject({ method: 'GET', url: '/ext/v1/auth/me', headers: bearer(clientToken) })).statusCode,
    ).toBe(200);
    const employeeOnExternal = await t.inject({
      method: 'POST',
      url: '/ext/v1/auth/login',
      payload: { tenant: 'acme', email: owner.email, password: owner.password },
    });
    expect(employeeOnExternal.statusCode).toBe(401);
  });

  it('binds a session to the surface it was signed in on: its refresh token is unknown on the other one', async () => {
    const agent = await createUser(t.platform, tenant, { roles: ['agent'] });
    const client = await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    const refresh = (surface: 'api' | 'ext', refreshToken: string | undefined) =>
      t.inject({ method: 'POST', url: `/${surface}/v1/auth/refresh`, payload: { refreshToken } });
    const unknown = (await refresh('ext', 'rt_01jd0000000000000000000000.nothing')).json<object>();

    for (const [who, own, other] of [
      [agent, 'api', 'ext'],
      [client, 'ext', 'api'],
    ] as const) {
      const session = await login(t, who);
      const elsewhere = await refresh(other, session.refreshToken);
      expect(elsewhere.statusCode).toBe(401);
      // The same answer as for a token that does not exist: nothing tells it is valid somewhere.
      expect(elsewhere.json()).toMatchObject({
        code: 'IDENTITY_INVALID_REFRESH_TOKEN',
        detail: (unknown as { detail: string }).detail,
      });
      // Signing out there is the no-op it is for an unknown token, and the refusal spent nothing.
      expect(
        (
          await t.inject({
            method: 'POST',
            url: `/${other}/v1/auth/logout`,
            payload: { refreshToken: session.refreshToken },
          })
        ).statusCode,
      ).toBe(204);
      const home = await refresh(own, session.refreshToken);
      expect(home.statusCode, home.body).toBe(200);
      // The rotated token stays bound too, and its access token is for its own surface only.
      const next = home.json<{ accessToken: string; refreshToken: string }>();
      expect((await refresh(other, next.refreshToken)).statusCode).toBe(401);
      expect(
        (await t.inject({ method: 'GET', url: `/${own}/v1/auth/me`, headers: bearer(next.accessToken) }))
          .statusCode,
      ).toBe(200);
    }
  });

  it('stores e-mail addresses and TOTP secrets encrypted, and passwords as argon2id hashes', async () => {
    const { rows } = await sql<{ emailCiphertext: string; passwordHash: string; emailIndex: string }>`
      select email_ciphertext, password_hash, email_index from identity.users where tenant_id = ${tenant.uuid}`.execute(
      t.platform.database.owner,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.emailCiphertext).not.toContain('@');
      expect(row.emailCiphertext).toMatch(/^sbe1\./);
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.emailIndex).not.toContain('@');
    }
  });

  it('keeps a tenant’s users out of another tenant, even through the owner’s token', async () => {
    const { tenant: other } = await createTenant(t.platform, 'other');
    await createUser(t.platform, other, { roles: ['owner'], email: 'boss@other.test' });
    const ownerToken = (await login(t, owner)).accessToken;
    const list = await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(ownerToken) });
    expect(list.json<{ items: { email: string }[] }>().items.map((u) => u.email)).not.toContain(
      'boss@other.test',
    );
  });
});
