import type { Generated } from 'kysely';
import type { TenantTransaction } from '../../../platform/db/index.js';

/** Row types of the identity schema, camelCase (the Kysely CamelCasePlugin maps snake_case). */
export type TenantsTable = {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  mfaRequiredForAdmins: Generated<boolean>;
  createdAt: Generated<Date>;
};

export type UsersTable = {
  id: string;
  tenantId: string;
  kind: 'employee' | 'client';
  emailIndex: string;
  emailCiphertext: string;
  displayNameCiphertext: string | null;
  passwordHash: string | null;
  roles: string[];
  status: Generated<'active' | 'disabled' | 'unverified'>;
  failedLogins: Generated<number>;
  lockedUntil: Date | null;
  totpSecretCiphertext: string | null;
  totpEnabledAt: Date | null;
  externalProviderId: string | null;
  externalSubject: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type RefreshTokensTable = {
  id: string;
  tenantId: string;
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  audience: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
};

export type ApiKeysTable = {
  id: string;
  tenantId: string;
  name: string;
  secretHash: Buffer;
  scopes: string[];
  createdBy: string;
  createdAt: Generated<Date>;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export type IdentityProvidersTable = {
  id: string;
  tenantId: string;
  name: string;
  surface: 'internal' | 'external';
  issuer: string;
  audience: string;
  clientId: string | null;
  tenantClaim: string | null;
  tenantClaimValue: string | null;
  rolesClaim: string | null;
  roleMapping: Record<string, string>;
  defaultRole: string | null;
  enabled: Generated<boolean>;
  createdAt: Generated<Date>;
};

/** An account at a configured OIDC provider (`subject` = its `sub`), linked to one user. */
export type OidcIdentitiesTable = {
  providerId: string;
  subject: string;
  tenantId: string;
  userId: string;
  createdAt: Generated<Date>;
  lastSignInAt: Date | null;
};

export type SavedViewsTable = {
  id: string;
  tenantId: string;
  owner: string;
  list: string;
  name: string;
  state: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type IdentityTables = {
  'identity.tenants': TenantsTable;
  'identity.users': UsersTable;
  'identity.refresh_tokens': RefreshTokensTable;
  'identity.api_keys': ApiKeysTable;
  'identity.identity_providers': IdentityProvidersTable;
  'identity.oidc_identities': OidcIdentitiesTable;
  'identity.saved_views': SavedViewsTable;
  'identity.email_verifications': EmailVerificationsTable;
};

export type EmailVerificationsTable = {
  tokenHash: Buffer;
  tenantId: string;
  userId: string;
  createdAt: Generated<Date>;
  expiresAt: Date;
  usedAt: Date | null;
};

/** A withTenant transaction over identity's tables: what every repo function of the module runs in. */
export type IdentityTransaction = TenantTransaction<IdentityTables>;
