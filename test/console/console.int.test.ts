import path from 'node:path';
import { sql } from 'kysely';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDeadLetter } from '../../src/platform/bus/dead-letters.repo.js';
import { systemContext } from '../../src/platform/context.js';
import { newUuid } from '../../src/platform/ids.js';
import { createTenant, createUser, type TestUser } from '../support/identity.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';
import {
  artifactsDir,
  ensureConsoleBuilt,
  haveChromium,
  launchChromium,
  serveConsole,
  type Browser,
  watchComplaints,
} from './console-harness.js';

/*
 * The console in a real browser (Debian's Chromium through playwright-core) against a real
 * platform on a test database, served exactly as `npm start` serves it: built assets, SPA
 * fallback, helmet's CSP. Access tokens live 12 s here, so sessions renew during the run.
 */
/** The console's session as the browser stores it (page code runs in the browser: it is passed as text). */
async function storedSession(p: Page): Promise<{ accessToken: string; refreshToken: string } | undefined> {
  const raw = await p.evaluate<string | null>("window.localStorage.getItem('switchboard.session.v1')");
  return raw ? (JSON.parse(raw) as { accessToken: string; refreshToken: string }) : undefined;
}

if (!haveChromium && process.env.CI)
  throw new Error('Chromium is missing: apt-get install -y chromium (see .ci/run)');

