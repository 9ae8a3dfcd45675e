import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { classifyFailure } from '../bus/dead-letter-category.js';
import { AppError, PlatformErrors, type ErrorKind, type FieldProblem } from '../errors.js';

/** RFC 9457 problem details, plus our stable `code`, the request id and field-level problems. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance?: string;
  requestId: string;
  errors?: FieldProblem[];
}

/** The one place where an error kind becomes an HTTP status. */
export function httpStatusFor(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid_input':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'not_acceptable':
      return 406;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'precondition_failed':
      return 412;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

const titles: Record<ErrorKind, string> = {
  invalid_input: 'Invalid request',
  unauthenticated: 'Unauthenticated',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  not_acceptable: 'Not acceptable',
  conflict: 'Conflict',
  precondition_failed: 'Precondition failed',
  gone: 'Gone',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

function fieldsFromFastifyValidation(error: FastifyError): FieldProblem[] {
  const context = error.validationContext ?? 'body';
  return (error.validation ?? []).flatMap((item) => {
    const path = item.instancePath.split('/').filter(Boolean);
    // A strict object reports unknown properties on itself (zod: unrecognized_keys, JSON Schema:
    // additionalProperties); name each property instead.
    const { keys, additionalProperty } = item.params;
    const unknown = Array.isArray(keys) ? keys : [additionalProperty];
    const names = unknown.filter((key): key is string => typeof key === 'string');
    if (names.length > 0)
      return names.map((key) => ({
        field: [context, ...path, key].join('.'),
        message: 'is not a field of this request',
      }));
    // Missing required properties report the parent path; name the property itself.
    const missing = typeof item.params.missingProperty === 'string' ? [item.params.missingProperty] : [];
    return [
      {
        field: [context, ...path, ...missing].join('.'),
        message: sizeMessage(item.keyword, item.params) ?? item.message ?? 'is invalid',
      },
    ];
  });
}

/**
 * A length or count limit in the words a form shows under the field ("must be at most 200
 * characters"), rather than zod's "Too big: expected string to have <=200 characters". The
 * console reads the same limits from the OpenAPI document, so the two say the same number.
 */
function sizeMessage(keyword: string, params: Record<string, unknown>): string | undefined {
  if (keyword !== 'too_big' && keyword !== 'too_small') return undefined;
  const unit =
    params.origin === 'string'
      ? 'characters'
      : params.origin === 'array' || params.origin === 'set'
        ? 'items'
        : undefined;
  const bound = keyword === 'too_big' ? params.maximum : params.minimum;
  if (!unit || (typeof bound !== 'number' && typeof bound !== 'bigint')) return undefined;
  const inclusive = params.inclusive !== false;
  if (keyword === 'too_big')
    return `must be at most ${String(inclusive ? bound : Number(bound) - 1)} ${unit}`;
  const least = inclusive ? Number(bound) : Number(bound) + 1;
  if (least === 1) return unit === 'characters' ? 'must not be empty' : 'must have at least 1 item';
  return `must be at least ${String(least)} ${unit}`;
}

/** Turns anything thrown while handling a request into an AppError (unknown errors become `internal`). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(fastifyError.validation)) {
    return PlatformErrors.validation(fieldsFromFastifyValidation(error as FastifyError));
  }
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        'payload_too_large',
        'The request body is larger than this endpoint accepts.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'unsupported_media_type',
        'This endpoint does not accept that Content-Type.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return PlatformErrors.validation([
        { field: 'body', message: 'must not be empty when Content-Type is application/json' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return PlatformErrors.validation([{ field: 'body', message: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return PlatformErrors.validation([
        { field: 'headers.content-length', message: 'does not match the body' },
      ]);
    default:
      break;
  }
  // Fastify's own client errors (malformed JSON from secure-json-parse, bad headers) carry a 4xx.
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413)
      return new AppError('PAYLOAD_TOO_LARGE', 'payload_too_large', 'The request body is too large.');
    if (status === 415)
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'unsupported_media_type', 'Unsupported Content-Type.');
    return PlatformErrors.validation([{ field: 'body', message: fastifyError.message ?? 'is not valid' }]);
  }
  // The database (or another service the platform talks to) going away: a restart, a fail-over,
  // no connection slot, a reset socket. The same request can succeed in a moment, and senders that
  // requeue (Kamailio, FreeSWITCH, webhooks) retry a 503.
  if (classifyFailure(error) === 'db_unavailable')
    return new AppError(
      'SERVICE_UNAVAILABLE',
      'unavailable',
      'A service the platform depends on (its database) is not available at the moment; send the request again shortly.',
      { cause: error },
    );
  return new AppError('INTERNAL', 'internal', 'An unexpected error occurred.', { cause: error });
}

export function problemFor(error: AppError, request: FastifyRequest): Problem {
  const status = httpStatusFor(error.kind);
  const problem: Problem = {
    type: `https://switchboard.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[error.kind],
    status,
    // Never echo internal error messages: they can carry SQL, paths or data.
    detail:
      error.kind === 'internal'
        ? 'An unexpected error occurred; quote the request id when reporting it.'
        : error.message,
    code: error.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
  };
  if (error.fields.length > 0) problem.errors = [...error.fields];
  return problem;
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const problem = problemFor(error, request);
  if (error.retryAfterSeconds !== undefined)
    void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
