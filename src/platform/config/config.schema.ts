import { z } from 'zod';

/**
 * Every setting Switchboard reads, keyed by the environment variable that sets it.
 * The same keys are accepted in the optional JSON config file (SWITCHBOARD_CONFIG_FILE);
 * environment variables win over the file. Each entry has a working default so that
 * `npm start` needs nothing.
 */
const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

export const settingsSchema = z
  .object({
    SWITCHBOARD_DATA_DIR: z.string().min(1).default('./.switchboard'),
    SWITCHBOARD_CONFIG_FILE: z.string().min(1).optional(),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    SWITCHBOARD_PUBLIC_URL: url(['http:', 'https:']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: z.stringbool().default(false),
    DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
    DATABASE_APP_URL: url(['postgres:', 'postgresql:']).optional(),
    DATABASE_POOL_MAX: positiveInt.max(1000).default(20),
    SWITCHBOARD_EMBEDDED_PG_PORT: port.default(0),
    NATS_URL: url(['nats:', 'tls:', 'ws:', 'wss:']).optional(),
    // Names this installation's subjects, streams and consumers on the NATS server; unset = `sb_`
    // and the installation id kept in the database, so installations sharing a server never meet.
    SWITCHBOARD_NATS_PREFIX: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, {
        message:
          'must be 1-32 characters a-z, 0-9, _ or -, starting with a letter (it names NATS subjects and streams)',
      })
      .optional(),
    OBJECT_STORE_URL: url(['file:', 's3:', 'azblob:']).optional(),
    REDIS_URL: url(['redis:', 'rediss:']).optional(),
    // clamd for virus scans of uploads (lead files): tcp://host:3310 or unix:///run/clamav/clamd.ctl; unset = no scan.
    CLAMAV_URL: url(['tcp:', 'unix:']).optional(),
    SWITCHBOARD_LEAD_IMPORT_MAX_BYTES: positiveInt.max(10 * 1024 * 1024 * 1024).optional(),
    // The call simulator's clock: ring and talk times divided by it (1 = real time; demos 10, tests 1000).
    SWITCHBOARD_SIMULATOR_SPEED: positiveInt.max(100_000).optional(),
    // Whether the call simulator speaks its answered calls into a recording (espeak-ng and sox)
    // and files it to conversations; off, the calls deliver their transcript lines alone.
    SWITCHBOARD_SIMULATOR_RECORDINGS: z.stringbool().default(true),
    SWITCHBOARD_MASTER_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes, base64-encoded' })
      .optional(),
    SWITCHBOARD_PREVIOUS_MASTER_KEYS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.string().refine((v) => Buffer.from(v, 'base64').length === 32, {
            message: 'each key must be 32 bytes, base64-encoded',
          }),
        ),
      )
      .default([]),
    SWITCHBOARD_BODY_LIMIT_BYTES: positiveInt.default(1_048_576),
    SWITCHBOARD_SHUTDOWN_TIMEOUT_MS: positiveInt.default(15_000),
    // Whether `worker` and `start` processes compete to run the cron timers; false when a
    // `switchboard scheduler` deployment runs them (docs/scaling.md).
    SWITCHBOARD_TIMERS: z.stringbool().default(true),
    // `switchboard backup` / `restore`: the pg_dump and pg_restore to use; unset = one as new as the server is looked for.
    SWITCHBOARD_PG_DUMP: z.string().min(1).optional(),
    SWITCHBOARD_PG_RESTORE: z.string().min(1).optional(),
    // An accepted payload still unprocessed this long after it arrived has its event published again.
    SWITCHBOARD_REDRIVE_AFTER_SECONDS: positiveInt.min(60).default(900),
    // Payloads accepted by concurrent ingest requests are stored together, one commit per group
    // (docs/connectors.md); false stores each in a transaction of its own.
    SWITCHBOARD_INGEST_GROUP_COMMIT: z.stringbool().default(true),
    // Small payloads the calls-transform consumer has in hand at the same moment are transformed in
    // one transaction (docs/connectors.md); false transforms each delivery in a transaction of its own.
    SWITCHBOARD_TRANSFORM_GROUP_COMMIT: z.stringbool().default(true),
    // How the raw archive lays out call records (docs/objects.md): one object per record version, or
    // the records of a batch in one segment object per tenant, source and day.
    SWITCHBOARD_ARCHIVE_LAYOUT: z.enum(['object-per-record', 'segments']).default('object-per-record'),
    // How long the file of a background export is kept before it is deleted (1 hour to 90 days).
    SWITCHBOARD_EXPORT_RETENTION_HOURS: positiveInt.max(2160).default(168),
    SWITCHBOARD_TRUST_PROXY: z.stringbool().default(false),
    SWITCHBOARD_RATE_LIMIT_INTERNAL: positiveInt.default(5000),
    SWITCHBOARD_RATE_LIMIT_EXTERNAL: positiveInt.default(1000),
    SWITCHBOARD_CORS_ORIGINS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(url(['http:', 'https:'])))
      .default([]),
    SWITCHBOARD_ADMIN_ALLOWED_IPS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()])))
      .optional(),
    SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS: positiveInt.max(3600).default(900),
    SWITCHBOARD_REFRESH_TOKEN_TTL_DAYS: positiveInt.max(365).default(30),
    // Microsoft Graph for the Teams connector; national clouds (and tests) point elsewhere.
    SWITCHBOARD_GRAPH_BASE_URL: url(['http:', 'https:']).default('https://graph.microsoft.com/v1.0'),
    SWITCHBOARD_GRAPH_LOGIN_URL: url(['http:', 'https:']).default('https://login.microsoftonline.com'),
    // A webhook delivery seen again within this many seconds is a replay: answered, not stored (0: off).
    SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    // Outbound webhooks (docs/webhooks.md): plain http to hosts other than localhost only when allowed.
    SWITCHBOARD_OUTBOUND_WEBHOOKS_ALLOW_HTTP: z.enum(['true', 'false']).default('false'),
    SWITCHBOARD_OUTBOUND_WEBHOOKS_MAX_ATTEMPTS: positiveInt.max(50).default(8),
    SWITCHBOARD_OUTBOUND_WEBHOOKS_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
    SWITCHBOARD_OUTBOUND_WEBHOOKS_FIRST_RETRY_MS: positiveInt.max(3_600_000).default(30_000),
    // Notifications' e-mail: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465; a
    // tenant secret notifications.smtp.url wins; unset = e-mail deliveries are recorded `not_configured`.
    SWITCHBOARD_SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

/** Settings that must never be printed or logged in clear. */
export const secretSettings: ReadonlySet<keyof Settings> = new Set([
  'SWITCHBOARD_MASTER_KEY',
  'SWITCHBOARD_PREVIOUS_MASTER_KEYS',
  'DATABASE_URL',
  'DATABASE_APP_URL',
  'REDIS_URL',
  'NATS_URL',
  'OBJECT_STORE_URL',
  'SWITCHBOARD_SMTP_URL',
]);

/** Prefixes that mark a variable as ours: an unknown one is a typo, and a typo must not pass silently. */
export const ownPrefixes = ['SWITCHBOARD_', 'DATABASE_'] as const;
