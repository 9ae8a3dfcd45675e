import { loadConfig, type Config } from '../platform/config/index.js';

/** A call as Asterisk's cdr_csv writes it (Master.csv), for the first ingest. */
const sampleCdr =
  '"","+4930901820","2001","from-pstn","""Ana Lima"" <+4930901820>","PJSIP/trunk-00000001","PJSIP/2001-00000002","Dial","PJSIP/2001,30",' +
  '"2026-05-04 09:15:00","2026-05-04 09:15:04","2026-05-04 09:16:46",106,102,"ANSWERED","DOCUMENTATION","1777886100.1",""';

/**
 * What a new installation's operator runs next, in a second terminal: the block of README.md's
 * "First run", line for line (test/console/first-run.int.test.ts holds the two together), with
 * the address of this process.
 */
export function firstRunCommands(baseUrl: string): string[] {
  return [
    './bin/switchboard.js tenants create --name "Acme Support" --slug acme --time-zone Europe/Berlin',
    './bin/switchboard.js users create --tenant acme --email you@example.com --role owner   # asks for a password (12+ characters)',
    '# or, without a terminal (a script), pipe the password in:',
    `printf '%s\\n' "$PASSWORD" | ./bin/switchboard.js users create --tenant acme --email you@example.com --role owner --password-stdin`,
    `curl -s ${baseUrl}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `  -d '{"tenant":"acme","email":"you@example.com","password":"…"}'`,
    './bin/switchboard.js api-keys create --tenant acme --name "First source" --scope calls:ingest   # prints key_…, once',
    `curl -s '${baseUrl}/api/v1/calls/ingest?format=asterisk-csv&timeZone=Europe/Berlin' \\`,
    `  -H 'authorization: Bearer key_…' -H 'content-type: text/csv' \\`,
    `  --data-binary '${sampleCdr.replaceAll("'", `'\\''`)}'`,
  ];
}

/** What the CLI reads to find, reach and decrypt this installation's data. */
const sharedSettings: readonly (keyof Config['settings'])[] = [
  'DATABASE_URL',
  'DATABASE_APP_URL',
  'OBJECT_STORE_URL',
  'NATS_URL',
  'REDIS_URL',
  'SWITCHBOARD_MASTER_KEY',
  'SWITCHBOARD_PREVIOUS_MASTER_KEYS',
];

function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The settings of this process a command in another terminal would not have: a data dir other
 * than the default (the CLI attaches to this process's embedded PostgreSQL and reads its keys
 * there), and the names of the other settings it needs the same values of (never the values:
 * they are secrets).
 */
export function firstRunSettings(
  cfg: Config,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  const defaults = loadConfig({});
  const lines: string[] = [];
  if (env.SWITCHBOARD_CONFIG_FILE)
    lines.push(`export SWITCHBOARD_CONFIG_FILE=${shellWord(env.SWITCHBOARD_CONFIG_FILE)}`);
  if (cfg.dataDir !== defaults.dataDir) lines.push(`export SWITCHBOARD_DATA_DIR=${shellWord(cfg.dataDir)}`);
  const differing = sharedSettings.filter(
    (key) => JSON.stringify(cfg.settings[key]) !== JSON.stringify(defaults.settings[key]),
  );
  if (differing.length > 0) lines.push(`# and the same ${differing.join(', ')} as this process`);
  return lines;
}
