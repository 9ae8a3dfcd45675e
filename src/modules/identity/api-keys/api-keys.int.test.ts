import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import { createApiKeyAuthenticator } from './api-key.authenticator.js';
import { createApiKeyCache } from './api-key.cache.js';

describe('API keys', () => {
  let t: TestPlatform;
  let ownerToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform);
    ownerToken = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
    supervisorToken = (await login(t, await createUser(t.platform, tenant, { roles: ['admin'] })))
      .accessToken;
  });
  afterAll(() => t.close());

  const create = (token: string, payload: object) =>
    t.inject({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(token), payload });

  it('shows the key once, stores only its hash, and lists it without the secret', async () => {
    const res = await create(ownerToken, {
      name: 'Asterisk uploader',
      scopes: ['calls:ingest', 'tenant:read'],
    });
    expect(res.statusCode).toBe(201);
    const { key, apiKey } = res.json<{ key: string; apiKey: { id: string } }>();
    expect(key).toMatch(/^key_[0-9a-z]{26}\.[A-Za-z0-9_-]{43}$/);
    const list = await t.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(ownerToken) });
    expect(list.body).toContain(apiKey.id);
    expect(list.body).not.toContain(key.split('.')[1]);
    const { rows } = await sql<{ secretHash: Buffer }>`select secret_hash from identity.api_keys`.execute(
      t.platform.database.owner,
    );
    expect(rows.every((r) => !r.secretHash.toString('utf8').includes(key.split('.')[1] ?? ''))).toBe(true);
  });

  it('authenticates a machine by x-api-key or bearer, within its scopes, and records last use', async () => {
    const { key, apiKey } = (await create(ownerToken, { name: 'reader', scopes: ['tenant:read'] })).json<{
      key: string;
      apiKey: { id: string };
    }>();
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: { 'x-api-key': key } })).statusCode,
    ).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: bearer(key) })).statusCode).toBe(
      200,
    );
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/users', headers: { 'x-api-key': key } })).statusCode,
    ).toBe(403);
    await new Promise((r) => setTimeout(r, 200));
    const listed = (
      await t.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(ownerToken) })
    ).json<{ items: { id: string; lastUsedAt: string | null }[] }>();
    expect(listed.items.find((k) => k.id === apiKey.id)?.lastUsedAt).not.toBeNull();
  });

  it('stops working the moment it is revoked, though this process had just verified it', async () => {
    const { key, apiKey } = (await create(ownerToken, { name: 'temp', scopes: ['tenant:read'] })).json<{
      key: string;
      apiKey: { id: string };
    }>();
    const before = await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: { 'x-api-key': key } });
    expect(before.statusCode).toBe(200);
    const revoked = await t.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: bearer(ownerToken),
    });
    expect(revoked.json()).toMatchObject({ revokedAt: expect.any(String) as unknown });
    const res = await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: { 'x-api-key': key } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_INVALID_API_KEY' });
  });

  it('lets another process use a key it verified for at most the cache time after a revocation elsewhere', async () => {
    const { key, apiKey } = (await create(ownerToken, { name: 'elsewhere', scopes: ['tenant:read'] })).json<{
      key: string;
      apiKey: { id: string };
    }>();
    // Another process: its own cache, on a clock the test moves.
    let clock = Date.now();
    const other = createApiKeyAuthenticator({
      database: t.platform.database,
      cache: createApiKeyCache({ ttlMs: 5_000, now: () => clock }),
    });
    expect((await other.verify(key)).permissions.has('tenant:read')).toBe(true);
    await expect(other.verify(`${key.slice(0, -2)}xx`)).rejects.toMatchObject({
      code: 'IDENTITY_INVALID_API_KEY',
    });
    await t.inject({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, headers: bearer(ownerToken) });
    clock += 4_000;
    expect((await other.verify(key)).tenantId).toBeTruthy();
    clock += 1_001;
    await expect(other.verify(key)).rejects.toMatchObject({ code: 'IDENTITY_INVALID_API_KEY' });
    // A revoked key is not remembered: it stays refused.
    await expect(other.verify(key)).rejects.toMatchObject({ code: 'IDENTITY_INVALID_API_KEY' });
  });

  it('refuses a cached key once it expires', async () => {
    let clock = Date.now();
    const { key } = (
      await create(ownerToken, {
        name: 'short',
        scopes: ['tenant:read'],
        expiresAt: new Date(clock + 2_000).toISOString(),
      })
    ).json<{ key: string }>();
    const other = createApiKeyAuthenticator({
      database: t.platform.database,
      cache: createApiKeyCache({ ttlMs: 5_000, now: () => clock }),
    });
    expect((await other.verify(key)).permissions.has('tenant:read')).toBe(true);
    clock += 3_000;
    await expect(other.verify(key)).rejects.toMatchObject({ code: 'IDENTITY_INVALID_API_KEY' });
  });

  it('refuses wrong, malformed and expired keys, and keys on the external surface', async () => {
    const { key } = (await create(ownerToken, { name: 'k', scopes: ['tenant:read'] })).json<{
      key: string;
    }>();
    for (const bad of [`${key.slice(0, -2)}xx`, 'key_nonsense', 'key_00000000000000000000000000.abc']) {
      const res = await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: { 'x-api-key': bad } });
      expect(res.statusCode).toBe(401);
    }
    const expired = (
      await create(ownerToken, {
        name: 'old',
        scopes: ['tenant:read'],
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      })
    ).json<{ key: string }>();
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: { 'x-api-key': expired.key } }))
        .statusCode,
    ).toBe(401);
    const external = await t.inject({ method: 'GET', url: '/ext/v1/auth/me', headers: { 'x-api-key': key } });
    expect(external.json()).toMatchObject({ code: 'IDENTITY_WRONG_AUDIENCE' });
  });

  it('refuses scopes that do not exist or that the creator does not hold', async () => {
    const unknown = await create(ownerToken, { name: 'x', scopes: ['calls:ingest', 'everything'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'IDENTITY_INVALID_SCOPES', errors: [{ field: 'scopes' }] });
    const userAdmin = await create(ownerToken, { name: 'x', scopes: ['users:write'] });
    expect(userAdmin.statusCode).toBe(400);
    expect(supervisorToken).toBeTruthy();
  });
});

