import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import type { FastifyRequest } from 'fastify';
import type { Authenticator, Principal, Surface } from '../../../platform/auth/index.js';
import type { Database } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { fromPublicId } from '../../../platform/ids.js';
import { IdentityErrors } from '../errors.js';
import { isRole, permissionsOf } from '../roles.js';
import { externalAlgorithms, mappedRoles, tenantClaimMatches } from '../identity-providers/claim-mapping.js';
import { providersForIssuer, type ProviderForIssuer } from '../identity-providers/identity-providers.repo.js';
import { audiences } from './auth.service.js';
import type { SigningKeys } from './signing-keys.service.js';

const maxTokenLength = 8_192;
const providerCacheMs = 60_000;

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, token] = header.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) return undefined;
  return token;
}

function explain(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof joseErrors.JWTExpired) return IdentityErrors.invalidToken('it has expired');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return IdentityErrors.invalidToken('the signature does not match');
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return IdentityErrors.invalidToken('it was signed by an unknown key');
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return IdentityErrors.invalidToken('its algorithm is not allowed');
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return IdentityErrors.invalidToken(`claim '${error.claim}' is not acceptable`);
  if (error instanceof joseErrors.JOSEError) return IdentityErrors.invalidToken('it is malformed');
  return IdentityErrors.invalidToken('it could not be verified');
}

/**
 * Bearer JWTs: our own access tokens (issuer = this platform, ES256, keys from our JWKS) and tokens
 * of the OIDC providers tenants configured (Entra ID, Auth0, Clerk, Keycloak...), validated against
 * each issuer's JWKS with issuer, audience, expiry and algorithm checks.
 */
export function createBearerTokenAuthenticator(deps: {
  database: Database;
  signingKeys: SigningKeys;
  /** Providers' discovery documents are fetched with this (tests point it at a local provider). */
  fetch?: typeof fetch;
}): Authenticator {
  const { database, signingKeys } = deps;
  const doFetch = deps.fetch ?? fetch;
  let localKeys: { at: number; get: JWTVerifyGetKey } | undefined;
  const remoteKeys = new Map<string, JWTVerifyGetKey>();
  const providers = new Map<string, { at: number; rows: ProviderForIssuer[] }>();

  async function localKeySet(fresh: boolean): Promise<JWTVerifyGetKey> {
    if (!fresh && localKeys && Date.now() - localKeys.at < providerCacheMs) return localKeys.get;
    localKeys = { at: Date.now(), get: createLocalJWKSet(await signingKeys.jwks({ fresh })) };
    return localKeys.get;
  }

  async function verifyLocal(token: string, surface: Surface): Promise<Principal> {
    const verify = async (fresh: boolean) =>
      jwtVerify(token, await localKeySet(fresh), {
        issuer: signingKeys.issuer,
        algorithms: ['ES256'],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp', 'tid'],
      });
    let result;
    try {
      result = await verify(false);
    } catch (error) {
      // A key rotated on another replica: look once more with fresh keys.
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      result = await verify(true);
    }
    const { payload } = result;
    const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audience.includes(audiences[surface])) throw IdentityErrors.wrongSurface();
    const tenantId = typeof payload.tid === 'string' ? fromPublicId('ten', payload.tid) : undefined;
    if (!tenantId || !payload.sub) throw IdentityErrors.invalidToken('it names no tenant or subject');
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is string => typeof r === 'string' && isRole(r))
      : [];
    const scope = typeof payload.scope === 'string' ? payload.scope.split(' ') : undefined;
    return {
      tenantId,
      actor: { type: 'user', id: payload.sub, roles },
      permissions: scope ? new Set(scope) : permissionsOf(roles),
    };
  }

  async function providersFor(issuer: string): Promise<ProviderForIssuer[]> {
    const cached = providers.get(issuer);
    if (cached && Date.now() - cached.at < providerCacheMs) return cached.rows;
    const rows = await providersForIssuer(database.app, issuer);
    providers.set(issuer, { at: Date.now(), rows });
    return rows;
  }

  async function remoteKeySet(issuer: string): Promise<JWTVerifyGetKey> {
    const known = remoteKeys.get(issuer);
    if (known) return known;
    const response = await doFetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw IdentityErrors.providerUnreachable(issuer);
    const discovery = (await response.json()) as { jwks_uri?: unknown; issuer?: unknown };
    if (typeof discovery.jwks_uri !== 'string' || discovery.issuer !== issuer) {
      throw IdentityErrors.providerDiscoveryUnusable(issuer);
    }
    // jose caches the key set and refetches it (with a cooldown) when a token names an unknown kid.
    const keys = createRemoteJWKSet(new URL(discovery.jwks_uri), {
      timeoutDuration: 5_000,
      cooldownDuration: 30_000,
    });
    remoteKeys.set(issuer, keys);
    return keys;
  }

  async function verifyExternal(
    token: string,
    issuer: string,
    surface: Surface,
  ): Promise<Principal | undefined> {
    const candidates = (await providersFor(issuer)).filter((p) => p.surface === surface);
    if (candidates.length === 0) return undefined;
    const keys = await remoteKeySet(issuer);
    let lastError: unknown;
    for (const provider of candidates) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer,
          audience: provider.audience,
          algorithms: externalAlgorithms,
        });
        if (!tenantClaimMatches(provider, payload)) {
          throw IdentityErrors.invalidToken(
            `claim '${provider.tenantClaim ?? ''}' does not match this tenant`,
          );
        }
        const roles = mappedRoles(provider, payload);
        return {
          tenantId: provider.tenantId,
          actor: { type: 'user', id: `oidc:${payload.sub ?? 'unknown'}`, roles },
          permissions: permissionsOf(roles),
        };
      } catch (error) {
        lastError = error;
      }
    }
    throw explain(lastError);
  }

  return {
    name: 'bearer-token',
    async authenticate(request, surface) {
      const token = bearerToken(request);
      // API keys may also come as a bearer token; the API key authenticator takes those.
      if (!token || token.startsWith('key_')) return undefined;
      if (token.length > maxTokenLength) throw IdentityErrors.invalidToken('it is too long');
      let issuer: string | undefined;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw IdentityErrors.invalidToken('it is not a JWT');
      }
      try {
        if (issuer === signingKeys.issuer) return await verifyLocal(token, surface);
        const principal = issuer ? await verifyExternal(token, issuer, surface) : undefined;
        if (!principal) throw IdentityErrors.invalidToken('its issuer is not configured for this API');
        return principal;
      } catch (error) {
        throw explain(error);
      }
    },
  };
}
