/**
 * The error model shared by every module. A module defines its own codes (`CALLS_NOT_FOUND`)
 * with one of these kinds; the kind alone decides the HTTP status (in http/problem.ts) and whether
 * the bus retries a failed handler (transient) or sends the event to the dead-letter store.
 */
export type ErrorKind =
  | 'invalid_input'
  /** Well-formed, but content the server cannot process (a payload a connector still cannot read). */
  | 'unprocessable'
  /** The client accepts no representation this resource has (Accept). */
  | 'not_acceptable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** A conditional request's precondition (If-Match) does not hold: the resource changed since it was read. */
  | 'precondition_failed'
  /** It existed and was removed on purpose for good (a data subject's erased data). */
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `body.legs.0.startedAt` or `query.limit`. */
  readonly field: string;
  readonly message: string;
}

export interface AppErrorOptions {
  readonly detail?: string;
  readonly fields?: readonly FieldProblem[];
  /** Seconds, for rate limits and temporary unavailability. */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fields: readonly FieldProblem[];
  readonly retryAfterSeconds: number | undefined;

  constructor(code: string, kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.kind = kind;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Whether trying the same work again later may succeed (the bus retries these). */
  get transient(): boolean {
    return isTransientKind(this.kind);
  }
}

export function isTransientKind(kind: ErrorKind): boolean {
  switch (kind) {
    case 'unavailable':
    case 'rate_limited':
      return true;
    case 'invalid_input':
    case 'unprocessable':
    case 'not_acceptable':
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'conflict':
    case 'precondition_failed':
    case 'gone':
    case 'payload_too_large':
    case 'unsupported_media_type':
    case 'internal':
      return false;
  }
}

/** Codes of the kernel itself. Modules keep theirs in their own errors.ts. */
export const PlatformErrors = {
  validation: (fields: readonly FieldProblem[]) =>
    new AppError('VALIDATION_FAILED', 'invalid_input', 'The request is not valid.', {
      fields,
      detail: fields.map((f) => `${f.field}: ${f.message}`).join('; '),
    }),
  notFound: (what = 'The requested resource') =>
    new AppError('NOT_FOUND', 'not_found', `${what} was not found.`),
  unauthenticated: (detail = 'Authentication is required.') =>
    new AppError('UNAUTHENTICATED', 'unauthenticated', detail),
  forbidden: (permission: string) =>
    new AppError('FORBIDDEN', 'forbidden', `This action needs the permission '${permission}'.`),
} as const;
