import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFirstRunProbe } from '../../src/app/console-setup.js';
import { consolePlugin } from '../../src/platform/http/console.plugin.js';
import { bearer, createTenant, createUser, login } from '../support/identity.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  artifactsDir,
  ensureConsoleBuilt,
  haveChromium,
  launchChromium,
  type Browser,
  watchComplaints,
} from './console-harness.js';

/*
 * "Sign in with <provider>" in a real browser: the console served as `npm start` serves it (built
 * assets, helmet's CSP), a real OpenID Connect provider (`oidc-provider`) whose login page signs in
 * whoever the test names and consents at once (or declines, when told to), and Chromium following
 * every redirect: console -> provider -> console callback -> the page the person wanted.
 */

interface Account {
  readonly sub: string;
  readonly email: string;
  readonly roles: readonly string[];
}

/** A free TCP port: the platform's public URL (the callback the provider knows) must be fixed before it starts. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

async function startIdp(callback: string) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const state: { account: Account; decline: boolean } = {
    account: { sub: 'nobody', email: 'nobody@example.test', roles: [] },
    decline: false,
  };
  const accounts = new Map<string, Account>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'switchboard-console',
        token_endpoint_auth_method: 'none',
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
    claims: { openid: ['sub', 'groups'], email: ['email', 'email_verified'], profile: ['name'] },
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
      return account
        ? {
            accountId: sub,
            claims: () => ({
              sub,
              email: account.email,
              email_verified: true,
              name: account.email.split('@')[0],
              groups: [...account.roles],
            }),
          }
        : undefined;
    },
  });
  const handle = provider.callback();
  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (state.decline) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The person declined' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const { account } = state;
    accounts.set(account.sub, account);
    const grant = new provider.Grant({ accountId: account.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub }, consent: { grantId: await grant.save() } },
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
  return { issuer, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

if (!haveChromium && process.env.CI)
  throw new Error('Chromium is missing: apt-get install -y chromium (see .ci/run)');

describe.skipIf(!haveChromium)('signing in to the console with an identity provider, in a browser', () => {
  let t: TestPlatform;
  let base: string;
  let idp: Awaited<ReturnType<typeof startIdp>>;
  let browser: Browser;
  /** Whatever beforeAll got to, undone in reverse (a console that does not build stops it early). */
  const cleanups: (() => Promise<void>)[] = [];
  let context: BrowserContext;
  let page: Page;
  const complaints: string[] = [];
  const shoot = (p: Page, name: string) =>
    p.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: false });
  const watch = watchComplaints(complaints);
  const freshPage = async () => {
    const other = await browser.newContext();
    return watch(other.pages()[0] ?? (await other.newPage()));
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    idp = await startIdp(`${base}/auth/callback`);
    cleanups.push(() => idp.close());
    t = await createTestPlatform({ env: { SWITCHBOARD_PUBLIC_URL: base } });
    cleanups.push(() => t.close());
    const { tenant } = await createTenant(t.platform, 'contoso');
    const owner = await createUser(t.platform, tenant, { roles: ['owner'] });
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/identity-providers',
      headers: bearer((await login(t, owner)).accessToken),
      payload: {
        name: 'Contoso SSO',
        surface: 'internal',
        issuer: idp.issuer,
        audience: 'api://switchboard',
        clientId: 'switchboard-console',
        rolesClaim: 'groups',
        roleMapping: { 'console-admins': 'admin' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const http = t.platform.http;
    if (!http) throw new Error('the test platform serves no HTTP');
    if (!http.registeredRoutes.some((r) => r.url === '/console/setup.json')) {
      await http.register(consolePlugin({ firstRun: consoleFirstRunProbe(t.platform.modules.identity) }));
    }
    await http.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    cleanups.push(() => browser.close());
    context = await browser.newContext();
    page = watch(context.pages()[0] ?? (await context.newPage()));
  }, 180_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function chooseProvider(p: Page) {
    await p.getByLabel('Organisation').fill('contoso');
    const button = p.getByRole('button', { name: 'Sign in with Contoso SSO' });
    await expect.poll(() => button.isVisible(), { timeout: 10_000 }).toBe(true);
    await button.click();
  }

  it('signs a new person in through the provider and brings them to the page they asked for', async () => {
    idp.state.account = { sub: 'okta-00u1', email: 'ines.admin@contoso.test', roles: ['console-admins'] };
    await page.goto(`${base}/admin/users`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await page.getByLabel('Organisation').fill('contoso');
    await expect
      .poll(() => page.getByRole('button', { name: 'Sign in with Contoso SSO' }).isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    await shoot(page, 'sign-in-with-provider');
    await page.getByRole('button', { name: 'Sign in with Contoso SSO' }).click();

    await page.waitForURL(`${base}/admin/users`, { timeout: 20_000 });
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Users' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'ines.admin@contoso.test' }).isVisible())
      .toBe(true);
    await shoot(page, 'signed-in-with-provider');

    // An ordinary Switchboard session: a refresh token that rotates, kept like a password sign-in's.
    const stored = await page.evaluate<string | null>(
      "window.localStorage.getItem('switchboard.session.v1')",
    );
    const session = JSON.parse(stored ?? '{}') as { kind?: string; tenant?: string; refreshToken?: string };
    expect(session).toMatchObject({
      kind: 'signedIn',
      tenant: 'contoso',
      refreshToken: expect.stringMatching(/^rt_/) as unknown,
    });
    // Nothing of the round trip is left behind in the tab.
    expect(
      await page.evaluate<string | null>("window.sessionStorage.getItem('switchboard.signIn.pending.v1')"),
    ).toBeNull();
  });

  it('says so when the person declines at the provider, and offers the way back', async () => {
    const p = await freshPage();
    idp.state.decline = true;
    try {
      await p.goto(`${base}/sign-in`);
      await chooseProvider(p);
      await p.waitForURL(/\/auth\/callback\?/, { timeout: 20_000 });
      await expect
        .poll(() => p.getByRole('alert').textContent())
        .toContain('Contoso SSO did not sign you in');
      expect(await p.getByRole('alert').textContent()).toContain('You declined');
      await shoot(p, 'provider-sign-in-declined');
      await p.getByRole('link', { name: 'Back to sign-in' }).click();
      await p.waitForURL(/\/sign-in\?tenant=contoso/);
    } finally {
      idp.state.decline = false;
    }
  });

  it('refuses a callback this tab did not start (forged or replayed)', async () => {
    const p = await freshPage();
    await p.goto(`${base}/auth/callback?code=stolen-code&state=forged-state`);
    await expect
      .poll(() => p.getByRole('alert').textContent())
      .toContain('It was not started in this browser tab');
    expect(
      await p.evaluate<string | null>("window.localStorage.getItem('switchboard.session.v1')"),
    ).toBeNull();
  });

  it('explains a refusal by Switchboard after the provider signed the person in', async () => {
    const p = await freshPage();
    idp.state.account = { sub: 'okta-00u2', email: 'nobody.special@contoso.test', roles: ['everyone'] };
    await p.goto(`${base}/sign-in`);
    await chooseProvider(p);
    await p.waitForURL(/\/auth\/callback\?/, { timeout: 20_000 });
    await expect
      .poll(() => p.getByRole('alert').textContent())
      .toContain('has no access to Switchboard in “contoso” yet');
    await shoot(p, 'provider-sign-in-no-role');
  });

  it('stays within the Content Security Policy, without script errors', () => {
    // The refused exchange above is answered 403 on purpose; the browser logs that as a failed resource.
    expect(complaints.filter((c) => !/oidc\/exchange|status of 403/.test(c))).toEqual([]);
  });
});
