import type { AuditLog } from '../../platform/audit/index.js';
import type { Authenticator } from '../../platform/auth/index.js';
import type { Keyring, MasterKeyProvider } from '../../platform/crypto/index.js';
import type { Database } from '../../platform/db/index.js';
import type { RouteMount } from '../../platform/http/index.js';
import { defineModule, type PlatformModule } from '../../platform/module.js';
import type { SecretReader } from '../../platform/secrets/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import { createApiKeyAuthenticator } from './api-keys/api-key.authenticator.js';
import { createApiKeyCache } from './api-keys/api-key.cache.js';
import { createBearerTokenAuthenticator } from './auth/bearer-token.authenticator.js';
import type {
  ApiKeysService,
  EmailVerification,
  AuthService,
  IdentityProvidersService,
  SavedViewsService,
  TenantAdmin,
  TenantsService,
  UsersService,
} from './contract.js';
import { identityMigrations } from './db/migrations/index.js';
import { identityClassification } from './db/identity.classification.js';
import { createIdentityPrivacy } from './users/users.privacy.js';
import { apiKeysRoutes } from './api-keys/api-keys.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { identityProvidersRoutes } from './identity-providers/identity-providers.routes.js';
import { jwksRoutes } from './auth/jwks.routes.js';
import { oidcSignInRoutes } from './identity-providers/oidc-sign-in.routes.js';
import { tenantRoutes } from './tenants/tenant.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { createApiKeysService } from './api-keys/api-keys.service.js';
import { savedViewsRoutes } from './views/saved-views.routes.js';
import { createSavedViewsService } from './views/saved-views.service.js';
import { createAuthService, type AuthSettings } from './auth/auth.service.js';
import { createIdentityProvidersService } from './identity-providers/identity-providers.service.js';
import { createOidcClient } from './identity-providers/oidc-client.js';
import { createOidcSignInService } from './identity-providers/oidc-sign-in.service.js';
import { createSessionIssuer } from './auth/session-issuer.js';
import { createSigningKeys, type SigningKeys } from './auth/signing-keys.service.js';
import { createTenantAdmin, createTenantsService } from './tenants/tenants.service.js';
import { createUsersService } from './users/users.service.js';
import { createSignUpService } from './auth/sign-up.service.js';
import { signUpRoutes } from './auth/sign-up.routes.js';
import type { Bus } from '../../platform/bus/index.js';

/** What identity offers other modules, the CLI and tests (`platform.modules.identity`). */
export interface IdentityApi {
  readonly tenants: TenantsService;
  readonly tenantAdmin: TenantAdmin;
  readonly users: UsersService;
  readonly auth: AuthService;
  readonly apiKeys: ApiKeysService;
  readonly savedViews: SavedViewsService;
  readonly identityProviders: IdentityProvidersService;
  readonly signingKeys: SigningKeys;
  /** Links that confirm a signed-up client's e-mail address (notifications e-mails them). */
  readonly emailVerification: EmailVerification;
}

export interface IdentityDeps {
  readonly database: Database;
  readonly keyring: Keyring;
  readonly masterKey: MasterKeyProvider;
  readonly previousMasterKeys: readonly MasterKeyProvider[];
  readonly audit: AuditLog;
  readonly bus: Bus;
  readonly logger: Logger;
  /** `iss` of our tokens: the public URL of the platform. */
  readonly issuer: string;
  readonly settings: Omit<AuthSettings, 'totpIssuer'>;
  /** How OIDC discovery is fetched (tests may route it to a local provider). */
  readonly fetch?: typeof fetch;
  /**
   * Client secrets of sign-in providers that treat the console as a confidential client
   * (`oidc.<idp id>.client_secret`); without it every provider is a public client (PKCE only).
   */
  readonly oidcClientSecrets?: SecretReader;
}

