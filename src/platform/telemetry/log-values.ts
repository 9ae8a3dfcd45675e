import { Socket } from 'node:net';

/*
 * What a log line may carry. A driver object written whole leaks what it holds: a pg client has
 * its connection parameters, the server's process id and the cancel key; a pool has the
 * connection string with its password. pg-pool attaches the client to every error of an idle
 * connection (`err.client`), so logging such an error with pino's standard serializer, which copies
 * every enumerable property, wrote all of that into one line. Here errors are reduced to what a
 * reader needs (type, message, code and the other plain fields the drivers set, stack, cause), and
 * driver objects anywhere in a line become a short placeholder.
 */

const maxDepth = 5;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A placeholder for a database driver object or a socket; undefined for anything else. */
function driverPlaceholder(value: object): string | undefined {
  // Duck-typed, so a second copy of pg in node_modules (a library's own) is recognised too.
  if ('connectionParameters' in value && 'processID' in value) return '[pg Client]';
  if ('_clients' in value && '_idle' in value && 'options' in value) return '[pg Pool]';
  if (value instanceof Socket) return '[socket]';
  return undefined;
}

/** A serialised error with nothing but plain values; driver objects it carries are dropped. */
export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { type: error.constructor.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (key === 'message' || key === 'stack') continue;
    const safe = errorField(value, depth + 1);
    if (safe !== undefined) out[key] = safe;
  }
  if (error.stack !== undefined) out.stack = error.stack;
  const { cause } = error;
  if (cause !== undefined && depth < maxDepth)
    out.cause = cause instanceof Error ? serializeError(cause, depth + 1) : errorField(cause, depth + 1);
  return out;
}

/** Inside an error, only plain data is kept: other objects are named, not copied. */
function errorField(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > maxDepth) return '[…]';
  if (value instanceof Error) return serializeError(value, depth);
  if (value instanceof Date) return value;
  const driver = driverPlaceholder(value);
  if (driver) return driver;
  if (Array.isArray(value)) return value.map((item) => errorField(item, depth + 1));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, errorField(v, depth + 1)]));
  return `[${value.constructor.name}]`;
}

/**
 * A log value with driver objects replaced and errors serialised, down to plain objects and
 * arrays. Other class instances are left alone: their own serialisers (Fastify's req and res)
 * still apply after this.
 */
export function sanitizeLogValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return serializeError(value);
  const driver = driverPlaceholder(value);
  if (driver) return driver;
  if (depth >= maxDepth) return value;
  if (Array.isArray(value)) return value.map((item) => sanitizeLogValue(item, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = sanitizeLogValue(item, depth + 1);
    return out;
  }
  return value;
}

/** The merging object of a log call, sanitised (a driver object passed as the object itself becomes `{ driver }`). */
export function sanitizeLogObject(object: Record<string, unknown>): Record<string, unknown> {
  const driver = driverPlaceholder(object);
  if (driver) return { driver };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) out[key] = sanitizeLogValue(value, 1);
  return out;
}
