import { TranscriptionError, TranscriptionErrors } from './transcription.errors.js';

export interface HttpPolicy {
  readonly requestTimeoutMs: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly maxRetryAfterMs: number;
}

export interface ProviderRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** Rebuilt for every attempt (a FormData cannot be sent twice; AWS signs each attempt anew). */
  readonly body?: () => Uint8Array | string | FormData | undefined;
  /** Headers computed per attempt (AWS SigV4 signs the time). Merged over `headers`. */
  readonly sign?: () => Record<string, string>;
  /** What the request does, for error messages (`upload the audio`). */
  readonly what: string;
  /** A provider's own reading of an error answer before the generic one (AWS throttling is a 400). */
  readonly classify?: (status: number, body: string) => 'throttled' | TranscriptionError | null;
}

export interface ProviderResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * HTTP for one provider run: a time limit per request, retries with exponential back-off and
 * jitter on 5xx, network errors and timeouts, 429 honoured with its Retry-After (a longer wait than
 * `maxRetryAfterMs` fails at once as `rate_limited`, for the workflow to retry later), 401/403 as
 * `bad_credentials` and any other 4xx as `rejected`: both terminal. Counts the requests it made.
 */
export class ProviderHttp {
  requests = 0;

  constructor(
    private readonly provider: string,
    private readonly policy: HttpPolicy,
    private readonly signal?: AbortSignal,
  ) {}

  async send(request: ProviderRequest): Promise<ProviderResponse> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.policy.maxAttempts;
      const timeout = AbortSignal.timeout(this.policy.requestTimeoutMs);
      const signal = this.signal ? AbortSignal.any([timeout, this.signal]) : timeout;
      let response: ProviderResponse;
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
          ? TranscriptionErrors.timeout(
              this.provider,
              `answer (${request.what})`,
              this.policy.requestTimeoutMs,
            )
          : TranscriptionErrors.unavailable(
              this.provider,
              null,
              `${request.what}: ${describe(error)}`,
              error,
            );
        if (last) throw failure;
        await this.pause(this.backoff(attempt));
        continue;
      }
      if (response.status >= 200 && response.status < 300) return response;

      const own = request.classify?.(response.status, response.text) ?? null;
      if (own instanceof TranscriptionError) throw own;
      const detail = providerMessage(response.text);
      if (own === 'throttled' || response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const seconds = retryAfterMs === null ? undefined : Math.ceil(retryAfterMs / 1000);
        if (last || (retryAfterMs !== null && retryAfterMs > this.policy.maxRetryAfterMs)) {
          throw TranscriptionErrors.rateLimited(this.provider, seconds);
        }
        await this.pause(retryAfterMs ?? this.backoff(attempt));
        continue;
      }
      if (response.status >= 500 || response.status === 408) {
        if (last)
          throw TranscriptionErrors.unavailable(this.provider, response.status, `${request.what}: ${detail}`);
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        await this.pause(
          retryAfterMs !== null && retryAfterMs <= this.policy.maxRetryAfterMs
            ? retryAfterMs
            : this.backoff(attempt),
        );
        continue;
      }
      if (response.status === 401 || response.status === 403) {
        throw TranscriptionErrors.badCredentials(this.provider, response.status, detail);
      }
      throw TranscriptionErrors.rejected(this.provider, response.status, `${request.what}: ${detail}`);
    }
  }

  /** `send`, then the body as JSON; anything else is `malformed_response`. */
  async json(request: ProviderRequest): Promise<{ value: unknown; text: string; headers: Headers }> {
    const response = await this.send(request);
    try {
      return { value: JSON.parse(response.text) as unknown, text: response.text, headers: response.headers };
    } catch {
      throw TranscriptionErrors.malformed(
        this.provider,
        `${request.what}: the answer is not JSON (${response.headers.get('content-type') ?? 'no content type'}, ${response.text.length} bytes)`,
      );
    }
  }

  /** Waits, unless the run is cancelled. */
  async pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(done, ms);
      const signal = this.signal;
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
  }

  private backoff(attempt: number): number {
    return Math.round(this.policy.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
  }
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