export function createIdentityModule(
  deps: IdentityDeps,
): PlatformModule<IdentityApi> & { readonly authenticators: readonly Authenticator[] } {
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
  const auth = createAuthService({
    database,
    keyring,
    audit,
    signingKeys,
    settings: { ...deps.settings, totpIssuer: 'Switchboard' },
  });
  const apiKeyCache = createApiKeyCache();
  const apiKeys = createApiKeysService({ database, audit, cache: apiKeyCache });
  const savedViews = createSavedViewsService({ database, audit });
  const identityProviders = createIdentityProvidersService({ database, audit });
  const oidcSignInOf = (surface: 'internal' | 'external', callbackPath: string) =>
    createOidcSignInService({
      database,
      keyring,
      audit,
      oidc: createOidcClient(deps.fetch ? { fetch: deps.fetch } : {}),
      sessions: createSessionIssuer({ signingKeys, settings: deps.settings }),
      callbackUrl: `${deps.issuer.replace(/\/+$/, '')}${callbackPath}`,
      clientSecrets: deps.oidcClientSecrets,
      surface,
    });
  const oidcSignIn = oidcSignInOf('internal', '/auth/callback');
  // The client portal's "Sign in with <consumer provider>" (web/portal, served at /portal).
  const portalOidcSignIn = oidcSignInOf('external', '/portal/auth/callback');
  const signUp = createSignUpService({
    database,
    keyring,
    audit,
    bus: deps.bus,
    sessions: createSessionIssuer({ signingKeys, settings: deps.settings }),
    publicUrl: deps.issuer,
  });
  const routes: RouteMount[] = [
    { surface: 'external', prefix: '/auth', plugin: signUpRoutes(signUp) },
    { surface: 'internal', prefix: '/auth', plugin: authRoutes({ auth, users, surface: 'internal' }) },
    { surface: 'external', prefix: '/auth', plugin: authRoutes({ auth, users, surface: 'external' }) },
    { surface: 'internal', prefix: '/auth', plugin: oidcSignInRoutes(oidcSignIn) },
    { surface: 'external', prefix: '/auth', plugin: oidcSignInRoutes(portalOidcSignIn) },
    { surface: 'internal', prefix: '/tenant', plugin: tenantRoutes(tenants) },
    { surface: 'internal', prefix: '/users', plugin: usersRoutes(users) },
    { surface: 'internal', prefix: '/api-keys', plugin: apiKeysRoutes(apiKeys) },
    { surface: 'internal', prefix: '/views', plugin: savedViewsRoutes(savedViews) },
    {
      surface: 'internal',
      prefix: '/identity-providers',
      plugin: identityProvidersRoutes(identityProviders),
    },
    { surface: 'root', prefix: '/.well-known', plugin: jwksRoutes(signingKeys) },
  ];
  return {
    api: {
      tenants,
      tenantAdmin: createTenantAdmin(database),
      users,
      auth,
      apiKeys,
      savedViews,
      identityProviders,
      signingKeys,
      emailVerification: signUp.emailVerification,
    },
    /** Bearer JWTs (ours and configured OIDC issuers) and API keys, in that order. */
    authenticators: [
      createBearerTokenAuthenticator({ database, signingKeys, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
      createApiKeyAuthenticator({ database, cache: apiKeyCache }),
    ],
    routes,
    privacy: createIdentityPrivacy({ database, keyring, audit }),
    beforeServing: () => signingKeys.ensureCurrent(),
  };
}

/** Tenants, users, roles, sessions, API keys and sign-in providers. */
export const identityModule = defineModule({
  name: 'identity',
  migrations: identityMigrations,
  classification: identityClassification,
  // Confidential OIDC clients: `oidc.<provider id>.client_secret`, read for the code exchange only.
  secrets: { read: ['oidc.'] },
  adminPermissions: ['users:write', 'api_keys:write', 'identity_providers:write'],
  settings: (config) => ({
    issuer: config.http.publicUrl,
    accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
    refreshTokenTtlDays: config.auth.refreshTokenTtlDays,
  }),
  create: (deps) =>
    createIdentityModule({
      database: deps.database,
      keyring: deps.keyring,
      masterKey: deps.masterKey,
      previousMasterKeys: deps.previousMasterKeys,
      audit: deps.auditLog,
      bus: deps.bus,
      logger: deps.logger,
      issuer: deps.settings.issuer,
      settings: {
        accessTokenTtlSeconds: deps.settings.accessTokenTtlSeconds,
        refreshTokenTtlDays: deps.settings.refreshTokenTtlDays,
      },
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      oidcClientSecrets: deps.secrets,
    }),
});
