import { publicApi, unwrap } from '@/api/client';
import { isApiError } from '@/api/problem';
import type { Schema } from '@/api/types';
import type { paths } from '@/api/schema.gen';
import type { TokenPair } from '@/api/session';
import { formatWait } from '@/kit/format';
import { messagesNow } from '@/i18n';
import { authMessages } from './auth.messages';

/*
 * "Sign in with <provider>": authorisation code + PKCE, with the secrets kept in this tab.
 *
 * Before leaving for the provider the tab makes a PKCE verifier, a state and a nonce (WebCrypto),
 * keeps them in sessionStorage (this tab only), and sends only the S256 challenge, the state and
 * the nonce to POST /auth/oidc/start, which answers the provider's authorisation URL. The provider
 * sends the browser back to /auth/callback?code&state; the callback page checks the state against
 * the one this tab kept, then hands code, verifier and nonce to POST /auth/oidc/exchange, which
 * redeems the code at the provider and answers an ordinary Switchboard token pair.
 */

export type SignInOption = Schema<'SignInOption'>;
type StartBody = NonNullable<
  paths['/api/v1/auth/oidc/start']['post']['requestBody']
>['content']['application/json'];
export type ExchangeBody = NonNullable<
  paths['/api/v1/auth/oidc/exchange']['post']['requestBody']
>['content']['application/json'];

/** What the tab remembers between leaving for the provider and coming back. */
export interface PendingSignIn {
  readonly tenant: string;
  readonly providerId: string;
  readonly providerName: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** Where to go once signed in (a path of this console). */
  readonly redirect?: string | undefined;
  /** Epoch ms. */
  readonly startedAt: number;
}

const pendingKey = 'switchboard.signIn.pending.v1';
/** A round trip through the provider that takes longer than this is not resumed. */
export const pendingLifetimeMs = 15 * 60_000;

/** Where the provider sends the browser back; the administrator registers it at the provider. */
export function callbackUrl(origin: string = window.location.origin): string {
  return `${origin}/auth/callback`;
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes, base64url: 32 make a 43-character PKCE verifier. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The PKCE S256 challenge: BASE64URL(SHA-256(ASCII(verifier))). */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function savePendingSignIn(pending: PendingSignIn, storage = sessionStore()): void {
  if (!storage)
    throw new Error(
      'This browser does not let the console keep the sign-in in progress (session storage is off).',
    );
  storage.setItem(pendingKey, JSON.stringify(pending));
}

/** The sign-in this tab started, removed as it is read: a callback can be completed once. */
export function takePendingSignIn(storage = sessionStore()): PendingSignIn | null {
  const raw = storage?.getItem(pendingKey) ?? null;
  storage?.removeItem(pendingKey);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof PendingSignIn, unknown>>;
    const strings = (
      ['tenant', 'providerId', 'providerName', 'state', 'nonce', 'codeVerifier'] as const
    ).every((k) => typeof value[k] === 'string');
    if (!strings || typeof value.startedAt !== 'number') return null;
    return value as PendingSignIn;
  } catch {
    return null;
  }
}

export function listSignInOptions(tenant: string): Promise<SignInOption[]> {
  return unwrap(publicApi.GET('/api/v1/auth/providers', { params: { query: { tenant } } })).then(
    (answer) => answer.items,
  );
}

export interface BeginDeps {
  readonly start: (body: StartBody) => Promise<{ authorizationUrl: string }>;
  /** Leaves for the provider. */
  readonly go: (url: string) => void;
  readonly now?: () => number;
  readonly storage?: Storage | undefined;
}

const browserBegin: BeginDeps = {
  start: (body) => unwrap(publicApi.POST('/api/v1/auth/oidc/start', { body })),
  go: (url) => window.location.assign(url),
};

