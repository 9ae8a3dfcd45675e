import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, as Keycloak, Auth0 or Entra ID would
 * be) issuing JWT access tokens for our API by the client-credentials grant. Claims stand in for
 * Entra's `tid` and `roles`.
 */
async function startProvider(
  claims: () => Record<string, unknown>,
): Promise<{ issuer: string; token: (resource?: string) => Promise<string>; close: () => Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'console',
        client_secret: 'console-secret',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'api://switchboard',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: 'api',
          audience: resource,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: () => claims(),
    ttl: { ClientCredentials: 600 },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    async token(resource = 'api://switchboard') {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('console:console-secret').toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'api' }),
      });
      const body = (await res.json()) as { access_token?: string; error?: string };
      if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('external identity providers (OIDC)', () => {
  let t: TestPlatform;
  let idp: Awaited<ReturnType<typeof startProvider>>;
  let claims: Record<string, unknown> = {};
  let adminToken: string;

  beforeAll(async () => {
    idp = await startProvider(() => claims);
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform);
    adminToken = (await login(t, await createUser(t.platform, tenant, { roles: ['admin'] }))).accessToken;
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/identity-providers',
      headers: bearer(adminToken),
      payload: {
        name: 'Contoso Entra ID',
        surface: 'internal',
        issuer: idp.issuer,
        audience: 'api://switchboard',
        tenantClaim: 'tid',
        tenantClaimValue: 'contoso-tenant',
        rolesClaim: 'roles',
        roleMapping: { 'Contoso.Supervisors': 'supervisor' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('accepts a token of the configured issuer and maps its roles', async () => {
    claims = { tid: 'contoso-tenant', roles: ['Contoso.Supervisors'] };
    const token = await idp.token();
    const me = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json<{ permissions: string[] }>().permissions).toContain('recordings:play');
    expect(me.json<{ permissions: string[] }>().permissions).not.toContain('settings:write');
    expect((await t.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(token) })).statusCode).toBe(
      200,
    );
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: '/api/v1/tenant',
          headers: bearer(token),
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a token whose tenant claim names another directory', async () => {
    claims = { tid: 'fabrikam', roles: ['Contoso.Supervisors'] };
    const res = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(await idp.token()) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'IDENTITY_INVALID_TOKEN',
      detail: expect.stringContaining('tid') as unknown,
    });
  });

  it('refuses a token for another audience', async () => {
    claims = { tid: 'contoso-tenant', roles: ['Contoso.Supervisors'] };
    const res = await t.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: bearer(await idp.token('api://someone-else')),
    });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ detail: string }>().detail).toMatch(/aud/);
  });

  it('refuses a token forged with the issuer’s name but another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ tid: 'contoso-tenant', roles: ['Contoso.Supervisors'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' })
      .setIssuer(idp.issuer)
      .setAudience('api://switchboard')
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ detail: string }>().detail).toMatch(/signature/);
  });

  it('does not accept the provider’s tokens on the surface it was not configured for', async () => {
    claims = { tid: 'contoso-tenant', roles: ['Contoso.Supervisors'] };
    const res = await t.inject({ method: 'GET', url: '/ext/v1/auth/me', headers: bearer(await idp.token()) });
    expect(res.statusCode).toBe(401);
  });
});
