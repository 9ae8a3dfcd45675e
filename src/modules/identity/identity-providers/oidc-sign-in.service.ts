import type { JWTPayload } from 'jose';
import type { AuditContext, AuditLog } from '../../../platform/audit/index.js';
import type { Surface } from '../../../platform/auth/index.js';
import type { Keyring } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId, toPublicId } from '../../../platform/ids.js';
import type { SecretReader } from '../../../platform/secrets/index.js';
import { mappedRoles, tenantClaimMatches } from './claim-mapping.js';
import type { ClientMeta, TokenPair } from '../contract.js';
import { IdentityErrors } from '../errors.js';
import type { IdentityTables, IdentityTransaction } from '../db/identity.tables.js';
import { clientRoles, employeeRoles, privilegedRoles } from '../roles.js';
import { mfaRequiredForAdmins, tenantIdBySlug } from '../tenants/tenants.repo.js';
import { findUser, findUserByEmailIndex, type UserRow } from '../users/users.repo.js';
import { emailIndex, insertUserRow } from '../users/users.service.js';
import type { SessionIssuer } from '../auth/session-issuer.js';
import {
  findOidcLink,
  findOidcLinkOfUser,
  findProvider,
  listProviders,
  recordOidcSignIn,
  type ProviderRow,
} from './identity-providers.repo.js';
import type { OidcClient } from './oidc-client.js';

type Tx = IdentityTransaction;

/** A "Sign in with <name>" button: nothing about the provider beyond what the button shows. */
export interface SignInOption {
  /** `idp_...` */
  readonly id: string;
  readonly name: string;
}

export interface OidcStart {
  readonly tenant: string;
  readonly providerId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly state: string;
  readonly nonce: string;
}

export interface OidcExchange {
  readonly tenant: string;
  readonly providerId: string;
  readonly code: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly nonce: string;
  /** The `iss` of the authorisation response (RFC 9207), when the provider sent one. */
  readonly iss?: string | undefined;
}

export interface OidcSignInService {
  /** The enabled console sign-in providers of a tenant; none for a tenant that does not exist. */
  options(tenant: string): Promise<SignInOption[]>;
  /** The provider's authorisation URL for a browser that holds the PKCE verifier, state and nonce. */
  start(input: OidcStart): Promise<{ authorizationUrl: string }>;
  /** Redeems the code at the provider, checks the ID token, finds or provisions the user, and opens a session. */
  exchange(input: OidcExchange, meta: ClientMeta): Promise<TokenPair>;
}

/** Name of the tenant secret holding a provider's client secret (only for confidential clients). */
export const clientSecretName = (providerPublicId: string) => `oidc.${providerPublicId}.client_secret`;

/** RFC 8176 method values that show a factor beyond a password. */
const secondFactorMethods = new Set([
  'mfa',
  'mca',
  'otp',
  'hwk',
  'swk',
  'sms',
  'tel',
  'sc',
  'fpt',
  'face',
  'iris',
  'retina',
  'vbm',
]);

function reportsSecondFactor(claims: JWTPayload): boolean {
  return (
    Array.isArray(claims.amr) && claims.amr.some((m) => typeof m === 'string' && secondFactorMethods.has(m))
  );
}

const emailShape = /^[^\s@]+@[^\s@]+$/;

function emailOf(claims: JWTPayload): { address: string; verified: boolean } | undefined {
  const address = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (!emailShape.test(address) || address.length > 320) return undefined;
  // Some providers (Cognito, older Auth0 rules) send the flag as a string.
  return { address, verified: claims.email_verified === true || claims.email_verified === 'true' };
}

/**
 * The one name Switchboard shortens rather than refuses: it comes from the provider's token, not
 * from a person at a form, and refusing it would refuse the sign-in. Cut by code point, so an
 * emoji or other astral character at the limit is dropped whole instead of halved.
 */
function displayNameOf(claims: JWTPayload): string | undefined {
  const name = typeof claims.name === 'string' ? claims.name.trim() : '';
  if (!name) return undefined;
  let kept = '';
  // The users route's limit (200 UTF-16 units, as zod and the console count), never splitting a pair.
  for (const character of name) {
    if (kept.length + character.length > 200) break;
    kept += character;
  }
  return kept;
}

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * "Sign in with <provider>" for the console: the browser runs the authorisation request (PKCE
 * verifier, state and nonce never leave it until the exchange), the server redeems the code and
 * turns a verified ID token into an ordinary Switchboard session, the same as a password sign-in
 * makes, so renewal, rotation and "sign out everywhere" work alike.
 */
