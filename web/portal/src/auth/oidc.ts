import { authApi } from '@portal/api/portal-api';

/*
 * "Sign in with <consumer provider>" (authorisation code + PKCE), as the console does it: the tab
 * makes the verifier, state and nonce and keeps them in sessionStorage; the server gets only the
 * S256 challenge to start and redeems the code at the provider in the exchange.
 */

export interface PendingSignIn {
  readonly tenant: string;
  readonly providerId: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly redirect?: string | undefined;
}

const pendingKey = 'switchboard.portal.signIn.pending.v1';

/** Where the provider sends the browser back: `<public URL>/portal/auth/callback`. */
export const callbackUrl = () => `${window.location.origin}/portal/auth/callback`;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const randomToken = (bytes = 32) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export async function beginProviderSignIn(input: {
  tenant: string;
  providerId: string;
  redirect?: string | undefined;
}): Promise<void> {
  const pending: PendingSignIn = {
    ...input,
    state: randomToken(24),
    nonce: randomToken(24),
    codeVerifier: randomToken(32),
  };
  const { authorizationUrl } = await authApi.oidcStart({
    tenant: pending.tenant,
    providerId: pending.providerId,
    redirectUri: callbackUrl(),
    codeChallenge: await pkceChallenge(pending.codeVerifier),
    state: pending.state,
    nonce: pending.nonce,
  });
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  window.location.assign(authorizationUrl);
}

/** The sign-in this tab started, removed as it is read: a callback completes once. */
export function takePendingSignIn(): PendingSignIn | null {
  const raw = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<PendingSignIn>;
    return typeof value.state === 'string' && typeof value.codeVerifier === 'string'
      ? (value as PendingSignIn)
      : null;
  } catch {
    return null;
  }
}

/** A post-sign-in destination, only a path of the portal (never another site). */
export function safeRedirect(target: string | undefined): string {
  if (!target) return '/';
  try {
    const url = new URL(target, window.location.origin);
    if (url.origin !== window.location.origin) return '/';
    const path = url.pathname.replace(/^\/portal/, '') || '/';
    if (path.startsWith('/sign-in') || path.startsWith('/auth/')) return '/';
    return `${path}${url.search}`;
  } catch {
    return '/';
  }
}
