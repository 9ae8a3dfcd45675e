import { AppError, type ErrorKind } from '../../../platform/errors.js';

/**
 * Why a pull connector stopped. The message is written for the person who set the connector up:
 * it names the system, what it answered and what to check (a secret, a permission, a URL).
 */
export type PullFailureReason =
  /** The recorder refused the credentials (OAuth invalid_client/invalid_grant, 401 after a fresh token). */
  | 'bad_credentials'
  /** Authenticated, but not allowed to read recordings (403). */
  | 'forbidden'
  /** The connector's configuration or a secret it names is missing or unusable. */
  | 'not_configured'
  /** The recorder answered something the connector cannot read (not JSON, a page without its list). */
  | 'bad_response'
  /** A request the recorder refused as wrong (400, 404 on a search path, 405): the configuration is off. */
  | 'rejected'
  /** Throttled beyond the retry budget (429). Transient. */
  | 'rate_limited'
  /** 5xx, timeouts, refused connections beyond the retry budget. Transient. */
  | 'unavailable';

const codes: Record<PullFailureReason, string> = {
  bad_credentials: 'CONVERSATIONS_PULL_BAD_CREDENTIALS',
  forbidden: 'CONVERSATIONS_PULL_FORBIDDEN',
  not_configured: 'CONVERSATIONS_PULL_NOT_CONFIGURED',
  bad_response: 'CONVERSATIONS_PULL_BAD_RESPONSE',
  rejected: 'CONVERSATIONS_PULL_REJECTED',
  rate_limited: 'CONVERSATIONS_PULL_RATE_LIMITED',
  unavailable: 'CONVERSATIONS_PULL_UNAVAILABLE',
};

function kindOf(reason: PullFailureReason): ErrorKind {
  switch (reason) {
    case 'bad_credentials':
      return 'unauthenticated';
    case 'forbidden':
      return 'forbidden';
    case 'not_configured':
      return 'invalid_input';
    case 'bad_response':
    case 'rejected':
      return 'unprocessable';
    case 'rate_limited':
      return 'rate_limited';
    case 'unavailable':
      return 'unavailable';
  }
}

/** A pull connector's failure; `transient` (from the kind) says whether the next timer run may succeed. */
export class PullError extends AppError {
  constructor(
    readonly reason: PullFailureReason,
    message: string,
    /** The HTTP status that caused it, 0 when no answer came, null when no request was involved. */
    readonly status: number | null = null,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(codes[reason], kindOf(reason), message, options);
    this.name = 'PullError';
  }
}

export const PullErrors = {
  badCredentials: (system: string, detail: string, status: number | null) =>
    new PullError(
      'bad_credentials',
      `${system} refused the credentials (${detail}). Check the secrets this connector names.`,
      status,
    ),
  forbidden: (system: string, what: string, detail: string) =>
    new PullError(
      'forbidden',
      `${system} does not allow these credentials to ${what} (403: ${detail}). Grant the account read access to recordings.`,
      403,
    ),
  missingSecrets: (system: string, names: readonly string[]) =>
    new PullError(
      'not_configured',
      `The ${system} connector cannot run: the secret(s) ${names.map((n) => `'${n}'`).join(', ')} are not set (PUT /api/v1/secrets/{name}).`,
    ),
  notConfigured: (system: string, detail: string) =>
    new PullError('not_configured', `The ${system} connector is not configured correctly: ${detail}.`),
  badResponse: (system: string, what: string, detail: string, status: number | null = null) =>
    new PullError('bad_response', `${system} answered ${what} with something unreadable: ${detail}.`, status),
  rejected: (system: string, what: string, status: number, detail: string) =>
    new PullError(
      'rejected',
      `${system} refused ${what} (${status}: ${detail}). Check the connector's URL and paths.`,
      status,
    ),
  rateLimited: (system: string, what: string, retryAfterSeconds: number | undefined) =>
    new PullError(
      'rate_limited',
      `${system} kept throttling ${what} (429) after every retry; the next run tries again.`,
      429,
      retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
    ),
  unavailable: (system: string, what: string, detail: string, status: number, cause?: unknown) =>
    new PullError(
      'unavailable',
      `${system} could not be reached for ${what} (${detail}); the next run tries again.`,
      status,
      { cause },
    ),
} as const;

/** Whether a per-recording failure should hold the cursor back (the next run must see it again). */
export function isTransientPullError(error: unknown): boolean {
  return error instanceof AppError ? error.transient : true;
}
