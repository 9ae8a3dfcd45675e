import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import type { ObjectStore } from '../objects/index.js';
import { backupObjectCipher, configuredMasterKeys, masterKeyFingerprint } from './backup-keys.js';
import { digestFile, type FileDigest } from './backup-files.js';
import { BackupError } from './backup.errors.js';
import {
  isMigrationBookkeeping,
  KEYS_FILE,
  MANIFEST_FILE,
  MASTER_KEY_FILE,
  OBJECTS_FILE,
  PG_DUMP_FILE,
  type DatabaseSection,
  type Manifest,
} from './backup.manifest.js';
import { packDirectory } from './backup.tar.js';
import { countRows, readInventory } from './database-inventory.js';
import { keysDocument } from './keys-document.js';
import { dumpTables } from './logical-dump.js';
import { backupObjects, mebibytes } from './object-copy.js';
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.js';

export type DatabaseFormatChoice = 'auto' | 'pg_dump' | 'logical';
export type ObjectsMode = 'copy' | 'manifest';

export interface BackupOptions {
  /** A folder to create, or a path ending in `.tar`. */
  readonly output: string;
  /** Default: `copy` for the filesystem store, `manifest` for S3 and Azure (their versioning is the copy). */
  readonly objects?: ObjectsMode;
  readonly includeMasterKey?: boolean;
  readonly databaseFormat?: DatabaseFormatChoice;
  /** A pg_dump to use (SWITCHBOARD_PG_DUMP / --pg-dump); otherwise one is looked for. */
  readonly pgDump?: string;
  /** Progress, one human line at a time (the CLI prints them on stderr). */
  readonly progress: (line: string) => void;
}

export interface BackupDeps {
  readonly config: Config;
  readonly database: Pick<Database, 'ownerUrl'>;
  /** The object store, without created-events. */
  readonly objects: ObjectStore;
  /** Every schema Switchboard migrates (the kernel's and each module's). */
  readonly schemas: readonly string[];
  readonly switchboardVersion: string;
}

