import { randomBytes } from 'node:crypto';
import { systemContext, type RequestContext } from '../../../platform/context.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { Tenant } from '../../identity/index.js';
import { createTestPlatform, type TestPlatform } from '../../../../test/support/test-platform.js';
import type { CallsApi } from '../calls.module.js';

/**
 * A test platform with the calls module mounted (the lead wires it into platform.ts). Its keyring
 * shares the platform's master key, so data keys made by either one work for both.
 */
export interface CallsTestPlatform extends TestPlatform {
  readonly calls: CallsApi;
  /** Object keys the module asked to sign, in order. */
  readonly signedKeys: readonly string[];
  createTenant(options?: { timeZone?: string }): Promise<{ tenant: Tenant; ctx: RequestContext }>;
}

/** `role: 'start'` also runs background work in the test's process (workflows such as background exports). */
export async function createCallsTestPlatform(options: { logger?: Logger; env?: Record<string, string>; role?: 'api' | 'start' } = {}): Promise<CallsTestPlatform> {
  const masterKey = randomBytes(32).toString('base64');
  const signedKeys: string[] = [];
  const platform = await createTestPlatform({
    env: { SWITCHBOARD_MASTER_KEY: masterKey, ...options.env },
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.role ? { role: options.role } : {}),
    signObjectUrl: (key) => {
      signedKeys.push(key);
      return Promise.resolve(`https://objects.test/${encodeURIComponent(key)}?signature=test`);
    },
  });
  const calls = platform.platform.modules.calls;
  return {
    ...platform,
    calls,
    signedKeys,
    async createTenant(options = {}) {
      const slug = `t-${randomBytes(4).toString('hex')}`;
      const tenant = await platform.platform.modules.identity.tenantAdmin.create({ name: `Tenant ${slug}`, slug, ...options });
      return { tenant, ctx: systemContext(tenant.uuid, 'test', 'test') };
    },
  };
}
