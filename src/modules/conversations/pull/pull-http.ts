import { PullErrors, PullError } from './pull.errors.js';

/*
 * The HTTP every pull connector shares, so each behaves alike under trouble:
 * - 5xx, 408, timeouts and network failures back off exponentially with jitter;
 * - 429 (and 503) wait for Retry-After when given (seconds or an HTTP date), capped;
 * - 401 asks the auth scheme for a fresh credential once (a cached OAuth token may have been
 *   revoked or rotated), then fails as bad credentials; 403 fails as forbidden;
 * - other 4xx fail at once as `rejected`: retrying a wrong path does not make it right.
 * Retries end after `maxAttempts`; a throttled or unreachable system is then a transient
 * PullError (the next timer run tries again), everything else terminal.
 */

export interface AuthScheme {
  /** The Authorization header value. */
  authorization(signal?: AbortSignal): Promise<string>;
  /** Drops a cached credential so the next authorization() makes a new one; false when nothing can be renewed. */
  renew(): boolean;
}

export interface PullHttpOptions {
  /** Named in every error message: `Twilio`, `3CX`, `the recorder 'oak'`. */
  readonly system: string;
  readonly fetch?: typeof fetch;
  /** How waiting is done (tests record the waits instead). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Attempts per request, the first included; default 4. */
  readonly maxAttempts?: number;
  /** Longest single wait, Retry-After included; default 60 s. */
  readonly maxDelayMs?: number;
  /** Until the response headers arrive; default 30 s. */
  readonly requestTimeoutMs?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface PullRequest {
  readonly url: string;
  /** For messages: `the recordings search`, `the media of RE123`. */
  readonly what: string;
  readonly method?: 'GET' | 'POST';
  readonly auth?: AuthScheme | undefined;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: URLSearchParams;
  readonly accept?: string;
  readonly signal?: AbortSignal | undefined;
  /** 404 answers null instead of failing (a recording deleted since it was listed). */
  readonly notFoundIsNull?: boolean;
  /** An OAuth token endpoint: its 400/401 mean the credentials are wrong. */
  readonly isTokenRequest?: boolean;
}

export interface PullHttp {
  readonly system: string;
  /** The parsed JSON body, or null for a 404 when notFoundIsNull. */
  json(request: PullRequest): Promise<unknown>;
  /** A successful response whose body has not been read (a media download), or null for a 404 when notFoundIsNull. */
  open(request: PullRequest): Promise<Response | null>;
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a refusal says, in a line: OAuth's `error`/`error_description`, Twilio's `code`/`message`,
 * OData's `error.message`, or the start of the text. Never the request, which may carry secrets.
 */
export async function refusalDetail(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).slice(0, 2000);
  try {
    const body = JSON.parse(text) as unknown;
    if (isObject(body)) {
      if (typeof body.error === 'string')
        return typeof body.error_description === 'string'
          ? `${body.error}: ${body.error_description}`
          : body.error;
      if (isObject(body.error) && typeof body.error.message === 'string')
        return typeof body.error.code === 'string'
          ? `${body.error.code}: ${body.error.message}`
          : body.error.message;
      if (typeof body.message === 'string')
        return typeof body.code === 'number' || typeof body.code === 'string'
          ? `${body.code}: ${body.message}`
          : body.message;
    }
  } catch {
    // Not JSON: the text itself, shortened.
  }
  const line = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return line === '' ? `HTTP ${response.status}` : line;
}

export function createPullHttp(options: PullHttpOptions): PullHttp {
  const { system } = options;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;

  const backoff = (attempt: number) =>
    Math.round(Math.min(maxDelayMs, 500 * 2 ** (attempt - 1)) * (0.5 + random() / 2));

  /** One attempt: the response once its headers are in; the timeout ends there unless `keepTimer`. */
  async function attempt(
    request: PullRequest,
    authorization: string | undefined,
  ): Promise<{ response: Response; done: () => void }> {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const signal = request.signal ? AbortSignal.any([controller.signal, request.signal]) : controller.signal;
    try {
      const response = await doFetch(request.url, {
        method: request.method ?? 'GET',
        headers: {
          accept: request.accept ?? 'application/json',
          ...(authorization === undefined ? {} : { authorization }),
          ...(request.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...request.headers,
        },
        ...(request.body ? { body: request.body.toString() } : {}),
        signal,
        redirect: 'follow',
      });
      return { response, done: () => clearTimeout(timer) };
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
  }

  async function send(
    request: PullRequest,
    readBody: boolean,
  ): Promise<{ response: Response; text: string } | null> {
    let renewed = false;
    for (let attemptNo = 1; ; attemptNo++) {
      if (request.signal?.aborted) throw request.signal.reason;
      const authorization = request.auth ? await request.auth.authorization(request.signal) : undefined;
      let sent: { response: Response; done: () => void };
      try {
        sent = await attempt(request, authorization);
      } catch (cause) {
        if (request.signal?.aborted) throw request.signal.reason;
        if (attemptNo >= maxAttempts)
          throw PullErrors.unavailable(system, request.what, (cause as Error).message, 0, cause);
        await sleep(backoff(attemptNo));
        continue;
      }
      const { response } = sent;
      if (response.ok) {
        if (!readBody) {
          // The download's body is read by the caller, past the header timeout.
          sent.done();
          return { response, text: '' };
        }
        let text: string;
        try {
          text = await response.text();
        } catch (cause) {
          sent.done();
          if (request.signal?.aborted) throw request.signal.reason;
          if (attemptNo >= maxAttempts)
            throw PullErrors.unavailable(system, request.what, (cause as Error).message, 0, cause);
          await sleep(backoff(attemptNo));
          continue;
        }
        sent.done();
        return { response, text };
      }
      sent.done();
      const status = response.status;
      if (status === 404 && request.notFoundIsNull) {
        await response.body?.cancel();
        return null;
      }
      if (request.isTokenRequest && (status === 400 || status === 401))
        throw PullErrors.badCredentials(system, `token endpoint: ${await refusalDetail(response)}`, status);
      if (status === 401) {
        if (request.auth && !renewed && request.auth.renew()) {
          await response.body?.cancel();
          renewed = true;
          continue;
        }
        throw PullErrors.badCredentials(
          system,
          `${status} on ${request.what}: ${await refusalDetail(response)}`,
          status,
        );
      }
      if (status === 403)
        throw PullErrors.forbidden(system, `read ${request.what}`, await refusalDetail(response));
      const throttled = status === 429 || status === 503;
      const transient = throttled || status === 408 || status >= 500;
      if (!transient) throw PullErrors.rejected(system, request.what, status, await refusalDetail(response));
      const asked = throttled ? retryAfterMs(response.headers.get('retry-after'), now()) : undefined;
      if (attemptNo >= maxAttempts) {
        const detail = await refusalDetail(response);
        if (status === 429)
          throw PullErrors.rateLimited(
            system,
            request.what,
            asked === undefined ? undefined : Math.ceil(asked / 1000),
          );
        throw PullErrors.unavailable(system, request.what, `${status}: ${detail}`, status);
      }
      await response.body?.cancel();
      await sleep(Math.min(maxDelayMs, asked ?? backoff(attemptNo)));
    }
  }

  return {
    system,
    async json(request) {
      const sent = await send(request, true);
      if (sent === null) return null;
      const { response, text } = sent;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw PullErrors.badResponse(
          system,
          request.what,
          `not JSON (${response.headers.get('content-type') ?? 'no content type'}, starts "${text.slice(0, 40)}")`,
          response.status,
        );
      }
    },
    async open(request) {
      return (await send(request, false))?.response ?? null;
    },
  };
}

/** HTTP Basic (Twilio's account SID and auth token, or an API key): nothing to renew. */
export function basicAuth(username: string, password: string): AuthScheme {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return { authorization: () => Promise.resolve(value), renew: () => false };
}

export { PullError };
