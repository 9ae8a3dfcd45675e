import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AppError } from '../../../platform/errors.js';
import { externalAlgorithms } from './claim-mapping.js';
import { IdentityErrors } from '../errors.js';

/** What sign-in needs from a provider's `/.well-known/openid-configuration`. */
export interface OidcDiscovery {
  /** Exactly as the provider spells it (ID tokens carry this `iss`). */
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
  readonly tokenEndpointAuthMethods: readonly string[];
}

export interface AuthorizationRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly nonce: string;
  /** BASE64URL(SHA-256(code_verifier)); the verifier stays in the browser until the exchange. */
  readonly codeChallenge: string;
}

export interface CodeExchange {
  readonly clientId: string;
  /** Only for providers that treat the console as a confidential client. */
  readonly clientSecret?: string | undefined;
  readonly code: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
}

export interface OidcClient {
  discover(issuer: string): Promise<OidcDiscovery>;
  authorizationUrl(discovery: OidcDiscovery, request: AuthorizationRequest): string;
  /** The ID token the token endpoint returns for an authorisation code. */
  exchangeCode(discovery: OidcDiscovery, exchange: CodeExchange): Promise<string>;
  /** Signature (provider's JWKS, asymmetric algorithms only), issuer, audience, expiry, nonce and azp. */
  verifyIdToken(
    discovery: OidcDiscovery,
    idToken: string,
    expected: { clientId: string; nonce: string },
  ): Promise<JWTPayload>;
}

export const signInScope = 'openid email profile';

const discoveryCacheMs = 10 * 60_000;
const timeoutMs = 10_000;
/** Allowed clock difference between us and the provider for iat/exp. */
const clockToleranceSeconds = 60;

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

