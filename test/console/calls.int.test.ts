import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, login, type TestUser } from '../support/identity.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';
import type { RequestContext } from '../../src/platform/context.js';
import {
  artifactsDir,
  ensureConsoleBuilt,
  haveChromium,
  launchChromium,
  type Browser,
  watchComplaints,
} from './console-harness.js';

/*
 * The calls pages in a real browser against a real platform (role `start`: the ingest transform
 * runs), with call records ingested through the API from a real Asterisk Master.csv.
 */
const fixtures = path.resolve(import.meta.dirname, '../../../shared/fixtures/real');

/** A port free right now: the platform must know its own public URL (signed links) before it listens. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** One Asterisk cdr_csv row: a call of its own (number and uniqueid make it new). */
const asteriskRow = (number: string, uniqueid: string, start: string) =>
  `"","${number}","211474","stadion-pstn","""${number}"" <${number}>","SIP/211474-0000abcd","","Hangup","","${start}","${start}","${start.replace(/:(\d\d)$/, (_m, s: string) => `:${String(Math.min(59, Number(s) + 30)).padStart(2, '0')}`)}",30,30,"ANSWERED","DOCUMENTATION","${uniqueid}","","","${uniqueid}",0`;

/** expect.poll for hooks (where vitest does not allow it). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

if (!haveChromium && process.env.CI)
  throw new Error('Chromium is missing: apt-get install -y chromium (see .ci/run)');

describe.skipIf(!haveChromium)('calls pages in a browser', () => {
  let t: TestPlatform;
  let base: string;
  let browser: Browser | undefined;
  let owner: TestUser;
  let viewer: TestUser;
  let ctx: RequestContext;
  let token: string;
  let context: BrowserContext;
  let page: Page;
  const complaints: string[] = [];

  const watch = watchComplaints(complaints);
  const shoot = (p: Page, name: string) =>
    p.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: false });
  const noSideways = (p: Page) =>
    p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  async function signIn(p: Page, who: TestUser) {
    await p.getByLabel('Organisation').fill(who.tenant.slug);
    await p.getByLabel('E-mail address').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
  }

  const launched = () => {
    if (!browser) throw new Error('no browser');
    return browser;
  };
  const api = (url: string) => t.inject({ method: 'GET', url, headers: bearer(token) });
  const callCount = async (query = '') =>
    (await api(`/api/v1/calls?limit=200${query}`)).json<{ items: unknown[] }>().items.length;
  const ingestCsv = (csv: string | Buffer) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=asterisk-csv&timeZone=UTC',
      headers: { ...bearer(token), 'content-type': 'text/csv' },
      payload: csv,
    });

  beforeAll(async () => {
    await ensureConsoleBuilt();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await createTestPlatform({ role: 'start', env: { SWITCHBOARD_PUBLIC_URL: base } });
    const created = await createTenant(t.platform, 'calls-console');
    ctx = created.ctx;
    owner = await createUser(t.platform, created.tenant, {
      roles: ['owner'],
      email: 'olivia.owner@calls.test',
    });
    viewer = await createUser(t.platform, created.tenant, {
      roles: ['viewer'],
      email: 'vera.viewer@calls.test',
    });
    token = (await login(t, owner)).accessToken;

    // The PBX's records, through the ingest API, and a payload that cannot be read.
    const accepted = await ingestCsv(await readFile(path.join(fixtures, 'asterisk/Master-1.csv')));
    expect(accepted.statusCode, accepted.body).toBe(202);
    const broken = await t.inject({
      method: 'POST',
      url: '/api/v1/calls/ingest?format=generic-json',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: JSON.stringify([{ source: 'generic', sourceCallId: 'broken-1', startedAt: 'not a date' }]),
    });
    expect(broken.statusCode).toBe(202);
    await until('the 8 calls of Master-1.csv', async () => (await callCount()) === 8, 60_000);
    await until(
      'the quarantined payload',
      async () => (await api('/api/v1/calls/quarantine')).json<{ items: unknown[] }>().items.length > 0,
      30_000,
    );
    // What a connector once failed on and reads now (a fixed connector): stored as the quarantine keeps it.
    await t.platform.modules.calls.quarantine.add(ctx, {
      source: 'asterisk',
      reason: 'unknown disposition "ANSWERED" (before the connector fix)',
      raw: asteriskRow('89991112233', '1706999999.1', '2024-01-28 09:00:00'),
    });

    await t.platform.http?.listen({ host: '127.0.0.1', port });
    browser = await launchChromium();
    context = await browser.newContext();
    page = context.pages()[0] ?? (await context.newPage());
    watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('lists the ingested calls after sign-in', async () => {
    await page.goto(`${base}/calls`);
    await page.waitForURL(/\/sign-in\?redirect=/);
    await signIn(page, owner);
    await page.waitForURL(`${base}/calls`);
    // The first page after sign-in loads its code: give a busy machine the time.
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Calls' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => page.locator('tr.data-table__row').count(), { timeout: 10_000 }).toBe(8);
    const nav = page.getByRole('navigation', { name: 'Console' });
    for (const item of ['Call list', 'Dashboard', 'Quarantine'])
      expect(await nav.getByRole('link', { name: item }).isVisible(), item).toBe(true);
    expect(await noSideways(page)).toBe(true);
    await shoot(page, 'calls-list');
  });

  it('announces a call that arrives while the list is open, and shows it on request', async () => {
    // The live feed is open once the list has loaded; give the stream a moment to connect.
    await page.waitForTimeout(1_000);
    expect(
      (await ingestCsv(asteriskRow('89997776655', '1706888888.1', '2024-01-28 10:00:00'))).statusCode,
    ).toBe(202);
    const banner = page.getByRole('status').filter({ hasText: '1 new call' });
    await expect.poll(() => banner.isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot(page, 'calls-live-banner');
    await banner.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.locator('tr.data-table__row').count()).toBe(9);
  });

  it('finds a call by number (any leg) with the filter, and keeps the filter in the address', async () => {
    await page.getByLabel('Number').fill('89085951008');
    await page.getByRole('button', { name: 'Apply' }).click();
    // The router writes a string that looks like a number in quotes (%2289085951008%22), so it reads back as a string.
    await page.waitForURL((url) => url.searchParams.get('number')?.includes('89085951008') ?? false);
    await expect.poll(() => page.locator('tr.data-table__row').count()).toBe(1);
    await shoot(page, 'calls-filtered');
  });

  it('opens the call: facts, legs on the timeline, and the raw payload', async () => {
    await page.locator('tr.data-table__row a').first().click();
    await page.waitForURL(/\/calls\/call_[0-9a-z]{26}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('89085951008');
    const legs = page.getByRole('list', { name: /Legs of the call/ });
    await expect.poll(() => legs.getByRole('listitem').count()).toBe(2);
    expect(await page.getByText('Answered', { exact: true }).first().isVisible()).toBe(true);
    expect(await noSideways(page)).toBe(true);
    await shoot(page, 'call-detail');
    await legs.scrollIntoViewIfNeeded();
    await shoot(page, 'call-detail-legs');

    await page.getByRole('button', { name: 'View raw payload' }).click();
    const payload = page.getByTestId('raw-payload');
    await expect.poll(() => payload.isVisible(), { timeout: 10_000 }).toBe(true);
    const text = (await payload.textContent()) ?? '';
    expect(text).toContain('"format": "csv"');
    expect(text).toContain('89085951008');
    await page.waitForTimeout(300); // the dialog's entrance animation
    await shoot(page, 'call-raw-payload');
    await page.keyboard.press('Escape');
    await expect.poll(() => payload.isVisible()).toBe(false);
  });

  it('exports the filtered calls as vCon in the background, then downloads the file from the Exports page', async () => {
    await page.getByRole('link', { name: 'All calls' }).click();
    await page.goto(`${base}/calls?number=89085951008`);
    await expect.poll(() => page.locator('tr.data-table__row').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /^vCon/ }).click();
    await expect
      .poll(() => page.getByText('Your export is ready').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await page.goto(`${base}/calls/exports`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /^Download calls-.*\.vcon\.jsonl$/ })
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^calls-.*\.vcon\.jsonl$/);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const vcon = JSON.parse(lines[0] ?? '{}') as { vcon?: string; parties?: { tel?: string }[] };
    expect(vcon.vcon).toBeTruthy();
    expect(vcon.parties?.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(vcon.parties)).toContain('89085951008');
  });

  it('draws the dashboard for the fixture’s days', async () => {
    await page.goto(
      `${base}/calls/dashboard?range=custom&from=2024-01-27T00:00:00.000Z&to=2024-01-29T00:00:00.000Z&interval=hour&groupBy=direction`,
    );
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Dashboard' }).isVisible())
      .toBe(true);
    await expect
      .poll(() => page.locator('[data-testid=chart-volume] svg .recharts-bar-rectangle').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(
      await page.locator('[data-testid=chart-answerRate] svg .recharts-line-curve').count(),
    ).toBeGreaterThan(0);
    const callsTile = page.locator('.kpi', { has: page.locator('dt', { hasText: /^Calls$/ }) });
    expect(await callsTile.locator('.kpi__value').textContent()).toBe('9');
    expect(await noSideways(page)).toBe(true);
    await shoot(page, 'calls-dashboard');
  });

  it('shows the quarantine with reasons, and replays a payload the connector reads now', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Quarantine' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: 'Quarantine' }).isVisible())
      .toBe(true);
    const fixable = page.getByRole('row').filter({ hasText: 'before the connector fix' });
    await expect.poll(() => fixable.isVisible()).toBe(true);
    expect(await page.getByRole('row').filter({ hasText: 'Generic' }).count()).toBeGreaterThan(0);
    expect(await noSideways(page)).toBe(true);
    await shoot(page, 'calls-quarantine');

    await fixable.getByRole('button', { name: /^Replay/ }).click();
    await expect
      .poll(() => page.getByText('Payload replayed').first().isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => fixable.count()).toBe(0);
    expect(await callCount('&number=89991112233')).toBe(1);
    await shoot(page, 'calls-quarantine-replayed');
  });

  it('lays the pages out at 1920×1080 too', async () => {
    const wide = await launched().newContext({ width: 1920, height: 1080 });
    const p = wide.pages()[0] ?? (await wide.newPage());
    watch(p);
    await p.goto(`${base}/sign-in?redirect=${encodeURIComponent('/calls')}`);
    await signIn(p, owner);
    await p.waitForURL(`${base}/calls`);
    await expect.poll(() => p.locator('tr.data-table__row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await noSideways(p)).toBe(true);
    await shoot(p, 'calls-list-1920');
    await p.goto(
      `${base}/calls/dashboard?range=custom&from=2024-01-27T00:00:00.000Z&to=2024-01-29T00:00:00.000Z&interval=hour&groupBy=direction`,
    );
    await expect
      .poll(() => p.locator('[data-testid=chart-volume] svg .recharts-bar-rectangle').count(), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    expect(await noSideways(p)).toBe(true);
    await shoot(p, 'calls-dashboard-1920');
  });

  it('offers a viewer the calls but no export and no quarantine', async () => {
    const viewerContext = await launched().newContext();
    const p = viewerContext.pages()[0] ?? (await viewerContext.newPage());
    watch(p);
    await p.goto(`${base}/calls`);
    await p.waitForURL(/\/sign-in/);
    await signIn(p, viewer);
    await p.waitForURL(`${base}/calls`);
    await expect.poll(() => p.locator('tr.data-table__row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await p.getByRole('button', { name: 'Export' }).count()).toBe(0);
    const nav = p.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link', { name: 'Quarantine' }).count()).toBe(0);
    await p.locator('tr.data-table__row a').first().click();
    await expect.poll(() => p.getByRole('list', { name: /Legs of the call/ }).isVisible()).toBe(true);
    expect(await p.getByRole('button', { name: 'View raw payload' }).count()).toBe(0);
    await shoot(p, 'calls-viewer');
    await p.goto(`${base}/calls/quarantine`);
    await expect.poll(() => p.getByText('Your role does not include this page').isVisible()).toBe(true);
  });

  it('ran without a script error or a CSP violation', () => {
    expect(complaints).toEqual([]);
  });
});
