import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFirstRunProbe } from '../../src/app/console-setup.js';
import { createTenant, createUser } from '../support/identity.js';
import { createTestPlatform, type TestPlatform } from '../support/test-platform.js';

describe('console first run', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(() => t.close());

  it('is a first run until an employee who can sign in exists, and stays over after that', async () => {
    const probe = consoleFirstRunProbe(t.platform.modules.identity);
    expect(await probe()).toBe(true);

    const { tenant } = await createTenant(t.platform, 'first-run');
    expect(await probe()).toBe(true);
    await createUser(t.platform, tenant, { roles: ['client'], kind: 'client' });
    expect(await probe()).toBe(true);

    await createUser(t.platform, tenant, { roles: ['owner'] });
    expect(await probe()).toBe(false);
    expect(await probe()).toBe(false);
  });
});
