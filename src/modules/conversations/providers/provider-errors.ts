import { AppError, type ErrorKind } from '../../../platform/errors.js';

/**
 * The failures every outside provider can have, said the same way whether the provider transcribes
 * or analyses. Each caller keeps its own error class and codes; `providerFailures` builds the
 * shared factories over its constructor.
 */
export type SharedProviderFailure =
  'not_configured' | 'bad_credentials' | 'rejected' | 'malformed_response' | 'rate_limited' | 'unavailable';

export interface ProviderErrorOptions {
  readonly status?: number | null;
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/** The `AppError` options of a provider failure: the Retry-After only when there is one. */
export function appErrorOptions(options: ProviderErrorOptions): {
  retryAfterSeconds?: number;
  cause: unknown;
} {
  return {
    ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
    cause: options.cause,
  };
}

/** A provider's failure: why (the caller's own reasons), which provider, and the HTTP status when it answered. */
export abstract class ProviderFailureError<
  Reason extends string,
  Provider extends string | null,
> extends AppError {
  readonly reason: Reason;
  readonly provider: Provider;
  /** HTTP status the provider answered, when it did. */
  readonly status: number | null;

  protected constructor(
    code: string,
    kind: ErrorKind,
    reason: Reason,
    provider: Provider,
    message: string,
    options: ProviderErrorOptions,
  ) {
    super(code, kind, message, appErrorOptions(options));
    this.reason = reason;
    this.provider = provider;
    this.status = options.status ?? null;
  }
}

const httpStatus = (status: number | null): string => (status === null ? '' : ` (HTTP ${status})`);

/**
 * The shared factories: `make` builds the caller's error, `settings` names the settings whose
 * secret to check (`transcription`, `analysis`).
 */
export function providerFailures<E>(
  make: (
    reason: SharedProviderFailure,
    provider: string,
    message: string,
    options?: ProviderErrorOptions,
  ) => E,
  settings: string,
) {
  return {
    notConfigured: (provider: string, detail: string) =>
      make('not_configured', provider, `${provider} is not configured: ${detail}.`),
    badCredentials: (provider: string, status: number | null, detail: string) =>
      make(
        'bad_credentials',
        provider,
        `${provider} refused the credentials${httpStatus(status)}: ${detail}. Check the secret the ${settings} settings name.`,
        { status },
      ),
    rejected: (provider: string, status: number | null, detail: string) =>
      make('rejected', provider, `${provider} refused the request${httpStatus(status)}: ${detail}`, {
        status,
      }),
    malformed: (provider: string, detail: string, cause?: unknown) =>
      make(
        'malformed_response',
        provider,
        `${provider} answered something its API does not document: ${detail}`,
        {
          cause,
        },
      ),
    rateLimited: (provider: string, retryAfterSeconds: number | undefined) =>
      make(
        'rate_limited',
        provider,
        `${provider} is rate limiting us${retryAfterSeconds === undefined ? '' : `; it asks to retry after ${retryAfterSeconds} s`}.`,
        { status: 429, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
      ),
    unavailable: (provider: string, status: number | null, detail: string, cause?: unknown) =>
      make('unavailable', provider, `${provider} is unavailable${httpStatus(status)}: ${detail}`, {
        status,
        cause,
      }),
  } as const;
}
