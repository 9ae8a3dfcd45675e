import { loadConfig, type Config } from '../../../src/platform/config/index.js';
import { settingsSchema } from '../../../src/platform/config/config.schema.js';

/*
 * The deployment files set Switchboard's settings as environment variables; these helpers check
 * them against the real configuration schema, so a renamed or mistyped setting in a compose file,
 * a chart or a unit fails here instead of at an operator's first start.
 */

/**
 * Settings the deployment files use that other work of issue 19 adds to config.schema.ts
 * (`SWITCHBOARD_TIMERS=false` keeps the timers and the outbox relay off workers, for the scheduler
 * role). Accepted only while the schema does not know them yet; once it does, the schema judges.
 */
const arrivingSettings = ['SWITCHBOARD_TIMERS'];

const known = new Set(Object.keys(settingsSchema.shape));

/** The names in `env` that are neither settings nor arriving ones, with Switchboard's prefixes. */
export function unknownSettings(env: Readonly<Record<string, string>>): string[] {
  return Object.keys(env).filter(
    (key) => /^(SWITCHBOARD_|DATABASE_)/.test(key) && !known.has(key) && !arrivingSettings.includes(key),
  );
}

/** Loads the configuration a process would build from `env` (throws ConfigError naming each problem). */
export function configFrom(env: Readonly<Record<string, string>>): Config {
  const settings = Object.fromEntries(
    Object.entries(env).filter(([key]) => known.has(key) || !arrivingSettings.includes(key)),
  );
  return loadConfig(settings);
}

/** A well-formed master key for the checks (32 zero bytes). */
export const sampleMasterKey = Buffer.alloc(32).toString('base64');