describe.skipIf(!haveChromium)('web console in a browser', () => {
  let t: TestPlatform;
  let base: string;
  let browser: Browser;
  let owner: TestUser;
  let viewer: TestUser;
  let ownerContext: BrowserContext;
  let page: Page;
  /** Anything the browser complains about (CSP violations, script errors, failed requests). */
  const complaints: string[] = [];

  const watch = watchComplaints(complaints);
  const shoot = (p: Page, name: string) =>
    p.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: false });

  async function signIn(p: Page, who: TestUser) {
    await p.getByLabel('Organisation').fill(who.tenant.slug);
    await p.getByLabel('E-mail address').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    await ensureConsoleBuilt();
    t = await createTestPlatform({ env: { SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS: '12' } });
    const { tenant } = await createTenant(t.platform, 'acme-console');
    owner = await createUser(t.platform, tenant, { roles: ['owner'], email: 'olivia.owner@acme.test' });
    viewer = await createUser(t.platform, tenant, { roles: ['viewer'], email: 'vera.viewer@acme.test' });
    base = await serveConsole(t);
    browser = await launchChromium();
    ownerContext = await browser.newContext();
    page = ownerContext.pages()[0] ?? (await ownerContext.newPage());
    watch(page);
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it('sends a visitor to sign-in and back to the page they asked for; the keyboard alone is enough', async () => {
    await page.goto(`${base}/admin/users`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'))
      .toBe('sign-in-tenant');
    await shoot(page, 'sign-in');

    await page.keyboard.type(owner.tenant.slug);
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.password);
    await page.keyboard.press('Enter');

    await page.waitForURL(`${base}/admin/users`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Users' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('row').filter({ hasText: viewer.email }).isVisible()).toBe(true);
    await shoot(page, 'users');
  });

  it('shows the shell: organisation, navigation for an owner, the user menu', async () => {
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.waitForURL(`${base}/`);
    for (const item of [
      'Overview',
      'Call list',
      'Dashboard',
      'Quarantine',
      'Users',
      'API keys',
      'Sign-in providers',
      'Connectors',
      'Connector secrets',
      'Webhooks',
      'Organisation',
      'Audit log',
      'Dead letters',
    ]) {
      expect(await nav.getByRole('link', { name: item }).isVisible(), item).toBe(true);
    }
    await expect.poll(() => page.getByText(owner.tenant.name).first().isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/^Good (morning|afternoon|evening), Olivia$/);
    await expect.poll(() => page.getByText('Intact').isVisible()).toBe(true);
    await shoot(page, 'overview');

    await page.getByRole('button', { name: /Account menu/ }).click();
    expect(await page.getByRole('menuitem', { name: 'Sign out', exact: true }).isVisible()).toBe(true);
    await shoot(page, 'user-menu');
    await page.keyboard.press('Escape');
  });

  it('creates an API key, shows it once with a copy button, and revokes it', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'API keys' }).click();
    await expect.poll(() => page.getByText('No API keys yet').isVisible()).toBe(true);
    await shoot(page, 'api-keys-empty');

    await page.getByRole('button', { name: 'Create API key' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Genesys connector');
    await dialog.getByRole('checkbox', { name: /Read organisation/ }).check();
    await shoot(page, 'api-keys-create');
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const shown = dialog.getByTestId('new-api-key');
    await expect.poll(() => shown.isVisible()).toBe(true);
    const key = (await shown.textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    expect(await dialog.getByRole('button', { name: 'Copy key' }).isVisible()).toBe(true);
    await shoot(page, 'api-keys-created');

    // The key works, with exactly the scopes chosen.
    const asKey = (url: string) => fetch(`${base}${url}`, { headers: { 'x-api-key': key } });
    expect((await asKey('/api/v1/tenant')).status).toBe(200);
    expect((await asKey('/api/v1/users')).status).toBe(403);

    await dialog.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Genesys connector' });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.content()).not.toContain(key);
    await shoot(page, 'api-keys');

    await row.getByRole('button', { name: 'Revoke Genesys connector' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => page.getByText('API key revoked').first().isVisible()).toBe(true);
    await expect.poll(() => row.isVisible()).toBe(false);
    expect((await asKey('/api/v1/tenant')).status).toBe(401);
  });

  it('renews the session silently before the access token expires', async () => {
    const stored = () => storedSession(page).then((s) => s?.accessToken);
    const before = await stored();
    expect(before).toBeTruthy();
    // 12 s tokens renew 3 s before expiry; after 10 s the tab holds a new pair without a page load.
    await page.waitForTimeout(10_000);
    const after = await stored();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Users' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: viewer.email }).isVisible()).toBe(true);
  });

  it('shows the other administration pages', async () => {
    for (const [link, heading, name] of [
      ['Sign-in providers', 'Sign-in providers', 'sign-in-providers'],
      ['Connector secrets', 'Connector secrets', 'secrets'],
      ['Webhooks', 'Webhooks', 'webhooks'],
      ['Organisation', 'Organisation', 'settings'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: link }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1, name: heading }).isVisible()).toBe(true);
      // Loaded when no table or panel is still a skeleton (networkidle never comes: the
      // notification bell's event stream stays open, and a stream reconnecting under load kept
      // the wait from ending once).
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
      await shoot(page, name);
    }
    await expect.poll(() => page.getByLabel('Organisation name').inputValue()).toBe(owner.tenant.name);

    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Account and security' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Account and security' }).isVisible())
      .toBe(true);
    await shoot(page, 'account');
  });

  it('shows each connector’s address and secrets, and sets a secret from there', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Connectors' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Connectors' }).isVisible())
      .toBe(true);
    const twilio = page.getByRole('region', { name: 'Twilio Voice' });
    await expect.poll(() => twilio.getByText('Needs secrets').isVisible()).toBe(true);
    expect(await twilio.locator('code').first().textContent()).toMatch(
      new RegExp(`/api/v1/calls/webhooks/twilio/${owner.tenant.id}$`),
    );
    await expect
      .poll(() =>
        page
          .getByRole('region', { name: 'Microsoft Teams' })
          .getByRole('button', { name: 'Create subscription' })
          .isDisabled(),
      )
      .toBe(true);
    await shoot(page, 'connectors');

    await twilio.getByRole('button', { name: 'Set twilio.auth_token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('a-twilio-auth-token');
    await dialog.getByRole('button', { name: /Store|Replace|Save/ }).click();
    await expect.poll(() => twilio.getByText('Ready').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('a-twilio-auth-token');
  });

  it('shows the audit log with the chain verified, and filters it', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Audit log' }).click();
    await expect.poll(() => page.getByText('The audit trail is intact').isVisible()).toBe(true);
    const actions = page.locator('.audit-action');
    await expect
      .poll(() => actions.allTextContents())
      .toEqual(expect.arrayContaining(['API key revoked', 'API key created', 'Signed in']));
    await shoot(page, 'audit');

    await page.getByLabel('What').selectOption('api_key.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/action=api_key/);
    await expect
      .poll(async () => [...new Set(await actions.allTextContents())].sort())
      .toEqual(['API key created', 'API key revoked']);
    await shoot(page, 'audit-filtered');
  });

  it('shows an owner a dead letter on the overview and on its page, and replays it', async () => {
    // What a worker records when a fault of our own outlasts the retries (no worker runs here).
    const eventId = newUuid();
    await insertDeadLetter(
      t.platform.database.owner,
      'calls-transform',
      {
        id: eventId,
        type: 'calls.raw.kamailio.v1',
        tenantId: owner.tenant.uuid,
        occurredAt: new Date().toISOString(),
        key: eventId,
        data: { payloadId: newUuid(), source: 'kamailio', format: 'kamailio-json' },
      },
      {
        message:
          'OBJECTS_UNAVAILABLE: the archive bucket did not answer\n    at putMany (objects/s3.ts:120:11)',
        code: 'OBJECTS_UNAVAILABLE',
      },
      8,
    );
    const nav = page.getByRole('navigation', { name: 'Console' });
    await nav.getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.getByText('1 dead letter waiting').isVisible()).toBe(true);
    await shoot(page, 'overview-dead-letter');

    await page.getByRole('link', { name: 'Open dead letters' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Dead letters' }).isVisible())
      .toBe(true);
    const row = page.getByRole('row').filter({ hasText: 'the archive bucket did not answer' });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
    await shoot(page, 'dead-letters');

    await row.getByRole('button', { name: /^Details/ }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('The last error').textContent()).toContain('at putMany');
    await shoot(page, 'dead-letter-details');
    await dialog.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.getByText('Sent again').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('All is well: nothing is waiting').isVisible()).toBe(true);
    await shoot(page, 'dead-letters-empty');
    // On its way again, to the group that failed it only.
    const { rows } = await sql<{
      targetGroup: string;
    }>`select target_group from bus.outbox where id = ${eventId}::uuid`.execute(t.platform.database.owner);
    expect(rows).toEqual([{ targetGroup: 'calls-transform' }]);
  });

  it('offers a viewer the calls, recordings, the quality dashboard, QA configuration, outbound, commerce and customers (to read) and their notifications, but no administration, and refuses the pages if typed in', async () => {
    const context = await browser.newContext();
    const viewerPage = context.pages()[0] ?? (await context.newPage());
    watch(viewerPage);
    await viewerPage.goto(`${base}/`);
    await signIn(viewerPage, viewer);
    await viewerPage.waitForURL(`${base}/`);
    const nav = viewerPage.getByRole('navigation', { name: 'Console' });
    await expect.poll(() => nav.getByRole('link', { name: 'Overview' }).isVisible()).toBe(true);
    // Sections appear as the session's permissions and the tenant's modules load: wait for the whole list.
    await expect
      .poll(() => nav.getByRole('link').allTextContents(), { timeout: 15_000 })
      .toEqual([
        'Overview',
        'Call list',
        'Dashboard',
        'Wallboard',
        'Search conversations',
        'Recordings',
        'Quality',
        'Scorecards',
        'Insight schemas',
        'Categories',
        // Outbound: a viewer reads leads and campaigns (no export, no changes).
        'Lead lists',
        'Leads',
        'Lead imports',
        'Consent',
        'Do not call',
        'Campaigns',
        // Commerce: a viewer reads orders and the catalog; the ERP connection is configuration.
        'Orders',
        'Order analytics',
        'Products',
        'Product categories',
        'Inventory',
        'Customers',
        'Segments',
        'Notifications',
        'Preferences',
      ]);
    expect(await viewerPage.getByText('Organisation', { exact: true }).count()).toBe(0);
    await shoot(viewerPage, 'viewer-overview');

    await viewerPage.goto(`${base}/admin/api-keys`);
    await expect
      .poll(() => viewerPage.getByText('Your role does not include this page').isVisible())
      .toBe(true);
    expect(await viewerPage.getByRole('button', { name: 'Create API key' }).count()).toBe(0);
    await shoot(viewerPage, 'viewer-refused');
  });

  it('signs out, back to the sign-in page, and the old session no longer works', async () => {
    const session = await storedSession(page);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await storedSession(page)).toBeUndefined();
    const refresh = await fetch(`${base}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session?.refreshToken }),
    });
    expect(refresh.status).toBe(401);
  });

  it('walks an administrator through enrolling an authenticator when the organisation requires one', async () => {
    const { tenant } = await createTenant(t.platform, 'strict-console');
    await t.platform.modules.identity.tenants.update(systemContext(tenant.uuid, 'test', 'test'), {
      mfaRequiredForAdmins: true,
    });
    const admin = await createUser(t.platform, tenant, { roles: ['admin'], email: 'adam.admin@strict.test' });
    const context = await browser.newContext();
    const p = context.pages()[0] ?? (await context.newPage());
    watch(p);
    await p.goto(`${base}/sign-in`);
    await signIn(p, admin);
    await p.waitForURL(`${base}/enrol-mfa`);
    await p.getByRole('button', { name: 'Set up my authenticator app' }).click();
    const key = p.getByLabel('Authenticator key');
    await expect.poll(() => key.isVisible()).toBe(true);
    await shoot(p, 'enrol-mfa');
    const secret = ((await key.textContent()) ?? '').replaceAll(' ', '');

    await p.getByLabel('Code from the app').fill(await generate({ secret }));
    await p.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await p.waitForURL(/\/sign-in\?/);
    // Back at sign-in with the organisation and e-mail filled in, and the code asked for.
    expect(await p.getByLabel('E-mail address').inputValue()).toBe(admin.email);
    await p.getByLabel('Password').fill(admin.password);
    await p.getByLabel('Authenticator code').fill(await generate({ secret }));
    await shoot(p, 'sign-in-with-code');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${base}/`);
    await expect
      .poll(() => p.getByText('Two-step verification is on for your account.').isVisible())
      .toBe(true);
  });

  it('lays out at 1920×1080 too', async () => {
    const context = await browser.newContext({ width: 1920, height: 1080 });
    const wide = context.pages()[0] ?? (await context.newPage());
    watch(wide);
    await wide.goto(`${base}/sign-in`);
    await signIn(wide, owner);
    await wide.waitForURL(`${base}/`);
    // The overview verifies the audit chain, which grows with every test before this one: wait for
    // it as long as a busy machine needs (this is no timing assertion).
    await expect.poll(() => wide.getByText('Intact').isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(wide, 'overview-1920');
    await wide.goto(`${base}/admin/audit`);
    await expect
      .poll(() => wide.getByText('The audit trail is intact').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await shoot(wide, 'audit-1920');
    // Nothing wider than the window: no horizontal scrolling at either size.
    expect(await wide.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(
      true,
    );
  });

  it('ran without a script error or a CSP violation', () => {
    expect(complaints).toEqual([]);
  });
});
