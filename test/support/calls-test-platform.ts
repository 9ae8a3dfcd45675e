import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../../src/platform/context.js';
import type { Logger } from '../../src/platform/telemetry/index.js';
import type { CallsApi } from '../../src/modules/calls/index.js';
import type { Tenant } from '../../src/modules/identity/index.js';
import { createTenant } from './identity.js';
import { createTestPlatform, type TestPlatform } from './test-platform.js';

/**
 * A test platform for the calls module's tests. Its keyring shares the platform's master key, so
 * data keys made by either one work for both.
 */
export interface CallsTestPlatform extends TestPlatform {
  readonly calls: CallsApi;
  /** Object keys the module asked to sign, in order. */
  readonly signedKeys: readonly string[];
  createTenant(options?: { timeZone?: string }): Promise<{ tenant: Tenant; ctx: RequestContext }>;
}

/** `role: 'start'` also runs background work in the test's process (workflows such as background exports). */
export async function createCallsTestPlatform(
  options: { logger?: Logger; env?: Record<string, string>; role?: 'api' | 'start' } = {},
): Promise<CallsTestPlatform> {
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
  return {
    ...platform,
    calls: platform.platform.modules.calls,
    signedKeys,
    createTenant: (tenantOptions = {}) => createTenant(platform.platform, undefined, tenantOptions),
  };
}
