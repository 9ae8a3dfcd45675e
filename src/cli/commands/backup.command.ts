import { Option, type Command } from 'commander';
import { collect } from '../cli-context.js';
import type { BackupCommandOptions } from './backup.action.js';
import type { RestoreCommandOptions } from './restore.action.js';

/** `switchboard backup` and `switchboard restore` (docs/backup.md). Loaded when they run. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Back up the database, the object list (and the objects) and the key instructions into a new folder or .tar',
    )
    .argument('<output>', 'a folder to create, or a file ending in .tar')
    .addOption(
      new Option(
        '--objects <mode>',
        'copy: the objects go into the backup (default for the filesystem store); manifest: only their keys and checksums (default for S3 and Azure)',
      ).choices(['copy', 'manifest']),
    )
    .addOption(
      new Option('--database-format <format>', 'how the database is dumped')
        .choices(['auto', 'pg_dump', 'logical'])
        .default('auto'),
    )
    .option(
      '--pg-dump <path>',
      'the pg_dump to use (default: SWITCHBOARD_PG_DUMP, else one as new as the server)',
    )
    .option(
      '--include-master-key',
      'also write the master key into the backup (then guard the backup like the key)',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (output: string, options: BackupCommandOptions) => {
      const { runBackup } = await import('./backup.action.js');
      await runBackup(output, options);
    });

  program
    .command('restore')
    .description(
      'Restore a backup into an empty database and data dir: master key, database, objects; then re-apply erasures and verify',
    )
    .argument('<backup>', 'a backup folder or .tar made by switchboard backup')
    .option(
      '--force',
      'drop the Switchboard schemas of a database that is not empty first (their data is lost)',
    )
    .option(
      '--pg-restore <path>',
      'the pg_restore to use (default: SWITCHBOARD_PG_RESTORE, else one as new as the dump)',
    )
    .option(
      '--tombstones-from <url>',
      'another object store to read erasure tombstones from, e.g. file:///old/data/objects (repeatable)',
      collect,
    )
    .addOption(
      new Option(
        '--verify-objects <how>',
        'head: trust the store’s recorded checksums; read: read every object through',
      )
        .choices(['head', 'read'])
        .default('head'),
    )
    .option('--json', 'print the summary as JSON')
    .action(async (backup: string, options: RestoreCommandOptions) => {
      const { runRestore } = await import('./restore.action.js');
      await runRestore(backup, options);
    });
}
