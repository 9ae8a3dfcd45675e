import { createHmac } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login, type TestUser } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('bad credentials get 401 problem+json, never a 500', () => {
  let t: TestPlatform;
  let owner: TestUser;
  let good: string;

  beforeAll(async () => {
    t = await createTestPlatform({ env: { SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS: '60' } });
    const { tenant } = await createTenant(t.platform);
    owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    good = (await login(t, owner)).accessToken;
  });
  afterAll(() => t.close());

  const call = (headers: Record<string, string>) =>
    t.inject({ method: 'GET', url: '/api/v1/tenant', headers });

  async function expect401(headers: Record<string, string>, code = 'IDENTITY_INVALID_TOKEN') {
    const res = await call(headers);
    expect(res.statusCode, res.body).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code });
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    return res.json<{ detail: string }>();
  }

  it('accepts the genuine token', async () => {
    expect((await call(bearer(good))).statusCode).toBe(200);
  });

  it('rejects garbage and truncated tokens', async () => {
    await expect401(bearer('not-a-jwt'));
    await expect401(bearer(good.slice(0, -10)));
    await expect401(bearer(`${good.split('.')[0] ?? ''}.e30`));
  });

  it('rejects a tampered payload (the signature no longer matches)', async () => {
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${header}.${b64({ ...claims, roles: ['owner', 'admin'], tid: 'ten_00000000000000000000000000' })}.${signature}`;
    expect((await expect401(bearer(forged))).detail).toMatch(/signature/);
  });

  it('rejects alg none and HS256 signed with the public key (algorithm confusion)', async () => {
    const [, payload] = good.split('.') as [string, string, string];
    const none = `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`;
    await expect401(bearer(none));
    const jwks = (await t.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: { kid: string }[];
    }>();
    const kid = jwks.keys[0]?.kid ?? '';
    const header = b64({ alg: 'HS256', typ: 'at+jwt', kid });
    const hmac = createHmac('sha256', JSON.stringify(jwks.keys[0]))
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect((await expect401(bearer(`${header}.${payload}.${hmac}`))).detail).toMatch(
      /algorithm|not allowed|malformed/,
    );
  });

  it('rejects a token signed by an unknown key, and one from an unknown issuer', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const claims = { tid: owner.tenant.id, roles: ['owner'] };
    const unknownKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'sk_made-up', typ: 'at+jwt' })
      .setIssuer(t.platform.modules.identity.signingKeys.issuer)
      .setAudience('switchboard-internal')
      .setSubject(owner.user.id)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await expect401(bearer(unknownKid))).detail).toMatch(/unknown key/);
    const foreign = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
      .setIssuer('https://evil.example')
      .setAudience('switchboard-internal')
      .setSubject(owner.user.id)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await expect401(bearer(foreign))).detail).toMatch(/issuer/);
  });

  it('rejects an expired token and a token for the other audience', async () => {
    const expired = await t.platform.modules.identity.signingKeys.sign(
      { tid: owner.tenant.id, roles: ['owner'] },
      { audience: 'switchboard-internal', subject: owner.user.id, expiresInSeconds: -120 },
    );
    expect((await expect401(bearer(expired))).detail).toMatch(/expired/);
    const external = await t.platform.modules.identity.signingKeys.sign(
      { tid: owner.tenant.id, roles: ['owner'] },
      { audience: 'switchboard-external', subject: owner.user.id, expiresInSeconds: 60 },
    );
    await expect401(bearer(external), 'IDENTITY_WRONG_AUDIENCE');
  });

  it('rejects an absurdly long token, and oversized headers with 431 problem+json', async () => {
    await expect401(bearer(`${good}${'A'.repeat(9000)}`));
    await t.platform.http?.listen({ port: 0, host: '127.0.0.1' });
    const address = t.platform.http?.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/tenant`, {
      headers: { authorization: `Bearer ${'x'.repeat(20_000)}` },
    });
    expect(res.status).toBe(431);
    expect(await res.json()).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
  });

  it('keeps verifying tokens across a signing-key rotation', async () => {
    const before = (await login(t, owner)).accessToken;
    await t.platform.modules.identity.signingKeys.rotate();
    const after = (await login(t, owner)).accessToken;
    const kidOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;
    expect(kidOf(after)).not.toBe(kidOf(before));
    expect((await call(bearer(before))).statusCode).toBe(200);
    expect((await call(bearer(after))).statusCode).toBe(200);
    const jwks = (await t.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: unknown[];
    }>();
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
  });
});
