import { authorisingFetch, session } from '@/api/client';
import { ApiError } from '@/api/problem';

/*
 * Calls to routes that are not yet in schema.gen.ts (a feature's hand-written `*.api.ts` while the
 * server is built in parallel): JSON in, JSON out, the session's bearer token, a refusal as an
 * ApiError carrying the problem+json (so forms place its field errors).
 */

const send = authorisingFetch(session);

/** `?a=1&b=x` from the defined, non-empty values of `query` ('' when none). */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface JsonCallInit {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal | undefined;
}

export async function jsonCall<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  init: JsonCallInit = {},
): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(new URL(path, globalThis.location.origin), {
    method,
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const response = await send(request);
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw ApiError.fromResponse(response, body);
  return body as T;
}

/** `If-Match` for a record's version, as the API's optimistic concurrency expects it. */
export const ifMatch = (version: number): Record<string, string> => ({ 'if-match': `"${version}"` });
