import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * The console's customers, privacy and notification pages in a real browser against a real
 * platform: a customer found by e-mail, masked until Show, the 360° timeline; a data-subject
 * request recorded, verified and processed, with its trail; the bell counting a notification that
 * arrives live; the templates editor's preview.
 */
describe.skipIf(!haveChromium)('customers & privacy in a browser', () => {
  let t: TestPlatform;
  let base: string;
  let browser: Browser;
  let owner: TestUser;
  let context: BrowserContext;
  let page: Page;
  const complaints: string[] = [];
  const watch = watchComplaints(complaints);
  const shoot = (name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
  let customerId = '';

  beforeAll(async () => {
    await ensureConsoleBuilt();
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform, 'acme-customers');
    owner = await createUser(t.platform, tenant, { roles: ['owner'], email: 'olivia.owner@acme.test' });
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/customers',
      as: { tenant: tenant.uuid, permissions: ['customers:write'] },
      payload: { name: 'Jane Smith', email: 'jane@example.com', phone: '+447700900123', language: 'en' },
    });
    expect(created.statusCode).toBe(201);
    customerId = created.json<{ id: string }>().id;
    base = await serveConsole(t);
    browser = await launchChromium();
    context = await browser.newContext();
    page = context.pages()[0] ?? (await context.newPage());
    watch(page);
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Organisation').fill(owner.tenant.slug);
    await page.getByLabel('E-mail address').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await t.close();
  });

  it('finds a customer by the whole e-mail address, masked until Show, with the timeline', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('searchbox', { name: 'Find a customer' }).fill('jane@example');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByText(/compares blind indexes/).isVisible()).toBe(true);
    await page.getByRole('searchbox', { name: 'Find a customer' }).fill('jane@example.com');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'Jane Smith' }).click();
    await page.waitForURL(`${base}/customers/${customerId}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect.poll(() => profile.getByText('j•••@example.com').isVisible()).toBe(true);
    await profile.getByRole('button', { name: 'Show E-mail' }).click();
    await expect.poll(() => profile.getByText('jane@example.com').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).isVisible()).toBe(true);
    await shoot('customer');
  });

  it('records, verifies and processes an access request, then shows its trail', async () => {
    await page.getByRole('link', { name: 'Data-subject request', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New data-subject request' });
    await dialog.getByRole('button', { name: 'Record request' }).click();
    await page.waitForURL(/\/privacy\/requests\/dsr_/);
    await expect
      .poll(() =>
        page
          .getByText(/Due in \d+ days/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await page.getByRole('button', { name: 'Verify identity' }).click();
    const verify = page.getByRole('dialog');
    await verify.getByLabel('Note').fill('Passport seen at the counter');
    await verify.getByRole('button', { name: 'Verify identity' }).click();
    await page.getByRole('button', { name: 'Process' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Process' }).click();
    const trail = page.getByRole('list', { name: 'Every step of this request, oldest first' });
    await expect.poll(() => trail.getByText('Completed').isVisible(), { timeout: 30_000 }).toBe(true);
    await shoot('privacy-request');
  }, 90_000);

  it('counts a notification that arrives while the console is open', async () => {
    await page.goto(`${base}/notifications`);
    // Earlier steps notify the owner too (a data-subject request received): count from where it stands.
    const unread = async () =>
      (
        await t.inject({
          method: 'GET',
          url: '/api/v1/notifications/unread-count',
          as: { tenant: owner.tenant.uuid, actor: owner.user.id, permissions: ['notifications:read'] },
        })
      ).json<{ count: number }>().count;
    const before = await unread();
    const sent = await t.inject({
      method: 'POST',
      url: '/api/v1/notifications',
      as: { tenant: owner.tenant.uuid, permissions: ['notifications:send'] },
      payload: {
        recipients: { userIds: [owner.user.id] },
        type: 'message',
        title: 'Hello from the test',
        body: 'Live.',
      },
    });
    expect(sent.statusCode).toBeLessThan(300);
    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
    await expect
      .poll(
        () => page.getByRole('button', { name: `Notifications, ${String(before + 1)} unread` }).isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.getByText('Hello from the test', { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await shoot('notifications');
  });

  it('previews a template with sample values; the browser complained about nothing', async () => {
    await page.goto(`${base}/notifications/templates`);
    await page.getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog', { name: 'New template' });
    await dialog.getByLabel('Subject').fill('Order {{orderNumber}}');
    await dialog.getByLabel('Body').fill('Hello {{name}}');
    await dialog.getByLabel('Sample value of orderNumber').fill('SO-1');
    await expect.poll(() => dialog.getByTestId('template-preview').textContent()).toContain('Order SO-1');
    expect(complaints).toEqual([]);
  });
});
