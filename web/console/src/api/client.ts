import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './problem';
import type { paths } from './schema.gen';
import {
  createSessionManager,
  localStorageSessionStore,
  webLocksExclusive,
  type SessionManager,
  type TokenPair,
} from './session';

export type Api = Client<paths>;

/**
 * Adds the session's bearer token to every call, and when the API answers 401 to it, renews the
 * session once and repeats the call (a token can expire between the check and the server).
 */
export function authorisingFetch(session: SessionManager): (request: Request) => Promise<Response> {
  return async (request) => {
    const send = (r: Request) =>
      globalThis.fetch(r).catch((error: unknown) => Promise.reject(ApiError.network(error)));
    if (request.headers.has('authorization')) return send(request);
    const token = await session.accessToken();
    if (!token) return send(request);
    const again = request.clone();
    request.headers.set('authorization', `Bearer ${token}`);
    const response = await send(request);
    if (response.status !== 401) return response;
    const renewed = await session.afterUnauthorized(token);
    if (!renewed) return response;
    again.headers.set('authorization', `Bearer ${renewed}`);
    return send(again);
  };
}

/** Calls that need no session: sign-in, renewal, sign-out. */
export const publicApi: Api = createClient<paths>({
  baseUrl: '',
  fetch: (request) =>
    globalThis.fetch(request).catch((error: unknown) => Promise.reject(ApiError.network(error))),
});

export function createBrowserSession(): SessionManager {
  return createSessionManager({
    store: localStorageSessionStore(),
    exclusive: webLocksExclusive,
    async exchange(refreshToken): Promise<TokenPair | 'rejected'> {
      const { data, response } = await publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken } });
      if (data) return data;
      // 401/400: the token is spent, revoked or expired. Anything else (5xx, 429) is worth a retry.
      if (response.status === 401 || response.status === 400) return 'rejected';
      throw new Error(`refresh answered ${response.status}`);
    },
    async revoke(refreshToken) {
      await publicApi.POST('/api/v1/auth/logout', { body: { refreshToken } });
    },
  });
}

export const session: SessionManager = createBrowserSession();

/** The typed internal API, signed in as the current session. */
export const api: Api = createClient<paths>({ baseUrl: '', fetch: authorisingFetch(session) });

type Answer<D> = { data?: D; error?: unknown; response: Response };

/** The data of a successful answer, or an ApiError carrying the problem+json of a refusal. */
export async function unwrap<D>(call: Promise<Answer<D>>): Promise<D> {
  const answer = await call;
  if (!answer.response.ok) throw ApiError.fromResponse(answer.response, answer.error);
  return answer.data as D;
}