function stringField(document: Record<string, unknown>, name: string): string | undefined {
  const value = document[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function idTokenProblem(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof joseErrors.JWTExpired) return IdentityErrors.oidcInvalidIdToken('it has expired');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return IdentityErrors.oidcInvalidIdToken('the signature does not match');
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return IdentityErrors.oidcInvalidIdToken('it was signed by an unknown key');
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return IdentityErrors.oidcInvalidIdToken('its algorithm is not allowed');
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return IdentityErrors.oidcInvalidIdToken(`claim '${error.claim}' is not acceptable`);
  if (error instanceof joseErrors.JOSEError) return IdentityErrors.oidcInvalidIdToken('it is malformed');
  return IdentityErrors.oidcInvalidIdToken('it could not be verified');
}

/**
 * The relying-party side of OpenID Connect's authorisation code flow with PKCE (S256), as the
 * console's sign-in needs it. Discovery documents are cached for ten minutes; key sets are
 * jose's remote sets (cached, refetched when a token names an unknown key).
 */
export function createOidcClient(deps: { fetch?: typeof fetch } = {}): OidcClient {
  const doFetch = deps.fetch ?? fetch;
  const discoveries = new Map<string, { at: number; value: OidcDiscovery }>();
  const keySets = new Map<string, JWTVerifyGetKey>();

  function keysOf(discovery: OidcDiscovery): JWTVerifyGetKey {
    let keys = keySets.get(discovery.jwksUri);
    if (!keys) {
      // The same fetch as discovery, so tests (and proxies) reach the provider the same way.
      keys = createRemoteJWKSet(new URL(discovery.jwksUri), {
        timeoutDuration: 5_000,
        cooldownDuration: 30_000,
        ...(deps.fetch ? { [customFetch]: deps.fetch } : {}),
      });
      keySets.set(discovery.jwksUri, keys);
    }
    return keys;
  }

  return {
    async discover(issuer) {
      const cached = discoveries.get(issuer);
      if (cached && Date.now() - cached.at < discoveryCacheMs) return cached.value;
      let document: Record<string, unknown>;
      try {
        const response = await doFetch(`${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`, {
          headers: { accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!response.ok) throw IdentityErrors.providerUnreachable(issuer);
        document = (await response.json()) as Record<string, unknown>;
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw IdentityErrors.providerUnreachable(issuer);
      }
      const announced = stringField(document, 'issuer');
      const authorizationEndpoint = stringField(document, 'authorization_endpoint');
      const tokenEndpoint = stringField(document, 'token_endpoint');
      const jwksUri = stringField(document, 'jwks_uri');
      if (!announced || withoutTrailingSlash(announced) !== withoutTrailingSlash(issuer)) {
        throw IdentityErrors.providerMisconfigured(issuer, 'its discovery document names another issuer');
      }
      if (!authorizationEndpoint || !tokenEndpoint || !jwksUri) {
        throw IdentityErrors.providerMisconfigured(
          issuer,
          'its discovery document lacks an authorisation, token or JWKS endpoint',
        );
      }
      const challengeMethods = document.code_challenge_methods_supported;
      if (Array.isArray(challengeMethods) && !challengeMethods.includes('S256')) {
        throw IdentityErrors.providerMisconfigured(issuer, 'it does not support PKCE with S256');
      }
      const authMethods = document.token_endpoint_auth_methods_supported;
      const value: OidcDiscovery = {
        issuer: announced,
        authorizationEndpoint,
        tokenEndpoint,
        jwksUri,
        tokenEndpointAuthMethods: Array.isArray(authMethods)
          ? authMethods.filter((m): m is string => typeof m === 'string')
          : [],
      };
      discoveries.set(issuer, { at: Date.now(), value });
      return value;
    },

    authorizationUrl(discovery, request) {
      // Keeps any query the provider's endpoint already has (Azure AD B2C's ?p=<policy>).
      const url = new URL(discovery.authorizationEndpoint);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', request.clientId);
      url.searchParams.set('redirect_uri', request.redirectUri);
      url.searchParams.set('scope', signInScope);
      url.searchParams.set('state', request.state);
      url.searchParams.set('nonce', request.nonce);
      url.searchParams.set('code_challenge', request.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      return url.toString();
    },

    async exchangeCode(discovery, exchange) {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      });
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      const methods = discovery.tokenEndpointAuthMethods;
      if (exchange.clientSecret && (methods.length === 0 || methods.includes('client_secret_basic'))) {
        // RFC 6749 2.3.1: both parts form-encoded before base64.
        const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
        headers.authorization = `Basic ${Buffer.from(`${encode(exchange.clientId)}:${encode(exchange.clientSecret)}`).toString('base64')}`;
      } else {
        body.set('client_id', exchange.clientId);
        if (exchange.clientSecret) body.set('client_secret', exchange.clientSecret);
      }
      let response: Response;
      let answer: Record<string, unknown>;
      try {
        response = await doFetch(discovery.tokenEndpoint, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      } catch {
        throw IdentityErrors.providerUnreachable(discovery.issuer);
      }
      if (!response.ok) {
        const error = stringField(answer, 'error') ?? `HTTP ${response.status}`;
        // A code that is wrong, spent or expired, or a verifier that does not match its challenge.
        if (error === 'invalid_grant') throw IdentityErrors.oidcCodeRejected(error);
        if (error === 'invalid_client' || error === 'unauthorized_client') {
          throw IdentityErrors.providerMisconfigured(
            discovery.issuer,
            `its token endpoint refused our client (${error})`,
          );
        }
        if (response.status >= 500) throw IdentityErrors.providerUnreachable(discovery.issuer);
        throw IdentityErrors.oidcCodeRejected(error);
      }
      const idToken = stringField(answer, 'id_token');
      if (!idToken)
        throw IdentityErrors.providerMisconfigured(
          discovery.issuer,
          'its token endpoint returned no ID token (is the scope openid allowed?)',
        );
      return idToken;
    },

    async verifyIdToken(discovery, idToken, expected) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(idToken, keysOf(discovery), {
          issuer: discovery.issuer,
          audience: expected.clientId,
          algorithms: externalAlgorithms,
          requiredClaims: ['sub', 'iat', 'exp'],
          clockTolerance: clockToleranceSeconds,
        }));
      } catch (error) {
        throw idTokenProblem(error);
      }
      if (payload.nonce !== expected.nonce)
        throw IdentityErrors.oidcInvalidIdToken('its nonce is not the one this sign-in sent', 'nonce');
      // With several audiences, the token must say it was issued to us (OIDC Core 3.1.3.7).
      if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
        throw IdentityErrors.oidcInvalidIdToken(`claim 'azp' is not this client`);
      }
      if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
        throw IdentityErrors.oidcInvalidIdToken(`claim 'sub' is not usable`);
      }
      return payload;
    },
  };
}
