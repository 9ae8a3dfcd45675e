import { ApiError } from '@/api/problem';
import {
  createSessionManager,
  type Session,
  type SessionManager,
  type SessionStore,
  type TokenPair,
} from '@/api/session';

/*
 * The portal's session and its calls to the external API (/ext/v1). This module also stands in
 * for the console's `@/api/client` inside the shared kit (see vite.config.ts), so the kit's event
 * streams and downloads carry the client's token, never an employee's.
 */

/** Apart from the console's key: one browser may hold an employee's and a client's session. */
const storageKey = 'switchboard.portal.session.v1';

function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (
      value.kind === 'signedIn' &&
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string' &&
      typeof value.tenant === 'string' &&
      typeof value.expiresAt === 'number' &&
      typeof value.renewAt === 'number'
    )
      return value as Session;
  } catch {
    // a damaged entry is no session
  }
  return null;
}

function portalSessionStore(storage: Storage = window.localStorage, target: Window = window): SessionStore {
  return {
    read: () => parseSession(storage.getItem(storageKey)),
    write(next) {
      if (next) storage.setItem(storageKey, JSON.stringify(next));
      else storage.removeItem(storageKey);
    },
    onExternalChange(listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === storageKey || event.key === null) listener();
      };
      target.addEventListener('storage', onStorage);
      return () => target.removeEventListener('storage', onStorage);
    },
  };
}

/** One renewal at a time across the portal's tabs (refresh tokens rotate: a used one ends the session). */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return work();
  return await navigator.locks.request('switchboard.portal.session.renew', work);
}

const send = (request: Request) =>
  globalThis.fetch(request).catch((error: unknown) => Promise.reject(ApiError.network(error)));

async function postPublic(path: string, body: unknown): Promise<Response> {
  return send(
    new Request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export const session: SessionManager = createSessionManager({
  store: portalSessionStore(),
  exclusive,
  async exchange(refreshToken): Promise<TokenPair | 'rejected'> {
    const response = await postPublic('/ext/v1/auth/refresh', { refreshToken });
    if (response.ok) return (await response.json()) as TokenPair;
    if (response.status === 401 || response.status === 400) return 'rejected';
    throw new Error(`refresh answered ${response.status}`);
  },
  async revoke(refreshToken) {
    await postPublic('/ext/v1/auth/logout', { refreshToken });
  },
});

/**
 * Adds the session's bearer token to a call, and when the API answers 401 to it, renews the
 * session once and repeats the call (a token can expire between the check and the server).
 */
export function authorisingFetch(manager: SessionManager): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.headers.has('authorization')) return send(request);
    const token = await manager.accessToken();
    if (!token) return send(request);
    const again = request.clone();
    request.headers.set('authorization', `Bearer ${token}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    const renewed = await manager.afterUnauthorized(token);
    if (!renewed) return response;
    again.headers.set('authorization', `Bearer ${renewed}`);
    return send(again);
  };
}

const authorised = authorisingFetch(session);

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sign-in, sign-up, e-mail verification: no token. */
  readonly public?: boolean;
}

/** A path under /ext/v1 with its query (empty values left out). */
export function extPath(path: string, query?: CallOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/ext/v1${path}${search ? `?${search}` : ''}`;
}

/** Calls the external API; the JSON answer, or an ApiError carrying its problem+json. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const request = new Request(extPath(path, options.query), {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const response = await (options.public ? send(request) : authorised(request));
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw ApiError.fromResponse(response, body);
  return body as T;
}
