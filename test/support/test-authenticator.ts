import type { Authenticator } from '../../src/platform/auth/index.js';

/**
 * TEST ONLY. Trusts `x-test-tenant`, `x-test-actor` and `x-test-permissions` headers so HTTP tests
 * can act as any tenant and actor without the login flow. Never registered outside tests.
 */
export const testHeaderAuthenticator: Authenticator = {
  name: 'test-headers',
  authenticate(request) {
    const tenant = request.headers['x-test-tenant'];
    if (typeof tenant !== 'string') return Promise.resolve(undefined);
    const actor = request.headers['x-test-actor'];
    const permissions = request.headers['x-test-permissions'];
    return Promise.resolve({
      tenantId: tenant,
      actor: { type: 'user', id: typeof actor === 'string' ? actor : 'usr_test', roles: [] },
      permissions: new Set(typeof permissions === 'string' ? permissions.split(',').filter(Boolean) : []),
    });
  },
};