export function createOidcSignInService(deps: {
  database: Database;
  keyring: Keyring;
  audit: AuditLog;
  oidc: OidcClient;
  sessions: SessionIssuer;
  /**
   * `<public URL>/auth/callback` (the console) or `<public URL>/portal/auth/callback` (the client
   * portal): the only redirect URI the front end of this surface may use.
   */
  callbackUrl: string;
  /**
   * Whose sign-in this is: 'internal' (default) offers the tenant's internal providers to
   * employees; 'external' offers its external (consumer) providers to clients of the portal.
   */
  surface?: Surface | undefined;
  /** Reads `oidc.<idp id>.client_secret` for providers that want a client secret; absent = public clients only. */
  clientSecrets?: SecretReader | undefined;
}): OidcSignInService {
  const { database, keyring, audit, oidc, sessions, callbackUrl, clientSecrets } = deps;
  const surface = deps.surface ?? 'internal';
  const userKind = surface === 'internal' ? ('employee' as const) : ('client' as const);
  const inTenant = <T>(tenantId: string, fn: (trx: Tx) => Promise<T>) =>
    database.withTenant<IdentityTables, T>({ tenantId }, fn);

  const tenantIdOf = (slug: string) => tenantIdBySlug(database.app, slug);

  const offered = (row: ProviderRow): row is ProviderRow & { clientId: string } =>
    row.enabled && row.surface === surface && Boolean(row.clientId);

  async function providerOf(
    tenant: string,
    providerId: string,
  ): Promise<{ tenantId: string; provider: ProviderRow & { clientId: string } }> {
    const tenantId = await tenantIdOf(tenant);
    const uuid = fromPublicId('idp', providerId);
    const provider =
      tenantId && uuid ? await inTenant(tenantId, (trx) => findProvider(trx, uuid)) : undefined;
    if (!tenantId || !provider || !offered(provider)) throw IdentityErrors.signInProviderNotFound();
    return { tenantId, provider };
  }

  function checkRedirectUri(redirectUri: string): void {
    // Exact match: the code must only ever be delivered to this console (no open redirect).
    if (redirectUri !== callbackUrl) throw IdentityErrors.oidcRedirectUri(callbackUrl);
  }

  function auditContext(tenantId: string, meta: ClientMeta, actorId: string): AuditContext {
    return {
      tenantId,
      requestId: meta.requestId,
      clientIp: meta.ip,
      actor: { type: 'user', id: actorId, roles: [] },
    };
  }

  async function provision(
    trx: Tx,
    tenantId: string,
    provider: ProviderRow,
    claims: JWTPayload,
    meta: ClientMeta,
  ): Promise<UserRow> {
    const email = emailOf(claims);
    if (!email) throw IdentityErrors.oidcEmailMissing();
    const allowed: readonly string[] = userKind === 'employee' ? employeeRoles : clientRoles;
    const mapped = mappedRoles(provider, claims).filter((r) => allowed.includes(r));
    // A client has one role; a consumer provider need not map any to let its people shop.
    const roles = mapped.length === 0 && userKind === 'client' ? ['client'] : mapped;
    if (roles.length === 0) throw IdentityErrors.oidcNoRole();
    const ctx: AuditContext = {
      tenantId,
      requestId: meta.requestId,
      clientIp: meta.ip,
      actor: { type: 'system', id: 'oidc-sign-in' },
    };
    // No password: this person signs in through the provider (an admin may still set one later).
    const user = await insertUserRow(
      trx,
      { keyring, audit },
      ctx,
      {
        kind: userKind,
        email: email.address,
        displayName: displayNameOf(claims) ?? null,
        passwordHash: null,
        roles,
      },
      { provisionedBy: toPublicId('idp', provider.id) },
    );
    return user;
  }

  /** The user this provider account is: linked before, else the same verified e-mail, else a new one. */
  async function userFor(
    trx: Tx,
    tenantId: string,
    provider: ProviderRow,
    claims: JWTPayload & { sub: string },
    meta: ClientMeta,
  ) {
    const link = await findOidcLink(trx, provider.id, claims.sub);
    if (link) {
      const user = await findUser(trx, link.userId);
      if (!user)
        throw new Error(
          `the OIDC link of ${toPublicId('idp', provider.id)} names a user that does not exist`,
        );
      return { user, via: 'subject' as const };
    }
    const email = emailOf(claims);
    const existing = email
      ? await findUserByEmailIndex(trx, await emailIndex(keyring, tenantId, email.address))
      : undefined;
    if (existing) {
      // Only an address the provider vouches for may take over an existing account.
      if (!email?.verified) throw IdentityErrors.oidcEmailUnverified();
      if (await findOidcLinkOfUser(trx, provider.id, existing.id)) throw IdentityErrors.oidcAlreadyLinked();
    }
    const user = existing ?? (await provision(trx, tenantId, provider, claims, meta));
    return { user, via: existing ? ('email' as const) : ('provisioned' as const) };
  }

  async function signIn(
    tenantId: string,
    provider: ProviderRow & { clientId: string },
    input: OidcExchange,
    meta: ClientMeta,
  ): Promise<TokenPair> {
    const discovery = await oidc.discover(provider.issuer);
    if (
      input.iss !== undefined &&
      withoutTrailingSlash(input.iss) !== withoutTrailingSlash(discovery.issuer)
    ) {
      throw IdentityErrors.oidcInvalidIdToken('the authorisation response came from another issuer', 'iss');
    }
    const providerPublicId = toPublicId('idp', provider.id);
    const clientSecret = await clientSecrets?.read({ tenantId }, clientSecretName(providerPublicId));
    const idToken = await oidc.exchangeCode(discovery, {
      clientId: provider.clientId,
      clientSecret,
      code: input.code,
      codeVerifier: input.codeVerifier,
      redirectUri: input.redirectUri,
    });
    const claims = await oidc.verifyIdToken(discovery, idToken, {
      clientId: provider.clientId,
      nonce: input.nonce,
    });
    if (!tenantClaimMatches(provider, claims))
      throw IdentityErrors.oidcWrongTenant(provider.tenantClaim ?? '');
    const subjectClaims = claims as JWTPayload & { sub: string };

    const attempt = () =>
      inTenant(tenantId, async (trx) => {
        const { user, via } = await userFor(trx, tenantId, provider, subjectClaims, meta);
        if (user.kind !== userKind)
          throw userKind === 'employee' ? IdentityErrors.oidcNotEmployee() : IdentityErrors.oidcNotClient();
        if (user.status !== 'active') throw IdentityErrors.oidcAccountDisabled();
        const privileged = user.roles.some((r) => (privilegedRoles as readonly string[]).includes(r));
        if (privileged && (await mfaRequiredForAdmins(trx)) && !reportsSecondFactor(claims))
          throw IdentityErrors.oidcMfaRequired();
        await recordOidcSignIn(trx, {
          providerId: provider.id,
          subject: subjectClaims.sub,
          tenantId,
          userId: user.id,
        });
        const ctx = auditContext(tenantId, meta, toPublicId('usr', user.id));
        await audit.append(trx, ctx, {
          action: 'auth.oidc_login',
          target: { type: 'user', id: ctx.actor.id },
          details: {
            provider: providerPublicId,
            surface,
            via,
            ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 200) } : {}),
          },
        });
        return sessions.issue(trx, user, surface, undefined, false);
      });
    try {
      return await attempt();
    } catch (error) {
      // Two first sign-ins of one person at once: the loser finds the link (or the account) the winner made.
      if ((error as { code?: string }).code === '23505') return attempt();
      throw error;
    }
  }

  return {
    async options(tenant) {
      const tenantId = await tenantIdOf(tenant);
      if (!tenantId) return [];
      const rows = await inTenant(tenantId, (trx) => listProviders(trx, 'name'));
      return rows.filter(offered).map((row) => ({ id: toPublicId('idp', row.id), name: row.name }));
    },

    async start(input) {
      checkRedirectUri(input.redirectUri);
      const { provider } = await providerOf(input.tenant, input.providerId);
      const discovery = await oidc.discover(provider.issuer);
      return {
        authorizationUrl: oidc.authorizationUrl(discovery, {
          clientId: provider.clientId,
          redirectUri: input.redirectUri,
          state: input.state,
          nonce: input.nonce,
          codeChallenge: input.codeChallenge,
        }),
      };
    },

    async exchange(input, meta) {
      checkRedirectUri(input.redirectUri);
      const { tenantId, provider } = await providerOf(input.tenant, input.providerId);
      try {
        return await signIn(tenantId, provider, input, meta);
      } catch (error) {
        const reason = error instanceof AppError ? error.code : 'internal';
        await audit
          .record(auditContext(tenantId, meta, 'anonymous'), {
            action: 'auth.oidc_login.failed',
            details: {
              provider: toPublicId('idp', provider.id),
              reason,
              ...(meta.userAgent ? { userAgent: meta.userAgent.slice(0, 200) } : {}),
            },
          })
          .catch(() => undefined);
        throw error;
      }
    },
  };
}