export interface BackupSummary {
  readonly output: string;
  readonly createdAt: string;
  readonly database: {
    readonly format: DatabaseSection['format'];
    readonly tables: number;
    readonly rows: number;
    readonly bytes: number;
  };
  readonly objects: {
    readonly store: Manifest['objects']['store'];
    readonly mode: ObjectsMode;
    readonly count: number;
    readonly bytes: number;
    readonly unreadable: readonly string[];
  };
  readonly masterKey: { readonly fingerprint: string; readonly included: boolean };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a backup: the database (pg_dump's custom format when a pg_dump at least as new as the server
 * is found, else the built-in logical dump), then the object list (and with `copy`, the objects),
 * KEYS.md and the manifest. It is written under a temporary name beside the output and renamed when
 * whole, so a backup interrupted half-way never looks like one.
 */
export async function createBackup(deps: BackupDeps, options: BackupOptions): Promise<BackupSummary> {
  const { progress } = options;
  const output = path.resolve(options.output);
  const asTar = output.endsWith('.tar');
  if (await exists(output))
    throw new BackupError('BACKUP_TARGET_EXISTS', `${output} exists already: name a new folder or .tar file`);
  const masterKeys = await configuredMasterKeys(deps.config);
  if (!masterKeys)
    throw new BackupError('BACKUP_MASTER_KEY', 'this installation has no master key to back up with');
  const fingerprints = masterKeys.keys.map(masterKeyFingerprint);
  const createdAt = new Date().toISOString();
  const work = `${output}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(work, { recursive: true, mode: 0o700 });
  try {
    const { database, files } = await dumpDatabase(deps, work, options);
    // What a restore loads and counts: the migration bookkeeping is written by migrating.
    const dataTables = database.tables.filter((t) => !isMigrationBookkeeping(t));
    const rows = dataTables.reduce((sum, t) => sum + t.rows, 0);
    const databaseBytes = Object.values(files).reduce((sum, f) => sum + f.size, 0);
    progress(
      `database: ${dataTables.length} tables, ${rows} rows (${database.format}, ${mebibytes(databaseBytes)})`,
    );

    // After the database's snapshot: an object written since is listed too (harmless, nothing refers
    // to it); one erased since is left out, as the erasure wanted.
    const mode = options.objects ?? (deps.objects.kind === 'filesystem' ? 'copy' : 'manifest');
    const objects = await backupObjects(deps.objects, work, {
      copy: mode === 'copy',
      cipher: backupObjectCipher(masterKeys.keys),
      progress,
    });
    progress(
      `objects: ${objects.count} ${mode === 'copy' ? 'copied' : 'listed'} (${mebibytes(objects.bytes)})` +
        (objects.unreadable.length > 0 ? `, ${objects.unreadable.length} UNREADABLE` : ''),
    );

    const included = options.includeMasterKey === true;
    await writeFile(
      path.join(work, KEYS_FILE),
      keysDocument({
        createdAt,
        switchboardVersion: deps.switchboardVersion,
        fingerprints,
        masterKeys,
        included,
      }),
      { mode: 0o600 },
    );
    if (included) {
      await writeFile(path.join(work, MASTER_KEY_FILE), `${masterKeys.keys[0]?.toString('base64')}\n`, {
        mode: 0o600,
      });
      progress(
        'WARNING: this backup holds the master key (master.key). Anyone who can read the backup can decrypt ' +
          "every tenant's data: store it apart, encrypted, readable only by those who may restore.",
      );
    }
    const allFiles: Record<string, FileDigest> = { ...files };
    for (const name of [OBJECTS_FILE, KEYS_FILE, ...(included ? [MASTER_KEY_FILE] : [])])
      allFiles[name] = await digestFile(work, name);

    const manifest: Manifest = {
      format: 'switchboard-backup',
      version: 1,
      createdAt,
      switchboardVersion: deps.switchboardVersion,
      masterKey: { fingerprints, included },
      database,
      objects: {
        store: deps.objects.kind,
        mode,
        count: objects.count,
        bytes: objects.bytes,
        unreadable: objects.unreadable.length,
      },
      files: allFiles,
    };
    await writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });

    if (asTar) {
      const partialTar = `${work}.tar`;
      await packDirectory(work, partialTar, [MANIFEST_FILE, KEYS_FILE]);
      await rename(partialTar, output);
      await rm(work, { recursive: true, force: true });
    } else {
      await rename(work, output);
    }
    return {
      output,
      createdAt,
      database: { format: database.format, tables: dataTables.length, rows, bytes: databaseBytes },
      objects: {
        store: deps.objects.kind,
        mode,
        count: objects.count,
        bytes: objects.bytes,
        unreadable: objects.unreadable,
      },
      masterKey: { fingerprint: fingerprints[0] ?? '', included },
    };
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    await rm(`${work}.tar`, { force: true });
    throw error;
  }
}

/**
 * The database part, in one repeatable-read, read-only transaction of the owner (row-level security
 * does not bind the tables' owner, and `row_security = off` makes any table it would bind fail loudly
 * instead of dumping a part): the inventory and the data are one snapshot. pg_dump joins that very
 * snapshot (`--snapshot`), so its archive and the row counts read here agree.
 */
async function dumpDatabase(
  deps: BackupDeps,
  work: string,
  options: BackupOptions,
): Promise<{ database: DatabaseSection; files: Record<string, FileDigest> }> {
  const client = new pg.Client({
    connectionString: deps.database.ownerUrl,
    application_name: 'switchboard-backup',
  });
  client.on('error', () => undefined); // a lost connection fails the next query, not the process
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL row_security = off`);
    await client.query(`SET LOCAL statement_timeout = 0`);
    await client.query(`SET LOCAL idle_in_transaction_session_timeout = 0`);
    const inventory = await readInventory(client, deps.schemas);
    const choice = options.databaseFormat ?? 'auto';
    const pgDump =
      choice === 'logical' ? undefined : await findPgTool('pg_dump', inventory.serverMajor, options.pgDump);
    if (!pgDump && choice === 'pg_dump')
      throw new BackupError(
        'BACKUP_PG_TOOLS',
        `no pg_dump of version ${inventory.serverMajor} or newer (the server's) was found: install one, name it with --pg-dump, or use --database-format logical`,
      );
    if (!pgDump && choice === 'auto')
      options.progress(
        `database: no pg_dump ${inventory.serverMajor} or newer found: using the built-in logical dump`,
      );

    let section: DatabaseSection;
    let files: Record<string, FileDigest>;
    if (pgDump) {
      const snapshot =
        (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]?.id ?? '';
      const counts = await countRows(client, inventory.tables);
      options.progress(
        `database: pg_dump ${pgDump.version} (${pgDump.path}) of ${inventory.schemas.length} schemas`,
      );
      await mkdir(path.join(work, 'database'), { recursive: true });
      const { dbname, env } = libpqConnection(deps.database.ownerUrl);
      await runPgTool(
        pgDump,
        [
          '--format=custom',
          '--no-password',
          `--snapshot=${snapshot}`,
          `--file=${path.join(work, PG_DUMP_FILE)}`,
          ...inventory.schemas.map((schema) => `--schema=${schema}`),
          `--dbname=${dbname}`,
        ],
        env,
      );
      section = {
        ...inventory,
        format: 'pg_dump',
        pgDumpMajor: pgDump.major,
        tables: inventory.tables.map((t, i) => ({ ...t, rows: counts[i] ?? 0 })),
      };
      files = { [PG_DUMP_FILE]: await digestFile(work, PG_DUMP_FILE) };
    } else {
      const dumped = await dumpTables(client, work, inventory.tables, (table) => {
        if (table.rows > 0) options.progress(`database: ${table.schema}.${table.name} ${table.rows} rows`);
      });
      section = { ...inventory, format: 'logical', tables: dumped.tables };
      files = dumped.files;
    }
    await client.query('COMMIT');
    return { database: section, files };
  } finally {
    await client.end();
  }
}
