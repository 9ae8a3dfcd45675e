import { pino, type Logger, type LoggerOptions } from 'pino';
import { sanitizeLogObject, sanitizeLogValue } from './log-values.js';
import { traceLogFields } from './tracing.js';

export type { Logger } from 'pino';

/**
 * Field names whose values are personal data or secrets. Any log object key with one of these
 * names is censored, at the top level or one level down (pino's redaction works on paths, so the
 * common nesting depths are listed explicitly rather than scanning every object).
 */
export const redactedFieldNames = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'secret',
  'clientSecret',
  'apiKey',
  'authorization',
  'cookie',
  // Fields marked PII across modules: people and their contact points.
  'email',
  'phone',
  'phoneNumber',
  'name',
  'displayName',
  'transcript',
  'address',
] as const;

/**
 * pino redaction paths for these field names, at the top level and one level down, beside the
 * request headers that carry credentials. Names must be plain identifiers (they are, being the
 * camelCase of column names).
 */
export function redactPathsFor(fields: readonly string[]): string[] {
  const names = [...new Set([...redactedFieldNames, ...fields])];
  return [
    'req.headers.authorization',
    'req.headers.cookie',
    'req.headers["x-api-key"]',
    'req.headers["proxy-authorization"]',
    'res.headers["set-cookie"]',
    ...names.flatMap((field) => [field, `*.${field}`]),
  ];
}

export interface LoggerSettings {
  level: LoggerOptions['level'];
  pretty?: boolean;
  /**
   * More field names to censor: the platform passes those of every restricted column of the data
   * classification (src/platform/privacy, `redactedFieldNames`), so a new personal column is kept
   * out of the logs the day it is classified.
   */
  redactFields?: readonly string[];
}

export function createLogger(settings: LoggerSettings, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'switchboard' },
    redact: { paths: redactPathsFor(settings.redactFields ?? []), censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Before serialisers and redaction: no line ever carries a database driver object (see log-values.ts).
    formatters: { level: (label) => ({ level: label }), log: sanitizeLogObject },
    serializers: { err: sanitizeLogValue, error: sanitizeLogValue },
    // Lines written inside a span carry its ids, so a log search leads to the trace and back. A
    // fresh object each time: pino merges the line's fields into what the mixin returns.
    mixin: () => traceLogFields() ?? {},
  };
  if (settings.pretty && !destination) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
