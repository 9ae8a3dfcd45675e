import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import { sql } from 'kysely';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcClient } from './oidc-client.js';
import type { Tenant } from '../index.js';
import { bearer, createTenant, createUser, login, type TestUser } from '../../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';

/*
 * "Sign in with <provider>" end to end: a real OpenID Connect provider (the `oidc-provider`
 * package) and the test playing the browser: it prepares PKCE, state and nonce, asks Switchboard
 * for the authorisation URL, follows the provider's redirects (whose interaction signs in whoever
 * `idp.account` names and consents at once), takes the code from the callback URL and exchanges it.
 */

const publicUrl = 'https://switchboard.example.test';
const callback = `${publicUrl}/auth/callback`;

interface Account {
  readonly sub: string;
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
  readonly tid?: string;
  readonly roles?: readonly string[];
  readonly amr?: readonly string[];
}

interface TestIdp {
  readonly issuer: string;
  /** Who the provider's login page signs in next. */
  account: Account;
  /** Follows the provider's redirects from the authorisation URL to our callback, as a browser with a fresh profile would. */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

async function startIdp(): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const accounts = new Map<string, Account>();
  const idp: TestIdp = {
    issuer,
    account: { sub: 'nobody' },
    async authorize(authorizationUrl) {
      const jar = new Map<string, string>();
      let url = authorizationUrl;
      for (let hop = 0; hop < 10; hop++) {
        const res = await fetch(url, {
          redirect: 'manual',
          headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        for (const cookie of res.headers.getSetCookie()) {
          const [pair = ''] = cookie.split(';');
          const at = pair.indexOf('=');
          const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
          if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
          else jar.set(name, value);
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`the provider stopped at ${url}: ${res.status} ${await res.text()}`);
        const next = new URL(location, url);
        if (next.href.startsWith(callback)) return next;
        url = next.href;
      }
      throw new Error('too many redirects');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [
      // The console: a public client (PKCE, no secret), as Switchboard expects by default.
      {
        client_id: 'switchboard-console',
        token_endpoint_auth_method: 'none',
        redirect_uris: [callback],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      // A provider that wants a client secret as well.
      {
        client_id: 'confidential-console',
        client_secret: 'console-secret',
        redirect_uris: [callback],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['test-cookie-signing-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Entra-like claims: tid names the directory, roles the app roles, amr how the person signed in.
    claims: { openid: ['sub', 'tid', 'roles', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
          ...(account.name ? { name: account.name } : {}),
          ...(account.tid ? { tid: account.tid } : {}),
          ...(account.roles ? { roles: [...account.roles] } : {}),
        }),
      };
    },
  });
  const handle = provider.callback();
  // The provider's login and consent pages: whoever idp.account is signs in and agrees at once.
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const account = idp.account;
    accounts.set(account.sub, account);
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      {
        login: { accountId: account.sub, ...(account.amr ? { amr: [...account.amr] } : {}) },
        consent: { grantId },
      },
      { mergeWithLastSubmission: false },
    );
  }
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void handle(req, res);
  });
  return idp;
}

const random = () => randomBytes(24).toString('base64url');

interface TokenPairBody {
  accessToken: string;
  refreshToken?: string;
  mfaEnrollmentRequired: boolean;
}

