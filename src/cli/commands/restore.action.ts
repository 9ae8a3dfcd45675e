import type { RestoreSummary } from '../../platform/backup/index.js';
import { cliLogger, config } from '../cli-context.js';
import { table } from '../cli-output.js';
import { progressLine } from './backup.action.js';

/** The options of `switchboard restore`, as commander parsed them. */
export interface RestoreCommandOptions {
  force?: boolean;
  pgRestore?: string;
  tombstonesFrom?: string[];
  verifyObjects: 'head' | 'read';
  json?: boolean;
}

/**
 * `switchboard restore <backup>` into the configured database and data dir. Exit status 1 when a
 * check fails (row counts, objects, audit chains); the summary says which.
 */
export async function runRestore(backup: string, options: RestoreCommandOptions): Promise<RestoreSummary> {
  const cfg = await config();
  const logger = await cliLogger(cfg);
  const [{ createPlatform }, { moduleMigrations }, { restoreBackup }] = await Promise.all([
    import('../../app/platform.js'),
    import('../../app/modules.js'),
    import('../../platform/backup/index.js'),
  ]);
  const pgRestore = options.pgRestore ?? process.env.SWITCHBOARD_PG_RESTORE;
  // The workflow engine announces its migrations with console.log; stdout is the summary's alone.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    console.error(...args);
  };
  const summary = await restoreBackup(
    {
      config: cfg,
      logger,
      migrations: moduleMigrations,
      async openTarget() {
        const platform = await createPlatform(cfg, { role: 'cli', logger });
        return { database: platform.database, objects: platform.quietObjects, close: () => platform.close() };
      },
    },
    {
      source: backup,
      verifyObjects: options.verifyObjects,
      progress: progressLine,
      ...(options.force ? { force: true } : {}),
      ...(pgRestore ? { pgRestore } : {}),
      ...(options.tombstonesFrom ? { tombstonesFrom: options.tombstonesFrom } : {}),
    },
  ).finally(() => {
    console.log = log;
  });
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else for (const line of summaryTable(summary)) console.log(line);
  if (!summary.ok) process.exitCode = 1;
  return summary;
}

function summaryTable(summary: RestoreSummary): string[] {
  const { database, objects, tombstones, audit } = summary;
  const named = (keys: readonly string[], count: number) =>
    keys.length === 0 ? '' : `: ${keys.join(', ')}${count > keys.length ? ', …' : ''}`;
  return [
    ...table(
      ['check', 'result'],
      [
        [
          'master key',
          `${summary.masterKey.fingerprint} matches${summary.masterKey.installedFromBackup ? ' (installed from the backup)' : ''}`,
        ],
        [
          'database',
          `${database.format}: ${database.tables} tables, ${database.rows} rows; ` +
            (database.rowMismatches.length === 0
              ? 'counts match the manifest'
              : `NOT matching: ${database.rowMismatches.map((m) => `${m.table} ${m.actual}/${m.expected}`).join(', ')}`),
        ],
        [
          'objects',
          `${objects.count} (${objects.mode}): ${objects.restored} put back, ${objects.present} present, ` +
            `${objects.missingCount} missing${named(objects.missing, objects.missingCount)}, ` +
            `${objects.mismatchedCount} not matching${named(objects.mismatched, objects.mismatchedCount)}`,
        ],
        [
          'erasures',
          `${tombstones.read} tombstone(s) read, ${tombstones.reapplied} subject key(s) shredded again`,
        ],
        [
          'audit',
          `${audit.entries} entries in ${audit.tenants} chain(s): ` +
            (audit.breaks.length === 0
              ? 'intact'
              : `BROKEN ${audit.breaks.map((b) => `${b.tenantId}#${b.seq} ${b.reason}`).join(', ')}`),
        ],
      ],
    ),
    summary.ok
      ? 'Restore complete: every check passed.'
      : 'Restore finished, but a check FAILED (see above).',
  ];
}
