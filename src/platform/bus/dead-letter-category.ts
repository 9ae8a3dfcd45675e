import { AppError } from '../errors.js';

/**
 * Why a handler gave up on an event, as a stable category the console explains in plain words (and
 * filters and counts by), beside the error text kept for engineers. Decided from the error object
 * when the letter is written, not from its message afterwards.
 */
export const deadLetterCategories = [
  /** The handler took too long, or never answered (a crash, a hang) until its deliveries ran out. */
  'timeout',
  /** The database could not be reached or refused connections. */
  'db_unavailable',
  /** Another service the handler needs stayed unavailable or rate-limited through every retry. */
  'dependency_unavailable',
  /** The event's content was refused as invalid (a schema or validation error). */
  'schema_rejected',
  /** The handler refused the event for good (what it refers to is gone, a conflict, no permission). */
  'rejected',
  /** Anything else the handler threw: usually a bug. */
  'handler_error',
] as const;

export type DeadLetterCategory = (typeof deadLetterCategories)[number];

/** A stored category read back: one this server does not know reads as `handler_error`. */
export function deadLetterCategoryOf(value: string | null | undefined): DeadLetterCategory {
  return (deadLetterCategories as readonly string[]).includes(value ?? '')
    ? (value as DeadLetterCategory)
    : 'handler_error';
}

/** SQLSTATEs and socket errors that mean "the database is not there right now". */
const unreachable = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The category of what a handler threw; follows `cause` a few levels (wrapped driver errors). */
export function classifyFailure(error: unknown): DeadLetterCategory {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof AppError) {
      if (current.kind === 'invalid_input' || current.kind === 'unprocessable') return 'schema_rejected';
      if (current.kind === 'unavailable' || current.kind === 'rate_limited') return 'dependency_unavailable';
      if (current.kind !== 'internal') return 'rejected';
    }
    const name = (current as { name?: unknown }).name;
    const code = codeOf(current);
    const message = (current as { message?: unknown }).message;
    if (name === 'ZodError') return 'schema_rejected';
    if (name === 'TimeoutError' || code === 'ETIMEDOUT' || code === '57014') return 'timeout';
    if (code !== undefined && (unreachable.has(code) || code.startsWith('08'))) return 'db_unavailable';
    if (typeof message === 'string') {
      if (/connection terminated|terminating connection|connect ECONNREFUSED/i.test(message))
        return 'db_unavailable';
      if (/\btimed? ?out\b|\btimeout\b/i.test(message)) return 'timeout';
    }
    // AggregateError (a refused connection to every address) carries its causes in `errors`.
    const errors = (current as { errors?: unknown }).errors;
    current = (current as { cause?: unknown }).cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return 'handler_error';
}
