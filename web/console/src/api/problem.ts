/** A field the server (or the form) found wrong, as problem+json `errors[]` carries it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

interface ProblemBody {
  code?: unknown;
  title?: unknown;
  detail?: unknown;
  requestId?: unknown;
  errors?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * An answer the API refused (problem+json), or no answer at all (`status` 0, code `NETWORK`).
 * Pages show `message`; forms place `fields` next to their controls.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: readonly FieldProblem[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: readonly FieldProblem[];
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const problem: ProblemBody = isObject(body) ? body : {};
    const fields = Array.isArray(problem.errors)
      ? problem.errors
          .filter(isObject)
          .map((e) => ({ field: normaliseField(String(e.field)), message: String(e.message) }))
      : [];
    const retryAfter = Number(response.headers.get('retry-after'));
    return new ApiError({
      status: response.status,
      code: typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`,
      message:
        typeof problem.detail === 'string'
          ? problem.detail
          : typeof problem.title === 'string'
            ? problem.title
            : fallbackMessage(response.status),
      fields,
      requestId:
        typeof problem.requestId === 'string'
          ? problem.requestId
          : (response.headers.get('x-request-id') ?? undefined),
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError({
      status: 0,
      code: 'NETWORK',
      message: 'Switchboard could not be reached. Check the connection and try again.',
    });
    error.cause = cause;
    return error;
  }

  /** The server's message for one field, if it named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/** `body.email` and `email` are the same field to a form; the server uses both forms. */
function normaliseField(field: string): string {
  return field.replace(/^(body|query|params)\./, '');
}

function fallbackMessage(status: number): string {
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'It was not found. It may have been removed.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return 'Switchboard had a problem answering. Try again in a moment.';
  return 'The request was refused.';
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What to tell a person about any error. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
