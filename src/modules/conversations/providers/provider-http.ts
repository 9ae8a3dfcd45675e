/**
 * HTTP to one outside provider (a transcriber, an LLM), shared by every provider: a time limit per
 * request (the whole answer, body included), retries with exponential back-off and jitter on 5xx,
 * 408, network errors and timeouts, 429 honoured with its Retry-After (a longer wait than
 * `maxRetryAfterMs` fails at once as `rate_limited`, for the workflow to retry later), 401/403 as
 * `bad_credentials` and any other 4xx as `rejected`: both terminal. Each caller names the failures
 * with its own errors (`HttpFailures`); the retrying is the same.
 */
export interface HttpPolicy {
  /** Time limit of one request: a provider that accepts the connection and never answers fails with `timeout`. */
  readonly requestTimeoutMs: number;
  /** Attempts per request on 429, 5xx, 408, network errors and timeouts. */
  readonly maxAttempts: number;
  /** First back-off; doubled each attempt, with jitter. */
  readonly retryBaseMs: number;
  /** Longest Retry-After waited for inside a run; a longer one fails at once as `rate_limited`. */
  readonly maxRetryAfterMs: number;
}

/** Waits `ms` unless `signal` aborts; the tests pass one that records the waits instead of sleeping. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (ms <= 0) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    }
    if (signal?.aborted === true) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });

export interface HttpAttempt {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Rebuilt for every attempt (a FormData cannot be sent twice; AWS signs each attempt anew). */
  readonly body?: () => Uint8Array | string | FormData | undefined;
  /** Headers computed per attempt (AWS SigV4 signs the time). Merged over `headers`. */
  readonly sign?: () => Record<string, string>;
}

/** How one caller names each failure: its own error class, code and wording. */
export interface HttpFailures {
  timeout(ms: number): Error;
  network(description: string, cause: unknown): Error;
  rateLimited(retryAfterSeconds: number | undefined): Error;
  unavailable(status: number, detail: string): Error;
  badCredentials(status: number, detail: string): Error;
  rejected(status: number, detail: string): Error;
  /** A provider's own reading of an error answer before the generic one (AWS throttling is a 400). */
  classify?(status: number, text: string): 'throttled' | Error | null;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The retrying core; counts the requests it made (retries included) for the run's provenance. */
export class RetryingHttp {
  requests = 0;

  constructor(
    private readonly policy: HttpPolicy,
    private readonly sleep: Sleep = realSleep,
    private readonly signal?: AbortSignal,
  ) {}

  protected async exchange(request: HttpAttempt, failures: HttpFailures): Promise<HttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.policy.maxAttempts;
      const timeout = AbortSignal.timeout(this.policy.requestTimeoutMs);
      const signal = this.signal ? AbortSignal.any([timeout, this.signal]) : timeout;
      let response: HttpAnswer;
      try {
        this.requests += 1;
        const answer = await fetch(request.url, {
          method: request.method,
          headers: { ...request.headers, ...request.sign?.() },
          body: request.body?.() ?? null,
          signal,
        });
        response = { status: answer.status, headers: answer.headers, text: await answer.text() };
      } catch (error) {
        if (this.signal?.aborted === true) throw error;
        const failure = timeout.aborted
          ? failures.timeout(this.policy.requestTimeoutMs)
          : failures.network(describe(error), error);
        if (last) throw failure;
        await this.pause(this.backoff(attempt));
        continue;
      }
      if (response.status >= 200 && response.status < 300) return response;

      const own = failures.classify?.(response.status, response.text) ?? null;
      if (own instanceof Error) throw own;
      const detail = errorDetail(response);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (own === 'throttled' || response.status === 429) {
        const seconds = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
        if (last || (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs)) {
          throw failures.rateLimited(seconds);
        }
        await this.pause(retryAfterMs ?? this.backoff(attempt));
        continue;
      }
      if (response.status >= 500 || response.status === 408) {
        if (last) throw failures.unavailable(response.status, detail);
        await this.pause(
          retryAfterMs !== null && retryAfterMs <= this.policy.maxRetryAfterMs
            ? retryAfterMs
            : this.backoff(attempt),
        );
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw failures.badCredentials(response.status, detail);
      }
      throw failures.rejected(response.status, detail);
    }
  }

  /** Waits, unless the run is cancelled. */
  async pause(ms: number): Promise<void> {
    await this.sleep(ms, this.signal);
  }

  private backoff(attempt: number): number {
    return Math.round(this.policy.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }
}

/** The answer's body as JSON; `malformed` names the failure when it is not JSON. */
export function parseJsonAnswer(
  answer: HttpAnswer,
  malformed: (detail: string, cause: unknown) => Error,
): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch (error) {
    throw malformed(
      `the answer is not JSON (${answer.headers.get('content-type') ?? 'no content type'}, ${answer.text.length} bytes)`,
      error,
    );
  }
}

/**
 * What an error answer says: the provider's own words, after the error type AWS names in a header
 * (`ThrottlingException:http://internal.amazon.com/…`) unless the body already names it.
 */
export function errorDetail(answer: HttpAnswer): string {
  const message = providerMessage(answer.text);
  const awsType = answer.headers.get('x-amzn-errortype')?.split(':')[0];
  return awsType === undefined || awsType === '' || message.startsWith(awsType)
    ? message
    : `${awsType}: ${message}`;
}

/** Retry-After as delta seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The provider's own words from an error body (OpenAI `error.message`, Deepgram `err_msg`,
 * AssemblyAI `error`, AWS `message`), cut to 300 characters; never the raw body of an HTML page.
 */
export function providerMessage(text: string): string {
  let message: string | null = null;
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'object' && body !== null) {
      const record = body as Record<string, unknown>;
      const error = record.error;
      const candidates = [
        typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : error,
        record.err_msg,
        record.message,
        record.Message,
        record.detail,
      ];
      message = candidates.find((c): c is string => typeof c === 'string' && c !== '') ?? null;
      const type = record.__type;
      if (typeof type === 'string')
        message = `${type.split('#').pop() ?? type}${message === null ? '' : `: ${message}`}`;
    }
  } catch {
    message = /^\s*</.test(text) ? 'an HTML page' : text.trim() || null;
  }
  const result = message ?? (text.trim() === '' ? 'an empty answer' : 'an unexplained error');
  return result.length > 300 ? `${result.slice(0, 300)}…` : result;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
