import type { AuditLog } from '../../platform/audit/index.js';
import type { Authenticator } from '../../platform/auth/index.js';
import type { Keyring, MasterKeyProvider } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { RouteMount } from '../../platform/http/index.js';
import type { PlatformModule } from '../../platform/module.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { createApiKeyAuthenticator } from './auth/api-key.authenticator.js';
import { createBearerTokenAuthenticator } from './auth/bearer-token.authenticator.js';
import type { ApiKeysService, AuthService, IdentityProvidersService, TenantAdmin, TenantsService, UsersService } from './contract.js';
import { apiKeysRoutes } from './http/api-keys.routes.js';
import { authRoutes } from './http/auth.routes.js';
import { identityProvidersRoutes } from './http/identity-providers.routes.js';
import { jwksRoutes } from './http/jwks.routes.js';
import { tenantRoutes } from './http/tenant.routes.js';
import { usersRoutes } from './http/users.routes.js';
import { createApiKeysService } from './service/api-keys.service.js';
import { createAuthService, type AuthSettings } from './service/auth.service.js';
import { createIdentityProvidersService } from './service/identity-providers.service.js';
import { createSigningKeys, type SigningKeys } from './service/signing-keys.service.js';
import { createTenantAdmin, createTenantsService } from './service/tenants.service.js';
import { createUsersService } from './service/users.service.js';

export interface IdentityModule extends PlatformModule {
  readonly tenants: TenantsService;
  readonly tenantAdmin: TenantAdmin;
  readonly users: UsersService;
  readonly auth: AuthService;
  readonly apiKeys: ApiKeysService;
  readonly identityProviders: IdentityProvidersService;
  readonly signingKeys: SigningKeys;
  /** Bearer JWTs (ours and configured OIDC issuers) and API keys, in that order. */
  readonly authenticators: readonly Authenticator[];
}

export interface IdentityDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly masterKey: MasterKeyProvider;
  readonly previousMasterKeys: readonly MasterKeyProvider[];
  readonly audit: AuditLog;
  readonly logger: Logger;
  /** `iss` of our tokens: the public URL of the platform. */
  readonly issuer: string;
  readonly settings: Omit<AuthSettings, 'totpIssuer'>;
  /** How OIDC discovery is fetched (tests may route it to a local provider). */
  readonly fetch?: typeof fetch;
}

export function createIdentityModule(deps: IdentityDeps): IdentityModule {
  const { database, keyring, audit } = deps;
  const signingKeys = createSigningKeys({
    database,
    masterKey: deps.masterKey,
    previousMasterKeys: deps.previousMasterKeys,
    issuer: deps.issuer,
    logger: deps.logger,
  });
  const tenants = createTenantsService(database, audit);
  const users = createUsersService({ database, keyring, audit });
  const auth = createAuthService({ database, keyring, audit, signingKeys, settings: { ...deps.settings, totpIssuer: 'Switchboard' } });
  const apiKeys = createApiKeysService({ database, audit });
  const identityProviders = createIdentityProvidersService({ database, audit });
  const routes: RouteMount[] = [
    { surface: 'internal', prefix: '/auth', plugin: authRoutes({ auth, users, surface: 'internal' }) },
    { surface: 'external', prefix: '/auth', plugin: authRoutes({ auth, users, surface: 'external' }) },
    { surface: 'internal', prefix: '/tenant', plugin: tenantRoutes(tenants) },
    { surface: 'internal', prefix: '/users', plugin: usersRoutes(users) },
    { surface: 'internal', prefix: '/api-keys', plugin: apiKeysRoutes(apiKeys) },
    { surface: 'internal', prefix: '/identity-providers', plugin: identityProvidersRoutes(identityProviders) },
    { surface: 'root', prefix: '/.well-known', plugin: jwksRoutes(signingKeys) },
  ];
  return {
    name: 'identity',
    tenants,
    tenantAdmin: createTenantAdmin(database),
    users,
    auth,
    apiKeys,
    identityProviders,
    signingKeys,
    authenticators: [
      createBearerTokenAuthenticator({ database, signingKeys, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
      createApiKeyAuthenticator({ database }),
    ],
    routes,
  };
}
