import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';

interface Problem {
  code: string;
  errors?: { field: string; message: string }[];
}

/**
 * What the console's forms send, at and over the limits the OpenAPI document declares: over a
 * limit is a 400 naming the field and saying the limit, and nothing is stored; at the limit the
 * value is stored whole. Nothing is cut to fit.
 */
describe('text limits of the administration routes', () => {
  let t: TestPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform, `limits-${Date.now().toString(36)}`);
    auth = bearer((await login(t, await createUser(t.platform, tenant, { roles: ['owner'] }))).accessToken);
  });
  afterAll(() => t.close());

  const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
    t.inject({ method, url, headers: auth, payload });
  const get = async <T>(url: string) => (await t.inject({ method: 'GET', url, headers: auth })).json<T>();
  const refusal = (body: string) => JSON.parse(body) as Problem;

  it('refuses a 500-character API key name naming the field, and creates no key', async () => {
    const res = await send('POST', '/api/v1/api-keys', { name: 'k'.repeat(500), scopes: ['calls:ingest'] });
    expect(res.statusCode, res.body).toBe(400);
    expect(refusal(res.body)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body.name', message: 'must be at most 200 characters' }],
    });
    expect((await get<{ items: unknown[] }>('/api/v1/api-keys')).items).toEqual([]);
  });

  it('stores a name of exactly the limit whole', async () => {
    const name = `${'n'.repeat(198)}ü!`;
    const res = await send('POST', '/api/v1/api-keys', { name, scopes: ['calls:ingest'] });
    expect(res.statusCode, res.body).toBe(201);
    const listed = await get<{ items: { name: string }[] }>('/api/v1/api-keys');
    expect(listed.items.map((k) => k.name)).toEqual([name]);
  });

  it('says an empty name must not be empty', async () => {
    const res = await send('POST', '/api/v1/api-keys', { name: '', scopes: ['calls:ingest'] });
    expect(refusal(res.body).errors).toEqual([{ field: 'body.name', message: 'must not be empty' }]);
  });

  it('refuses a 300-character organisation name and keeps the old one', async () => {
    const before = await get<{ name: string }>('/api/v1/tenant');
    const res = await send('PATCH', '/api/v1/tenant', { name: 'o'.repeat(300) });
    expect(res.statusCode, res.body).toBe(400);
    expect(refusal(res.body).errors).toEqual([
      { field: 'body.name', message: 'must be at most 200 characters' },
    ]);
    expect((await get<{ name: string }>('/api/v1/tenant')).name).toBe(before.name);

    const longest = 'O'.repeat(200);
    expect((await send('PATCH', '/api/v1/tenant', { name: longest })).statusCode).toBe(200);
    expect((await get<{ name: string }>('/api/v1/tenant')).name).toBe(longest);
  });

  it('refuses an over-long user name and e-mail address, each by name', async () => {
    const res = await send('POST', '/api/v1/users', {
      email: `${'a'.repeat(310)}@example.com`,
      displayName: 'd'.repeat(201),
      roles: ['agent'],
    });
    expect(res.statusCode, res.body).toBe(400);
    const fields = (refusal(res.body).errors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['body.displayName', 'body.email']);
    expect(refusal(res.body).errors).toContainEqual({
      field: 'body.displayName',
      message: 'must be at most 200 characters',
    });
    const users = await get<{ items: { email: string }[] }>('/api/v1/users');
    expect(users.items.some((u) => u.email.includes('aaaa'))).toBe(false);
  });

  it('refuses over-long sign-in provider fields, a role-mapping claim value included', async () => {
    const res = await send('POST', '/api/v1/identity-providers', {
      name: 'p'.repeat(201),
      surface: 'internal',
      issuer: `https://login.example.com/${'x'.repeat(2000)}`,
      audience: 'api://switchboard',
      roleMapping: { ['c'.repeat(501)]: 'agent' },
    });
    expect(res.statusCode, res.body).toBe(400);
    const fields = (refusal(res.body).errors ?? []).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.name', 'body.issuer', `body.roleMapping.${'c'.repeat(501)}`]),
    );
    expect((await get<{ items: unknown[] }>('/api/v1/identity-providers')).items).toEqual([]);
  });

  it('refuses an over-long secret name or value, and stores nothing', async () => {
    // A name is a path segment: over 100 characters the router refuses it before the schema sees it.
    const longName = await t.inject({
      method: 'PUT',
      url: `/api/v1/secrets/${'s'.repeat(101)}`,
      headers: auth,
      payload: { value: 'v' },
    });
    expect(longName.statusCode, longName.body).toBe(400);
    expect(refusal(longName.body).code).toBe('VALIDATION_FAILED');
    const longValue = await send('PUT', '/api/v1/secrets/twilio.auth_token', { value: 'v'.repeat(16_385) });
    expect(refusal(longValue.body).errors).toEqual([
      { field: 'body.value', message: 'must be at most 16384 characters' },
    ]);
    expect((await get<{ items: unknown[] }>('/api/v1/secrets')).items).toEqual([]);
  });
});
