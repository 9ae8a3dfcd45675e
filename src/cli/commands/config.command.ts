import type { Command } from 'commander';
import { cliLogger, config } from '../cli-context.js';

export function registerConfigCommands(program: Command): void {
  program
    .command('config')
    .description('Configuration')
    .command('print')
    .description('Print the effective configuration, secrets masked')
    .action(async () => {
      const { describeConfig } = await import('../../platform/config/index.js');
      const described = describeConfig(await config());
      const width = Math.max(...Object.keys(described).map((k) => k.length));
      for (const [key, value] of Object.entries(described)) console.log(`${key.padEnd(width)}  ${value}`);
    });

  program
    .command('migrate')
    .description('Apply pending database migrations of every module, then exit')
    .action(async () => {
      const cfg = await config();
      const [{ openDatabase, platformMigrations }, { moduleMigrations }] = await Promise.all([
        import('../../platform/db/index.js'),
        import('../../app/modules.js'),
      ]);
      const database = await openDatabase({
        url: cfg.database.url,
        appUrl: cfg.database.appUrl,
        poolMax: 2,
        dataDir: cfg.dataDir,
        embeddedPort: cfg.database.embeddedPort,
        role: 'cli',
        exclusive: false,
        logger: await cliLogger(cfg),
        migrations: moduleMigrations,
        onMigrated: (reports) => {
          const applied = reports.flatMap((r) => r.applied.map((name) => `${r.schema}/${name}`));
          console.log(
            applied.length > 0
              ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
              : 'Database is up to date.',
          );
          console.log(
            `Schemas: ${[platformMigrations, ...moduleMigrations].map((m) => m.schema).join(', ')}`,
          );
        },
      });
      await database.close();
    });
}
