import { pino, type Logger, type LoggerOptions } from 'pino';
import { sanitizeLogObject, sanitizeLogValue } from './log-values.js';

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

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  ...redactedFieldNames.flatMap((field) => [field, `*.${field}`]),
];

export interface LoggerSettings {
  level: LoggerOptions['level'];
  pretty?: boolean;
}

export function createLogger(settings: LoggerSettings, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    base: { service: 'switchboard' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Before serialisers and redaction: no line ever carries a database driver object (see log-values.ts).
    formatters: { level: (label) => ({ level: label }), log: sanitizeLogObject },
    serializers: { err: sanitizeLogValue, error: sanitizeLogValue },
  };
  if (settings.pretty && !destination) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return destination ? pino(options, destination) : pino(options);
}
