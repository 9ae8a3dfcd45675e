import type { RequestContext } from '../../platform/context.js';

/** A tenant as other modules and the API see it. */
export interface Tenant {
  /** `ten_...` */
  readonly id: string;
  /** The internal UUID, which contexts and `tenant_id` columns carry. */
  readonly uuid: string;
  readonly slug: string;
  readonly name: string;
  /** IANA time zone for local-time reporting and calling hours. */
  readonly timeZone: string;
  /** Owners and admins must sign in with a second factor. */
  readonly mfaRequiredForAdmins: boolean;
  readonly createdAt: Date;
}

export interface NewTenant {
  readonly name: string;
  readonly slug: string;
  readonly timeZone?: string;
}

/** Tenant read access for request handling (bound to the caller's tenant by RLS). */
export interface TenantsService {
  current(ctx: RequestContext): Promise<Tenant>;
  /** Changes the caller's tenant settings (audited). */
  update(
    ctx: RequestContext,
    changes: { name?: string; timeZone?: string; mfaRequiredForAdmins?: boolean },
  ): Promise<Tenant>;
}

/**
 * Operator-only provisioning, across tenants. Used by the CLI (`switchboard tenants ...`) and
 * tests; never reachable from request handling.
 */
export interface TenantAdmin {
  create(input: NewTenant): Promise<Tenant>;
  list(): Promise<Tenant[]>;
  findBySlugOrId(ref: string): Promise<Tenant | undefined>;
}

export type UserKind = 'employee' | 'client';

/** A user as the API shows it. E-mail and name are decrypted only for this view. */
export interface User {
  /** `usr_...` */
  readonly id: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly kind: UserKind;
  readonly roles: readonly string[];
  readonly status: 'active' | 'disabled' | 'unverified';
  readonly mfaEnabled: boolean;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
}

export interface NewUser {
  readonly email: string;
  readonly password?: string | undefined;
  readonly displayName?: string | undefined;
  readonly kind: UserKind;
  readonly roles: readonly string[];
}

export interface UsersService {
  list(ctx: RequestContext): Promise<User[]>;
  get(ctx: RequestContext, userId: string): Promise<User>;
  create(ctx: RequestContext, input: NewUser): Promise<User>;
  setRoles(ctx: RequestContext, userId: string, roles: readonly string[]): Promise<User>;
  setStatus(ctx: RequestContext, userId: string, status: 'active' | 'disabled'): Promise<User>;
  /** Active employees whose roles grant `permission` (notifications to employees). */
  usersWithPermission(ctx: RequestContext, permission: string): Promise<User[]>;
}

/** Client sign-up with e-mail verification (the external surface's `/auth/sign-up`, `/auth/verify-email`). */
export interface SignUpInput {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
}

export interface EmailVerification {
  /**
   * A fresh single-use verification link for an unverified client (24 h; only its hash is kept):
   * `${publicUrl}/portal/verify-email?tenant=<slug>&token=<token>`, and the address to send it to.
   */
  issue(ctx: RequestContext, userId: string): Promise<{ readonly url: string; readonly email: string }>;
}

/** Where a sign-in came from, for the audit log. */
export interface ClientMeta {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent?: string | undefined;
}

export interface LoginInput {
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly totp?: string | undefined;
}

export interface TokenPair {
  readonly accessToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
  /** Absent for a session that must enrol a second factor before anything else. */
  readonly refreshToken?: string | undefined;
  /** True when the only thing this session may do is enrol TOTP (the tenant requires it). */
  readonly mfaEnrollmentRequired: boolean;
}

export interface AuthService {
  login(input: LoginInput, surface: 'internal' | 'external', meta: ClientMeta): Promise<TokenPair>;
  /**
   * The next token pair of a session. A session belongs to the surface it was signed in on: its
   * refresh token presented on the other surface is refused exactly like an unknown one.
   */
  refresh(refreshToken: string, surface: 'internal' | 'external', meta: ClientMeta): Promise<TokenPair>;
  /** Ends the session of a refresh token issued on `surface`; any other token is ignored. */
  logout(refreshToken: string, surface: 'internal' | 'external', meta: ClientMeta): Promise<void>;
  /** Revokes every refresh token of the caller ("sign out everywhere"). */
  logoutEverywhere(ctx: RequestContext): Promise<number>;
  /** Starts TOTP enrolment: a new secret, shown once as an otpauth:// URI. */
  startTotp(ctx: RequestContext): Promise<{ secret: string; otpauthUri: string }>;
  /** Confirms enrolment with a first code from the authenticator app. */
  confirmTotp(ctx: RequestContext, code: string): Promise<void>;
}

export interface ApiKey {
  /** `key_...` */
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A named state of a console list, private to the user who saved it. */
export interface SavedView {
  /** `view_...` */
  readonly id: string;
  /** Which list: `calls`, `users`… */
  readonly list: string;
  readonly name: string;
  /** The list's address query string (`sort=-duration&source=twilio&columns=…`), without `?`. */
  readonly state: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The caller's own saved views; every change is audited. */
export interface SavedViewsService {
  list(ctx: RequestContext, list: string): Promise<SavedView[]>;
  create(ctx: RequestContext, input: { list: string; name: string; state: string }): Promise<SavedView>;
  update(
    ctx: RequestContext,
    viewId: string,
    input: { name?: string | undefined; state?: string | undefined },
  ): Promise<SavedView>;
  remove(ctx: RequestContext, viewId: string): Promise<void>;
}

export interface ApiKeysService {
  /** The secret is in `key` and is never shown again. */
  create(
    ctx: RequestContext,
    input: { name: string; scopes: readonly string[]; expiresAt?: Date | undefined },
  ): Promise<{ apiKey: ApiKey; key: string }>;
  list(ctx: RequestContext): Promise<ApiKey[]>;
  revoke(ctx: RequestContext, apiKeyId: string): Promise<ApiKey>;
}

export interface IdentityProvider {
  /** `idp_...` */
  readonly id: string;
  readonly name: string;
  readonly surface: 'internal' | 'external';
  readonly issuer: string;
  readonly audience: string;
  readonly clientId: string | null;
  readonly tenantClaim: string | null;
  readonly tenantClaimValue: string | null;
  readonly rolesClaim: string | null;
  readonly roleMapping: Readonly<Record<string, string>>;
  readonly defaultRole: string | null;
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export type NewIdentityProvider = Omit<IdentityProvider, 'id' | 'createdAt'>;

export interface IdentityProvidersService {
  list(ctx: RequestContext): Promise<IdentityProvider[]>;
  create(ctx: RequestContext, input: NewIdentityProvider): Promise<IdentityProvider>;
  remove(ctx: RequestContext, providerId: string): Promise<void>;
}