/** Prepares PKCE, state and nonce, keeps them in this tab, and sends the browser to the provider. */
export async function beginProviderSignIn(
  input: { tenant: string; option: SignInOption; redirect?: string | undefined },
  deps: BeginDeps = browserBegin,
): Promise<void> {
  const pending: PendingSignIn = {
    tenant: input.tenant,
    providerId: input.option.id,
    providerName: input.option.name,
    state: randomToken(24),
    nonce: randomToken(24),
    codeVerifier: randomToken(32),
    redirect: input.redirect,
    startedAt: (deps.now ?? Date.now)(),
  };
  const { authorizationUrl } = await deps.start({
    tenant: pending.tenant,
    providerId: pending.providerId,
    redirectUri: callbackUrl(),
    codeChallenge: await pkceChallenge(pending.codeVerifier),
    state: pending.state,
    nonce: pending.nonce,
  });
  savePendingSignIn(pending, deps.storage ?? sessionStore());
  deps.go(authorizationUrl);
}

export function exchangeCode(body: ExchangeBody): Promise<TokenPair> {
  return unwrap(publicApi.POST('/api/v1/auth/oidc/exchange', { body }));
}

/** Why a provider sign-in did not finish, in words for the person who tried. */
export interface SignInProblem {
  readonly title: string;
  readonly message: string;
}

export type CallbackOutcome =
  | { readonly kind: 'exchange'; readonly body: ExchangeBody }
  | { readonly kind: 'failed'; readonly problem: SignInProblem };

/** The callback's query (code, state, or error) checked against the sign-in this tab started. */
export function readCallback(
  query: URLSearchParams,
  pending: PendingSignIn | null,
  now: number = Date.now(),
): CallbackOutcome {
  const failed = (title: string, message: string): CallbackOutcome => ({
    kind: 'failed',
    problem: { title, message },
  });
  const m = messagesNow(authMessages).providers;
  if (!pending) return failed(m.cannotFinish, m.notThisTab);
  const provider = pending.providerName;
  // Checked before anything else the answer says: an answer for another sign-in is ignored, errors included.
  if (query.get('state') !== pending.state) {
    return failed(m.cannotFinish, m.otherSignIn(provider));
  }
  const error = query.get('error');
  if (error === 'access_denied') {
    return failed(m.didNotSignIn(provider), m.declined(provider));
  }
  if (error) {
    const description = query.get('error_description');
    return failed(m.didNotSignIn(provider), m.answered(provider, description ?? error));
  }
  if (now - pending.startedAt > pendingLifetimeMs) {
    return failed(m.tooLongTitle, m.tooLong);
  }
  const code = query.get('code');
  if (!code) return failed(m.didNotSignIn(provider), m.noCode(provider));
  const iss = query.get('iss');
  return {
    kind: 'exchange',
    body: {
      tenant: pending.tenant,
      providerId: pending.providerId,
      code,
      codeVerifier: pending.codeVerifier,
      redirectUri: callbackUrl(),
      nonce: pending.nonce,
      ...(iss ? { iss } : {}),
    },
  };
}

/** What to say when the server refuses to start or finish a provider sign-in. */
export function providerSignInProblem(error: unknown, providerName: string, tenant: string): SignInProblem {
  const m = messagesNow(authMessages).providers;
  const title = m.failedTitle(providerName);
  if (!isApiError(error)) return { title, message: m.unknown };
  switch (error.code) {
    case 'IDENTITY_OIDC_CODE_REJECTED':
      return { title, message: m.codeRejected(providerName) };
    case 'IDENTITY_OIDC_INVALID_ID_TOKEN':
      return { title, message: m.invalidToken(providerName) };
    case 'IDENTITY_OIDC_WRONG_TENANT':
      return { title, message: m.wrongTenant(providerName, tenant) };
    case 'IDENTITY_OIDC_NO_ROLE':
      return { title, message: m.noRole(providerName, tenant) };
    case 'IDENTITY_PROVIDER_NOT_FOUND':
      return { title, message: m.providerGone(providerName, tenant) };
    case 'IDENTITY_OIDC_REDIRECT_URI':
      return { title, message: m.redirectUri(error.message) };
    case 'RATE_LIMITED':
      return {
        title,
        message: messagesNow(authMessages).form.rateLimited(
          error.retryAfterSeconds
            ? formatWait(error.retryAfterSeconds)
            : messagesNow(authMessages).form.inAMinute,
        ),
      };
    default:
      // The server's own words: written for people (disabled account, second factor, unreachable provider).
      return { title, message: error.message };
  }
}
