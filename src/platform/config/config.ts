import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ownPrefixes, secretSettings, settingsSchema, type Settings } from './config.schema.js';

/** The effective configuration: validated once at start-up, then frozen. */
export interface Config {
  readonly dataDir: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Where users reach the platform; also the issuer of its tokens. */
    readonly publicUrl: string;
    readonly bodyLimitBytes: number;
    readonly trustProxy: boolean;
    readonly corsOrigins: readonly string[];
    readonly adminAllowedIps: readonly string[] | undefined;
    readonly rateLimitPerMinute: { readonly internal: number; readonly external: number };
  };
  readonly auth: { readonly accessTokenTtlSeconds: number; readonly refreshTokenTtlDays: number };
  readonly log: { readonly level: Settings['LOG_LEVEL']; readonly pretty: boolean };
  readonly database: {
    readonly url: string | undefined;
    readonly appUrl: string | undefined;
    readonly poolMax: number;
    readonly embeddedPort: number;
  };
  readonly bus: {
    readonly natsUrl: string | undefined;
    /** Subject and stream prefix on NATS; undefined = derived from the installation id. */
    readonly natsPrefix: string | undefined;
  };
  readonly objects: { readonly url: string };
  readonly redis: { readonly url: string | undefined };
  readonly security: {
    readonly masterKey: string | undefined;
    /** Keys being rotated out: they still unwrap, never wrap. */
    readonly previousMasterKeys: readonly string[];
  };
  /** Where the Teams connector reaches Microsoft Graph and the identity platform's token endpoint. */
  readonly graph: { readonly baseUrl: string; readonly loginUrl: string };
  /** How long a webhook delivery (Twilio: signature and body) is remembered, to answer its replays without storing them again; 0 = off. */
  readonly webhooks: { readonly replayWindowSeconds: number };
  /** Tenants' outbound webhooks: plain http beyond localhost, attempts per delivery, request timeout, first retry wait. */
  readonly outboundWebhooks: {
    readonly allowHttp: boolean;
    readonly maxAttempts: number;
    readonly timeoutMs: number;
    readonly firstRetryMs: number;
  };
  readonly shutdownTimeoutMs: number;
  /** Whether worker and start processes run the cron timers (false: a scheduler deployment does). */
  readonly jobs: { readonly timers: boolean };
  /** Notifications' platform-wide SMTP server (a tenant secret `notifications.smtp.url` wins); undefined = none. */
  readonly notifications: { readonly smtpUrl: string | undefined };
  readonly calls: {
    /** Accepted payloads still unprocessed after this long are re-driven (their event published again). */
    readonly redriveAfterMs: number;
    /** Payloads of concurrent ingest requests stored together, one commit per group (SWITCHBOARD_INGEST_GROUP_COMMIT). */
    readonly ingestGroupCommit: boolean;
    /** Small payloads in hand at the same moment transformed in one transaction (SWITCHBOARD_TRANSFORM_GROUP_COMMIT). */
    readonly transformGroupCommit: boolean;
    /** How the raw archive lays out call records (SWITCHBOARD_ARCHIVE_LAYOUT). */
    readonly archiveLayout: 'object-per-record' | 'segments';
    /** How long a background export's file is kept. */
    readonly exportRetentionHours: number;
  };
  /** The raw settings, for `config print`. */
  readonly settings: Readonly<Settings>;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const knownKeys = new Set(Object.keys(settingsSchema.shape));

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`SWITCHBOARD_CONFIG_FILE: cannot read ${file} (${(error as Error).message})`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      `SWITCHBOARD_CONFIG_FILE: ${file} is not valid JSON (${(error as Error).message})`,
    ]);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError([
      `SWITCHBOARD_CONFIG_FILE: ${file} must hold a JSON object of setting names to values`,
    ]);
  }
  // The file may hold numbers and booleans; the schema coerces strings, so hand it strings.
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

/**
 * Builds the configuration from the environment (and the optional JSON file it names).
 * Unknown variables with our prefixes and invalid values fail with a message naming each variable.
 */
export function loadConfig(env: Env = process.env): Config {
  const fromEnv: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (knownKeys.has(key)) fromEnv[key] = value;
    else if (ownPrefixes.some((prefix) => key.startsWith(prefix)) && !key.startsWith('SWITCHBOARD_TEST_')) {
      problems.push(`${key}: unknown setting (known: ${[...knownKeys].join(', ')})`);
    }
  }
  const fromFile = fromEnv.SWITCHBOARD_CONFIG_FILE ? readConfigFile(fromEnv.SWITCHBOARD_CONFIG_FILE) : {};
  const result = settingsSchema.safeParse({ ...fromFile, ...fromEnv });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        for (const unknown of issue.keys) problems.push(`${unknown}: unknown setting in the config file`);
      } else {
        problems.push(
          `${key}: ${issue.message}${key in fromEnv ? '' : key in fromFile ? ' (in the config file)' : ''}`,
        );
      }
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return buildConfig(result.data);
}

