import { readFileSync } from 'node:fs';
import type { BackupSummary, DatabaseFormatChoice, ObjectsMode } from '../../platform/backup/index.js';
import { cliLogger, config } from '../cli-context.js';
import { table } from '../cli-output.js';

/** The options of `switchboard backup`, as commander parsed them. */
export interface BackupCommandOptions {
  objects?: ObjectsMode;
  databaseFormat: DatabaseFormatChoice;
  pgDump?: string;
  includeMasterKey?: boolean;
  json?: boolean;
}

export function switchboardVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Progress lines go to stderr, so stdout holds only the summary (pipe it with --json). */
export const progressLine = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * `switchboard backup <output>`: opens the platform without migrating (a backup records the schema
 * as it is) and writes the backup; the summary is a table, or JSON with --json.
 */
export async function runBackup(output: string, options: BackupCommandOptions): Promise<BackupSummary> {
  const cfg = await config();
  const [{ createPlatform }, { platformMigrations }, { moduleMigrations }, { createBackup }] =
    await Promise.all([
      import('../../app/platform.js'),
      import('../../platform/db/index.js'),
      import('../../app/modules.js'),
      import('../../platform/backup/index.js'),
    ]);
  const platform = await createPlatform(cfg, { role: 'cli', logger: await cliLogger(cfg), migrate: false });
  let summary: BackupSummary;
  try {
    summary = await createBackup(
      {
        config: cfg,
        database: platform.database,
        objects: platform.quietObjects,
        schemas: [platformMigrations, ...moduleMigrations].map((set) => set.schema),
        switchboardVersion: switchboardVersion(),
      },
      {
        output,
        databaseFormat: options.databaseFormat,
        ...(options.objects ? { objects: options.objects } : {}),
        ...(options.includeMasterKey ? { includeMasterKey: true } : {}),
        ...(options.pgDump || process.env.SWITCHBOARD_PG_DUMP
          ? { pgDump: options.pgDump ?? process.env.SWITCHBOARD_PG_DUMP }
          : {}),
        progress: progressLine,
      },
    );
  } finally {
    await platform.close();
  }
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else {
    const lines = table(
      ['part', 'result'],
      [
        ['backup', summary.output],
        [
          'database',
          `${summary.database.format}: ${summary.database.tables} tables, ${summary.database.rows} rows`,
        ],
        [
          'objects',
          `${summary.objects.count} ${summary.objects.mode === 'copy' ? 'copied' : 'listed (not copied)'} from the ${summary.objects.store} store` +
            (summary.objects.unreadable.length > 0
              ? `; UNREADABLE: ${summary.objects.unreadable.join(', ')}`
              : ''),
        ],
        [
          'master key',
          `${summary.masterKey.fingerprint} ${summary.masterKey.included ? 'INCLUDED in the backup' : 'not included: keep it apart (KEYS.md)'}`,
        ],
      ],
    );
    for (const line of lines) console.log(line);
  }
  if (summary.objects.unreadable.length > 0) process.exitCode = 1;
  return summary;
}
