import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission, rolePermissions, roles, type Role } from './roles.js';
import { bearer, createTenant, createUser, login } from '../../../test/support/identity.js';
import { createTestPlatform, type TestPlatform } from '../../../test/support/test-platform.js';

describe('the permission table', () => {
  let t: TestPlatform;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await createTestPlatform();
    const { tenant } = await createTenant(t.platform);
    for (const role of roles) {
      const user = await createUser(t.platform, tenant, {
        roles: [role],
        kind: role === 'client' ? 'client' : 'employee',
      });
      tokens.set(role, (await login(t, user)).accessToken);
    }
  });
  afterAll(() => t.close());

  const apiRoutes = () =>
    (t.platform.http?.registeredRoutes ?? []).filter((r) => /^\/(api|ext)\/v1\//.test(r.url));

  it('finds every API route declaring a known permission, or marked public or for any signed-in caller', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter(
      (r) => !r.config.public && !r.config.authenticated && !r.config.permission,
    );
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const unknown = routes.filter((r) => r.config.permission && !isPermission(r.config.permission));
    expect(unknown.map((r) => `${r.method} ${r.url}: ${r.config.permission ?? ''}`)).toEqual([]);
  });

  it('gives each role exactly what the table says, route by route', async () => {
    const mismatches: string[] = [];
    for (const route of apiRoutes().filter((r) => r.config.permission)) {
      const surfaceRoles = roles.filter((role) =>
        route.url.startsWith('/ext/') ? role === 'client' : role !== 'client',
      );
      for (const role of surfaceRoles) {
        const url = route.url.replace(
          /:(\w+)/g,
          (_, name: string) => `${name.replace(/Id$/, '').slice(0, 3)}_00000000000000000000000000`,
        );
        const res = await t.inject({ method: route.method, url, headers: bearer(tokens.get(role) ?? '') });
        const allowed = (rolePermissions[role] as readonly string[]).includes(route.config.permission ?? '');
        const refused = res.statusCode === 403;
        if (allowed === refused)
          mismatches.push(
            `${role} ${route.method} ${route.url}: got ${res.statusCode}, table says ${allowed ? 'allowed' : 'refused'}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    // Every API route under every role, one request each: 20-22 s under CI's load, once over 30.
  }, 180_000);

  it('lets a viewer read but not export, and an agent work but not change settings', () => {
    expect(rolePermissions.viewer).toContain('calls:read');
    expect(rolePermissions.viewer).not.toContain('calls:export');
    expect(rolePermissions.viewer).not.toContain('leads:export');
    expect(rolePermissions.agent).not.toContain('settings:write');
  });

  it('refuses settings changes to an agent through the API', async () => {
    const res = await t.inject({
      method: 'PATCH',
      url: '/api/v1/tenant',
      headers: bearer(tokens.get('agent') ?? ''),
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
  });
});