describe('sign in with an OIDC provider (authorisation code + PKCE)', () => {
  let t: TestPlatform;
  let idp: TestIdp;
  let tenant: Tenant;
  let owner: TestUser;
  let providerId: string;

  const asOwner = async () => bearer((await login(t, owner)).accessToken);

  /** The browser's part before leaving for the provider. */
  async function begin(overrides: Record<string, unknown> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const flow = { verifier, state: random(), nonce: random() };
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/start',
      payload: {
        tenant: tenant.slug,
        providerId,
        redirectUri: callback,
        codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
        state: flow.state,
        nonce: flow.nonce,
        ...overrides,
      },
    });
    return { res, ...flow };
  }

  /** The whole round trip as `account`; `exchange` overrides what the callback page would send. */
  async function signInAs(account: Account, exchange: Record<string, unknown> = {}) {
    const flow = await begin();
    expect(flow.res.statusCode, flow.res.body).toBe(200);
    idp.account = account;
    const back = await idp.authorize(flow.res.json<{ authorizationUrl: string }>().authorizationUrl);
    expect(back.searchParams.get('state')).toBe(flow.state);
    const code = back.searchParams.get('code');
    expect(code).toBeTruthy();
    return t.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/exchange',
      payload: {
        tenant: tenant.slug,
        providerId,
        code,
        codeVerifier: flow.verifier,
        redirectUri: callback,
        nonce: flow.nonce,
        ...(back.searchParams.get('iss') ? { iss: back.searchParams.get('iss') } : {}),
        ...exchange,
      },
    });
  }

  const me = async (accessToken: string) => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(accessToken) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ user: { id: string; email: string; displayName: string | null; roles: string[] } }>()
      .user;
  };

  const auditEntries = async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers: await asOwner() });
    return res.json<{
      items: { action: string; target?: { id: string }; details: Record<string, unknown> }[];
    }>().items;
  };

  beforeAll(async () => {
    idp = await startIdp();
    t = await createTestPlatform({ env: { SWITCHBOARD_PUBLIC_URL: publicUrl } });
    ({ tenant } = await createTenant(t.platform, 'contoso'));
    owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    const headers = await asOwner();
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/identity-providers',
      headers,
      payload: {
        name: 'Contoso Entra ID',
        surface: 'internal',
        issuer: idp.issuer,
        audience: 'api://switchboard',
        clientId: 'switchboard-console',
        tenantClaim: 'tid',
        tenantClaimValue: 'contoso-directory',
        rolesClaim: 'roles',
        roleMapping: { 'Contoso.Supervisors': 'supervisor', 'Contoso.Admins': 'admin' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    providerId = created.json<{ id: string }>().id;
    // Not offered: one for the client portal, and one without a client id (bearer tokens only).
    for (const extra of [
      {
        name: 'Portal IdP',
        surface: 'external',
        issuer: idp.issuer,
        audience: 'api://portal',
        clientId: 'portal',
      },
      {
        name: 'API tokens only',
        surface: 'internal',
        issuer: `${idp.issuer}/other`,
        audience: 'api://switchboard',
      },
    ]) {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/identity-providers',
        headers,
        payload: extra,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('lists the tenant’s console sign-in providers by name only, and nothing for an unknown tenant', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/auth/providers?tenant=${tenant.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [{ id: providerId, name: 'Contoso Entra ID' }] });
    const unknown = await t.inject({ method: 'GET', url: '/api/v1/auth/providers?tenant=no-such-tenant' });
    expect(unknown.json()).toEqual({ items: [] });
  });

  it('builds the provider’s authorisation URL with the browser’s PKCE challenge, state and nonce', async () => {
    const flow = await begin();
    expect(flow.res.statusCode, flow.res.body).toBe(200);
    const url = new URL(flow.res.json<{ authorizationUrl: string }>().authorizationUrl);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'switchboard-console',
      redirect_uri: callback,
      scope: 'openid email profile',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge_method: 'S256',
    });
  });

  it('refuses a redirect URI other than the console’s callback (no open redirect)', async () => {
    for (const redirectUri of [
      'https://evil.example/auth/callback',
      `${publicUrl}/auth/callback/../../evil`,
      `${publicUrl}.evil.example/auth/callback`,
    ]) {
      const res = await begin({ redirectUri });
      expect(res.res.statusCode).toBe(400);
      expect(res.res.json()).toMatchObject({
        code: 'IDENTITY_OIDC_REDIRECT_URI',
        errors: [{ field: 'redirectUri' }],
      });
    }
  });

  it('provisions a new user with the mapped role, whose session works like a password sign-in', async () => {
    const res = await signInAs({
      sub: 'entra-oid-1',
      email: 'Sam.Supervisor@contoso.test',
      name: 'Sam Supervisor',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    });
    expect(res.statusCode, res.body).toBe(200);
    const pair = res.json<TokenPairBody>();
    expect(pair).toMatchObject({
      mfaEnrollmentRequired: false,
      refreshToken: expect.stringMatching(/^rt_/) as unknown,
    });

    const tenantRes = await t.inject({
      method: 'GET',
      url: '/api/v1/tenant',
      headers: bearer(pair.accessToken),
    });
    expect(tenantRes.statusCode, tenantRes.body).toBe(200);
    expect(tenantRes.json()).toMatchObject({ slug: 'contoso' });
    expect(await me(pair.accessToken)).toMatchObject({
      email: 'sam.supervisor@contoso.test',
      displayName: 'Sam Supervisor',
      roles: ['supervisor'],
    });
    expect(
      (
        await t.inject({
          method: 'PATCH',
          url: '/api/v1/tenant',
          headers: bearer(pair.accessToken),
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(403);

    // Same refresh rotation and sign-out everywhere as a local session.
    const renewed = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: pair.refreshToken },
    });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const next = renewed.json<TokenPairBody>();
    const out = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/logout-everywhere',
      headers: bearer(next.accessToken),
    });
    expect(out.statusCode).toBe(200);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refreshToken: next.refreshToken },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('signs the same provider account in as the same user next time, whatever its e-mail says now', async () => {
    const first = await me(
      (
        await signInAs({
          sub: 'entra-oid-2',
          email: 'ann@contoso.test',
          tid: 'contoso-directory',
          roles: ['Contoso.Supervisors'],
        })
      ).json<TokenPairBody>().accessToken,
    );
    const again = await signInAs({
      sub: 'entra-oid-2',
      email: 'ann.renamed@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await me(again.json<TokenPairBody>().accessToken)).id).toBe(first.id);

    const logins = (await auditEntries()).filter(
      (e) => e.action === 'auth.oidc_login' && e.target?.id === first.id,
    );
    expect(logins.map((e) => e.details.via).sort()).toEqual(['provisioned', 'subject']);
    expect(logins[0]?.details).toMatchObject({ provider: providerId });
  });

  it('links a provider account to the existing user with the same verified e-mail address', async () => {
    const local = await createUser(t.platform, tenant, {
      roles: ['agent'],
      email: 'alex.agent@contoso.test',
    });
    const res = await signInAs({
      sub: 'entra-oid-3',
      email: 'ALEX.agent@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    });
    expect(res.statusCode, res.body).toBe(200);
    // The existing account and its roles: the provider's roles only shape new accounts.
    expect(await me(res.json<TokenPairBody>().accessToken)).toMatchObject({
      id: local.user.id,
      roles: ['agent'],
    });
    expect((await login(t, local)).accessToken).toBeTruthy();
  });

  it('does not link to an existing account when the provider has not verified the address', async () => {
    await createUser(t.platform, tenant, { roles: ['admin'], email: 'boss@contoso.test' });
    const res = await signInAs({
      sub: 'mallory',
      email: 'boss@contoso.test',
      emailVerified: false,
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_OIDC_EMAIL_UNVERIFIED' });
  });

  it('refuses to create an account when no role maps and there is no default role', async () => {
    const res = await signInAs({
      sub: 'entra-oid-4',
      email: 'nora@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Everyone'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_OIDC_NO_ROLE' });
    const failures = (await auditEntries()).filter((e) => e.action === 'auth.oidc_login.failed');
    expect(failures.map((e) => e.details.reason)).toContain('IDENTITY_OIDC_NO_ROLE');
  });

  it('refuses an account of another directory (the tenant claim)', async () => {
    const res = await signInAs({
      sub: 'fabrikam-user',
      email: 'eve@fabrikam.test',
      tid: 'fabrikam-directory',
      roles: ['Contoso.Admins'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'IDENTITY_OIDC_WRONG_TENANT',
      detail: expect.stringContaining('tid') as unknown,
    });
  });

  it('refuses a code redeemed with another PKCE verifier', async () => {
    const res = await signInAs(
      {
        sub: 'entra-oid-5',
        email: 'pat@contoso.test',
        tid: 'contoso-directory',
        roles: ['Contoso.Supervisors'],
      },
      { codeVerifier: randomBytes(32).toString('base64url') },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'IDENTITY_OIDC_CODE_REJECTED', errors: [{ field: 'code' }] });
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const res = await signInAs(
      {
        sub: 'entra-oid-6',
        email: 'quinn@contoso.test',
        tid: 'contoso-directory',
        roles: ['Contoso.Supervisors'],
      },
      { nonce: random() },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'IDENTITY_OIDC_INVALID_ID_TOKEN',
      errors: [{ field: 'nonce' }],
    });
  });

  it('refuses an authorisation response that names another issuer (mix-up)', async () => {
    const res = await signInAs(
      {
        sub: 'entra-oid-7',
        email: 'rae@contoso.test',
        tid: 'contoso-directory',
        roles: ['Contoso.Supervisors'],
      },
      { iss: 'https://login.evil.example' },
    );
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errors: [{ field: 'iss' }] });
  });

  it('does not spend a code twice', async () => {
    const flow = await begin();
    idp.account = {
      sub: 'entra-oid-8',
      email: 'sol@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    };
    const back = await idp.authorize(flow.res.json<{ authorizationUrl: string }>().authorizationUrl);
    const payload = {
      tenant: tenant.slug,
      providerId,
      code: back.searchParams.get('code'),
      codeVerifier: flow.verifier,
      redirectUri: callback,
      nonce: flow.nonce,
    };
    expect((await t.inject({ method: 'POST', url: '/api/v1/auth/oidc/exchange', payload })).statusCode).toBe(
      200,
    );
    const replay = await t.inject({ method: 'POST', url: '/api/v1/auth/oidc/exchange', payload });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'IDENTITY_OIDC_CODE_REJECTED' });
  });

  it('asks for a second factor at the provider when the tenant requires one for administrators', async () => {
    const headers = await asOwner();
    await t.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers,
      payload: { mfaRequiredForAdmins: true },
    });
    try {
      const admin = {
        sub: 'entra-admin',
        email: 'ada@contoso.test',
        tid: 'contoso-directory',
        roles: ['Contoso.Admins'],
      };
      const withoutMfa = await signInAs({ ...admin, amr: ['pwd'] });
      expect(withoutMfa.statusCode).toBe(403);
      expect(withoutMfa.json()).toMatchObject({ code: 'IDENTITY_OIDC_MFA_REQUIRED' });
      const withMfa = await signInAs({ ...admin, amr: ['pwd', 'mfa'] });
      expect(withMfa.statusCode, withMfa.body).toBe(200);
      expect(await me(withMfa.json<TokenPairBody>().accessToken)).toMatchObject({ roles: ['admin'] });
    } finally {
      await t.inject({
        method: 'PATCH',
        url: '/api/v1/tenant',
        headers,
        payload: { mfaRequiredForAdmins: false },
      });
    }
  });

  it('refuses a disabled user, and a provider turned off while the person was away', async () => {
    const account = {
      sub: 'entra-oid-9',
      email: 'dan@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    };
    const user = await me((await signInAs(account)).json<TokenPairBody>().accessToken);
    const headers = await asOwner();
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: `/api/v1/users/${user.id}/status`,
          headers,
          payload: { status: 'disabled' },
        })
      ).statusCode,
    ).toBe(200);
    const disabled = await signInAs(account);
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json()).toMatchObject({ code: 'IDENTITY_OIDC_ACCOUNT_DISABLED' });

    const flow = await begin();
    idp.account = { ...account, sub: 'entra-oid-10', email: 'eli@contoso.test' };
    const back = await idp.authorize(flow.res.json<{ authorizationUrl: string }>().authorizationUrl);
    await sql`update identity.identity_providers set enabled = false where client_id = 'switchboard-console'`.execute(
      t.platform.database.owner,
    );
    try {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/oidc/exchange',
        payload: {
          tenant: tenant.slug,
          providerId,
          code: back.searchParams.get('code'),
          codeVerifier: flow.verifier,
          redirectUri: callback,
          nonce: flow.nonce,
        },
      });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({
        code: 'IDENTITY_PROVIDER_NOT_FOUND',
        errors: [{ field: 'providerId' }],
      });
      expect(
        (await t.inject({ method: 'GET', url: `/api/v1/auth/providers?tenant=${tenant.slug}` })).json(),
      ).toEqual({ items: [] });
      expect((await begin()).res.statusCode).toBe(404);
    } finally {
      await sql`update identity.identity_providers set enabled = true where client_id = 'switchboard-console'`.execute(
        t.platform.database.owner,
      );
    }
  });

  it('keeps one tenant’s provider from signing anyone in to another tenant', async () => {
    const { tenant: other } = await createTenant(t.platform, 'fabrikam');
    const flow = await begin();
    idp.account = {
      sub: 'entra-oid-11',
      email: 'fay@contoso.test',
      tid: 'contoso-directory',
      roles: ['Contoso.Supervisors'],
    };
    const back = await idp.authorize(flow.res.json<{ authorizationUrl: string }>().authorizationUrl);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/exchange',
      payload: {
        tenant: other.slug,
        providerId,
        code: back.searchParams.get('code'),
        codeVerifier: flow.verifier,
        redirectUri: callback,
        nonce: flow.nonce,
      },
    });
    expect(res.statusCode).toBe(404);
  });

  it('names the fields a malformed request gets wrong', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/oidc/exchange',
      payload: {
        tenant: tenant.slug,
        providerId,
        code: 'x',
        codeVerifier: 'short',
        redirectUri: callback,
        nonce: random(),
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'body.codeVerifier',
    ]);
  });

  it('redeems codes with a client secret for providers that want one', async () => {
    const oidc = createOidcClient();
    const discovery = await oidc.discover(idp.issuer);
    const verifier = randomBytes(32).toString('base64url');
    const nonce = random();
    idp.account = { sub: 'confidential-user', email: 'cy@contoso.test' };
    const back = await idp.authorize(
      oidc.authorizationUrl(discovery, {
        clientId: 'confidential-console',
        redirectUri: callback,
        state: random(),
        nonce,
        codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      }),
    );
    const exchange = {
      clientId: 'confidential-console',
      code: back.searchParams.get('code') ?? '',
      codeVerifier: verifier,
      redirectUri: callback,
    };
    const idToken = await oidc.exchangeCode(discovery, { ...exchange, clientSecret: 'console-secret' });
    expect(
      await oidc.verifyIdToken(discovery, idToken, { clientId: 'confidential-console', nonce }),
    ).toMatchObject({ sub: 'confidential-user', email: 'cy@contoso.test' });
    await expect(oidc.exchangeCode(discovery, { ...exchange, clientSecret: 'wrong' })).rejects.toMatchObject({
      code: 'IDENTITY_PROVIDER_MISCONFIGURED',
    });
  });
});
