import { Command, Option } from 'commander';
import { createPlatform, type Role } from '../app/platform.js';
import { stopOnSignals } from '../app/run.js';
import { ConfigError, describeConfig, loadConfig, type Config } from '../platform/config/index.js';
import { DataDirInUseError, MigrationFailedError, openDatabase, platformMigrations } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { createLogger } from '../platform/telemetry/index.js';
import { moduleMigrations } from '../app/modules.js';

const program = new Command('switchboard')
  .description('Switchboard: call records, conversation intelligence, campaigns and customer operations in one platform.')
  .showHelpAfterError();

function config(): Config {
  return loadConfig(process.env);
}

/** CLI commands log only warnings by default, so their own output stays readable. */
function cliLogger(cfg: Config) {
  return createLogger({ level: cfg.settings.LOG_LEVEL === 'info' ? 'warn' : cfg.log.level, pretty: cfg.log.pretty });
}

async function serve(role: Exclude<Role, 'cli'>): Promise<void> {
  const started = performance.now();
  const cfg = config();
  const platform = await createPlatform(cfg, { role });
  stopOnSignals(platform);
  if (platform.http) {
    await platform.http.listen({ host: cfg.http.host, port: cfg.http.port });
    const address = platform.http.server.address();
    const port = typeof address === 'object' && address ? address.port : cfg.http.port;
    const base = cfg.http.publicUrl ?? `http://${cfg.http.host === '0.0.0.0' ? 'localhost' : cfg.http.host}:${port}`;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`\nSwitchboard is running (${role}, ready in ${seconds} s)`);
    console.log(`  API docs:  ${base}/docs`);
    console.log(`  OpenAPI:   ${base}/openapi.json`);
    console.log(`  Health:    ${base}/readyz`);
    console.log(`  Data dir:  ${cfg.dataDir}${cfg.database.url ? '' : ' (embedded PostgreSQL)'}`);
    console.log('Press Ctrl-C to stop.\n');
  } else {
    platform.logger.info({ role }, 'worker running');
  }
}

program
  .command('start')
  .description('Run every role (API, workers, scheduler) in one process')
  .action(() => serve('start'));
program
  .command('api')
  .description('Run only the HTTP API')
  .action(() => serve('api'));
program
  .command('worker')
  .description('Run only background work (event consumers, jobs, timers), no HTTP')
  .action(() => serve('worker'));

program
  .command('migrate')
  .description('Apply pending database migrations of every module, then exit')
  .action(async () => {
    const cfg = config();
    const logger = cliLogger(cfg);
    const database = await openDatabase({
      url: cfg.database.url,
      appUrl: cfg.database.appUrl,
      poolMax: 2,
      dataDir: cfg.dataDir,
      embeddedPort: cfg.database.embeddedPort,
      role: 'cli',
      exclusive: false,
      logger,
      migrations: moduleMigrations,
      onMigrated: (reports) => {
        const applied = reports.flatMap((r) => r.applied.map((name) => `${r.schema}/${name}`));
        console.log(applied.length > 0 ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Database is up to date.');
        console.log(`Schemas: ${[platformMigrations, ...moduleMigrations].map((m) => m.schema).join(', ')}`);
      },
    });
    await database.close();
  });

const tenants = program.command('tenants').description('Manage tenants');
tenants
  .command('create')
  .description('Create a tenant')
  .requiredOption('--name <name>', 'display name, e.g. "Acme Support"')
  .requiredOption('--slug <slug>', 'short unique name: lower-case letters, digits and dashes')
  .option('--time-zone <zone>', 'IANA time zone for local-time reports', 'UTC')
  .action(async (options: { name: string; slug: string; timeZone: string }) => {
    const cfg = config();
    const platform = await createPlatform(cfg, { role: 'cli', logger: cliLogger(cfg) });
    try {
      const tenant = await platform.identity.tenantAdmin.create({ name: options.name, slug: options.slug, timeZone: options.timeZone });
      console.log(`Created tenant ${tenant.slug} (${tenant.id}), time zone ${tenant.timeZone}`);
    } finally {
      await platform.close();
    }
  });
tenants
  .command('list')
  .description('List tenants')
  .addOption(new Option('--json', 'print JSON'))
  .action(async (options: { json?: boolean }) => {
    const cfg = config();
    const platform = await createPlatform(cfg, { role: 'cli', logger: cliLogger(cfg) });
    try {
      const list = await platform.identity.tenantAdmin.list();
      if (options.json) console.log(JSON.stringify(list, null, 2));
      else if (list.length === 0) console.log('No tenants yet. Create one: switchboard tenants create --name "Acme" --slug acme');
      else console.table(list.map((t) => ({ id: t.id, slug: t.slug, name: t.name, timeZone: t.timeZone, created: t.createdAt.toISOString() })));
    } finally {
      await platform.close();
    }
  });

program
  .command('config')
  .description('Configuration')
  .command('print')
  .description('Print the effective configuration, secrets masked')
  .action(() => {
    const described = describeConfig(config());
    const width = Math.max(...Object.keys(described).map((k) => k.length));
    for (const [key, value] of Object.entries(described)) console.log(`${key.padEnd(width)}  ${value}`);
  });

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof ConfigError) return { message: error.message, code: 2 };
  if (error instanceof DataDirInUseError || error instanceof MigrationFailedError) return { message: error.message, code: 1 };
  if (error instanceof AppError) return { message: `${error.message}${error.fields.length ? ` (${error.fields.map((f) => `${f.field} ${f.message}`).join('; ')})` : ''}`, code: 1 };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: 1 };
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const { message, code } = explain(error);
  console.error(`switchboard: ${message}`);
  process.exit(code);
});
