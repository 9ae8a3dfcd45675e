import { randomBytes } from 'node:crypto';
import type { Platform } from '../../src/app/platform.js';
import { systemContext, type RequestContext } from '../../src/platform/context.js';
import type { Tenant, User } from '../../src/modules/identity/index.js';
import type { TestPlatform } from './test-platform.js';

export interface TestUser {
  readonly tenant: Tenant;
  readonly user: User;
  readonly email: string;
  readonly password: string;
}

export async function createTenant(
  platform: Platform,
  slug = `t-${randomBytes(4).toString('hex')}`,
  options: { timeZone?: string } = {},
): Promise<{ tenant: Tenant; ctx: RequestContext }> {
  const tenant = await platform.modules.identity.tenantAdmin.create({
    name: `Tenant ${slug}`,
    slug,
    ...options,
  });
  return { tenant, ctx: systemContext(tenant.uuid, 'test', 'test') };
}

export async function createUser(
  platform: Platform,
  tenant: Tenant,
  options: { roles: string[]; kind?: 'employee' | 'client'; email?: string },
): Promise<TestUser> {
  const email = options.email ?? `${options.roles.join('-')}-${randomBytes(3).toString('hex')}@example.test`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await platform.modules.identity.users.create(systemContext(tenant.uuid, 'test', 'test'), {
    email,
    password,
    kind: options.kind ?? 'employee',
    roles: options.roles,
  });
  return { tenant, user, email, password };
}

interface TokenPairBody {
  accessToken: string;
  refreshToken?: string;
  mfaEnrollmentRequired: boolean;
}

/** Signs in through the HTTP API and returns the token pair. */
export async function login(
  t: TestPlatform,
  who: TestUser,
  extra: { totp?: string } = {},
): Promise<TokenPairBody> {
  const surface = who.user.kind === 'client' ? 'ext' : 'api';
  const res = await t.inject({
    method: 'POST',
    url: `/${surface}/v1/auth/login`,
    payload: { tenant: who.tenant.slug, email: who.email, password: who.password, ...extra },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json<TokenPairBody>();
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Creates an API key through the HTTP API (as a signed-in user with api-keys rights) and returns its secret. */
export async function createApiKey(
  t: TestPlatform,
  accessToken: string,
  options: { name: string; scopes: string[] },
): Promise<string> {
  const res = await t.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: bearer(accessToken),
    payload: options,
  });
  if (res.statusCode !== 201) throw new Error(`creating an API key failed: ${res.statusCode} ${res.body}`);
  return res.json<{ key: string }>().key;
}