describe('rate limits, CORS and the admin allow-list', () => {
  let t: TestPlatform;
  let ownerToken: string;
  let tenantSlug: string;

  beforeAll(async () => {
    t = await createTestPlatform({
      env: {
        SWITCHBOARD_RATE_LIMIT_INTERNAL: '5',
        SWITCHBOARD_CORS_ORIGINS: 'https://portal.acme.test',
        SWITCHBOARD_ADMIN_ALLOWED_IPS: '10.0.0.0/8,192.168.1.7',
      },
    });
    const { tenant } = await createTenant(t.platform);
    tenantSlug = tenant.slug;
    ownerToken = (await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken;
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After past the per-user limit, counting per user', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await t.inject({ method: 'GET', url: '/api/v1/tenant', headers: bearer(ownerToken) });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(last?.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    expect(last?.headers['ratelimit-remaining']).toBe('0');
    // The login endpoint (counted per address, not per user) is a separate budget.
    const other = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenantSlug, email: 'a@b.c', password: 'x' },
    });
    expect(other.statusCode).toBe(401);
  });

  it('sends CORS headers on the external surface for configured origins only, never on the internal one', async () => {
    const external = await t.inject({
      method: 'OPTIONS',
      url: '/ext/v1/auth/login',
      headers: { origin: 'https://portal.acme.test', 'access-control-request-method': 'POST' },
    });
    expect(external.headers['access-control-allow-origin']).toBe('https://portal.acme.test');
    const stranger = await t.inject({
      method: 'OPTIONS',
      url: '/ext/v1/auth/login',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const internal = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: 'https://portal.acme.test' },
      payload: {},
    });
    expect(internal.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses admin routes from addresses outside the allow-list, and allows them from inside', async () => {
    const fresh = await createTestPlatform({
      env: { SWITCHBOARD_ADMIN_ALLOWED_IPS: '10.0.0.0/8', SWITCHBOARD_TRUST_PROXY: 'true' },
    });
    try {
      const { tenant } = await createTenant(fresh.platform);
      const token = (await login(fresh, await createUser(fresh.platform, tenant, { roles: ['owner'] })))
        .accessToken;
      const outside = await fresh.inject({ method: 'GET', url: '/api/v1/audit', headers: bearer(token) });
      expect(outside.statusCode).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'IP_NOT_ALLOWED' });
      const inside = await fresh.inject({
        method: 'GET',
        url: '/api/v1/audit',
        headers: { ...bearer(token), 'x-forwarded-for': '10.1.2.3' },
      });
      expect(inside.statusCode).toBe(200);
      // Not an admin route: no restriction.
      expect(
        (await fresh.inject({ method: 'GET', url: '/api/v1/tenant', headers: bearer(token) })).statusCode,
      ).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('shares the count between replicas through Redis', async () => {
    const env = { SWITCHBOARD_RATE_LIMIT_INTERNAL: '4', REDIS_URL: 'redis://127.0.0.1:6379' };
    const a = await createTestPlatform({ env });
    const b = await createTestPlatform({ env: { ...env, DATABASE_URL: a.database.url } });
    try {
      const { tenant } = await createTenant(a.platform);
      const token = (await login(a, await createUser(a.platform, tenant, { roles: ['viewer'] }))).accessToken;
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const replica = i % 2 === 0 ? a : b;
        statuses.push(
          (await replica.inject({ method: 'GET', url: '/api/v1/tenant', headers: bearer(token) })).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const ready = await a.inject({ method: 'GET', url: '/readyz' });
      expect(ready.json<{ checks: { name: string }[] }>().checks.map((c) => c.name)).toContain('redis');
    } finally {
      await b.platform.close();
      await a.close();
    }
  });
});