function buildConfig(settings: Settings): Config {
  const dataDir = path.resolve(settings.SWITCHBOARD_DATA_DIR);
  const config: Config = {
    dataDir,
    http: {
      host: settings.HOST,
      port: settings.PORT,
      publicUrl:
        settings.SWITCHBOARD_PUBLIC_URL ??
        `http://${settings.HOST === '0.0.0.0' ? 'localhost' : settings.HOST}:${settings.PORT}`,
      bodyLimitBytes: settings.SWITCHBOARD_BODY_LIMIT_BYTES,
      trustProxy: settings.SWITCHBOARD_TRUST_PROXY,
      corsOrigins: settings.SWITCHBOARD_CORS_ORIGINS,
      adminAllowedIps: settings.SWITCHBOARD_ADMIN_ALLOWED_IPS,
      rateLimitPerMinute: {
        internal: settings.SWITCHBOARD_RATE_LIMIT_INTERNAL,
        external: settings.SWITCHBOARD_RATE_LIMIT_EXTERNAL,
      },
    },
    auth: {
      accessTokenTtlSeconds: settings.SWITCHBOARD_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: settings.SWITCHBOARD_REFRESH_TOKEN_TTL_DAYS,
    },
    log: { level: settings.LOG_LEVEL, pretty: settings.LOG_PRETTY },
    database: {
      url: settings.DATABASE_URL,
      appUrl: settings.DATABASE_APP_URL,
      poolMax: settings.DATABASE_POOL_MAX,
      embeddedPort: settings.SWITCHBOARD_EMBEDDED_PG_PORT,
    },
    bus: { natsUrl: settings.NATS_URL, natsPrefix: settings.SWITCHBOARD_NATS_PREFIX },
    objects: { url: settings.OBJECT_STORE_URL ?? `file://${path.join(dataDir, 'objects')}` },
    redis: { url: settings.REDIS_URL },
    security: {
      masterKey: settings.SWITCHBOARD_MASTER_KEY,
      previousMasterKeys: settings.SWITCHBOARD_PREVIOUS_MASTER_KEYS,
    },
    graph: { baseUrl: settings.SWITCHBOARD_GRAPH_BASE_URL, loginUrl: settings.SWITCHBOARD_GRAPH_LOGIN_URL },
    webhooks: { replayWindowSeconds: settings.SWITCHBOARD_WEBHOOK_REPLAY_WINDOW_SECONDS },
    outboundWebhooks: {
      allowHttp: settings.SWITCHBOARD_OUTBOUND_WEBHOOKS_ALLOW_HTTP === 'true',
      maxAttempts: settings.SWITCHBOARD_OUTBOUND_WEBHOOKS_MAX_ATTEMPTS,
      timeoutMs: settings.SWITCHBOARD_OUTBOUND_WEBHOOKS_TIMEOUT_MS,
      firstRetryMs: settings.SWITCHBOARD_OUTBOUND_WEBHOOKS_FIRST_RETRY_MS,
    },
    shutdownTimeoutMs: settings.SWITCHBOARD_SHUTDOWN_TIMEOUT_MS,
    jobs: { timers: settings.SWITCHBOARD_TIMERS },
    notifications: { smtpUrl: settings.SWITCHBOARD_SMTP_URL },
    calls: {
      redriveAfterMs: settings.SWITCHBOARD_REDRIVE_AFTER_SECONDS * 1000,
      ingestGroupCommit: settings.SWITCHBOARD_INGEST_GROUP_COMMIT,
      transformGroupCommit: settings.SWITCHBOARD_TRANSFORM_GROUP_COMMIT,
      archiveLayout: settings.SWITCHBOARD_ARCHIVE_LAYOUT,
      exportRetentionHours: settings.SWITCHBOARD_EXPORT_RETENTION_HOURS,
    },
    settings: Object.freeze({ ...settings }),
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Masks a secret: URLs keep scheme and host (useful to see where we connect) but lose credentials. */
export function maskSecret(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'file:') return value;
    if (parsed.username) parsed.username = '****';
    if (parsed.password) parsed.password = '****';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/key|secret|token|password|connectionstring|sig/i.test(key)) parsed.searchParams.set(key, '****');
    }
    return parsed.toString();
  } catch {
    return '****';
  }
}

/** The effective settings with defaults applied and secrets masked, for `switchboard config print`. */
export function describeConfig(config: Config): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(settingsSchema.shape) as (keyof Settings)[]) {
    const value = config.settings[key];
    if (value === undefined) {
      out[key] =
        key === 'OBJECT_STORE_URL'
          ? config.objects.url
          : key === 'DATABASE_URL'
            ? '(embedded)'
            : key === 'SWITCHBOARD_NATS_PREFIX'
              ? '(sb_ + installation id)'
              : '(unset)';
      continue;
    }
    const text = Array.isArray(value) ? value.join(',') : String(value);
    out[key] = secretSettings.has(key) ? (key.includes('MASTER_KEY') ? '****' : maskSecret(text)) : text;
  }
  out.SWITCHBOARD_DATA_DIR = config.dataDir;
  return out;
}
