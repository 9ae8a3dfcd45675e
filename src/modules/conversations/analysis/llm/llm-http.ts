import { parseRetryAfter, providerMessage } from '../../transcription/provider-http.js';
import { LlmErrors } from './llm.errors.js';

export interface LlmHttpPolicy {
  /** Time limit of one request: a provider that accepts the connection and never answers fails with `timeout`. */
  readonly requestTimeoutMs: number;
  /** Attempts per request on 429, 5xx, 408, network errors and timeouts. */
  readonly maxAttempts: number;
  /** First back-off; doubled each attempt, with jitter. */
  readonly retryBaseMs: number;
  /** Longest Retry-After waited for inside a run; a longer one fails at once as `rate_limited`. */
  readonly maxRetryAfterMs: number;
}

export interface LlmHttpRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Headers computed per attempt (SigV4 signs the time). Merged over `headers`. */
  readonly sign?: () => Record<string, string>;
}

export interface LlmHttpAnswer {
  readonly value: unknown;
  readonly headers: Headers;
}

/** Waits `ms`; the tests pass one that records the waits instead of sleeping. */
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

/**
 * POSTs JSON to one provider: a time limit per request (the whole answer, body included), retries
 * with exponential back-off and jitter on 5xx, 408, network errors and timeouts, 429 honoured with
 * its Retry-After, 401/403 as `bad_credentials` and any other 4xx as `rejected` (both terminal).
 * Counts the HTTP requests it made.
 */
export class LlmHttp {
  requests = 0;

  constructor(
    private readonly provider: string,
    private readonly policy: LlmHttpPolicy,
    private readonly sleep: Sleep = realSleep,
    private readonly signal?: AbortSignal,
  ) {}

  async postJson(request: LlmHttpRequest): Promise<LlmHttpAnswer> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.policy.maxAttempts;
      const timeout = AbortSignal.timeout(this.policy.requestTimeoutMs);
      const signal = this.signal ? AbortSignal.any([timeout, this.signal]) : timeout;
      let status: number;
      let headers: Headers;
      let text: string;
      try {
        this.requests += 1;
        const answer = await fetch(request.url, {
          method: 'POST',
          headers: { ...request.headers, ...request.sign?.() },
          body: request.body,
          signal,
        });
        status = answer.status;
        headers = answer.headers;
        text = await answer.text();
      } catch (error) {
        if (this.signal?.aborted === true) throw error;
        const failure = timeout.aborted
          ? LlmErrors.timeout(this.provider, this.policy.requestTimeoutMs)
          : LlmErrors.unavailable(this.provider, null, describe(error), error);
        if (last) throw failure;
        await this.sleep(this.backoff(attempt), this.signal);
        continue;
      }

      if (status >= 200 && status < 300) {
        try {
          return { value: JSON.parse(text) as unknown, headers };
        } catch (error) {
          throw LlmErrors.malformed(
            this.provider,
            `the answer is not JSON (${headers.get('content-type') ?? 'no content type'}, ${text.length} bytes)`,
            error,
          );
        }
      }

      // AWS names the error in a header (`ThrottlingException:http://internal.amazon.com/…`).
      const awsType = headers.get('x-amzn-errortype')?.split(':')[0];
      const detail = `${awsType === undefined || awsType === '' ? '' : `${awsType}: `}${providerMessage(text)}`;
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
      if (status === 429) {
        const seconds = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
        if (last || (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs))
          throw LlmErrors.rateLimited(this.provider, seconds);
        await this.sleep(retryAfterMs ?? this.backoff(attempt), this.signal);
        continue;
      }
      if (status >= 500 || status === 408) {
        if (last) throw LlmErrors.unavailable(this.provider, status, detail);
        await this.sleep(
          retryAfterMs !== null && retryAfterMs <= this.policy.maxRetryAfterMs
            ? retryAfterMs
            : this.backoff(attempt),
          this.signal,
        );
        continue;
      }
      if (status === 401 || status === 403) throw LlmErrors.badCredentials(this.provider, status, detail);
      throw LlmErrors.rejected(this.provider, status, detail);
    }
  }

  private backoff(attempt: number): number {
    return Math.round(this.policy.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
