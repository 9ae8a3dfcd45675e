import { randomBytes } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { verifyAuditChains } from '../audit/index.js';
import type { Config } from '../config/index.js';
import {
  migrateSchemasTo,
  openDatabase,
  platformMigrations,
  withMigrationLock,
  type Database,
  type MigrationSet,
} from '../db/index.js';
import { createObjectStore, type ObjectStore } from '../objects/index.js';
import type { Logger } from '../telemetry/index.js';
import {
  assertMasterKeyMatches,
  backupObjectCipher,
  configuredMasterKeys,
  installMasterKeyFile,
  masterKeyFingerprint,
  type MasterKeys,
} from './backup-keys.js';
import { assertFileIntact } from './backup-files.js';
import { BackupError } from './backup.errors.js';
import {
  isMigrationBookkeeping,
  manifestSchema,
  MANIFEST_FILE,
  MASTER_KEY_FILE,
  PG_DUMP_FILE,
  type Manifest,
} from './backup.manifest.js';
import { extractTar } from './backup.tar.js';
import { countRows, quoteIdent } from './database-inventory.js';
import { loadTables } from './logical-restore.js';
import { restoreObjects, type ObjectsRestoreReport } from './object-copy.js';
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.js';
import { readTombstones, reapplyTombstone } from './subject-tombstones.js';

export interface RestoreOptions {
  /** A backup folder or .tar. */
  readonly source: string;
  /** Drop Switchboard's schemas in the target database first (their data is lost). */
  readonly force?: boolean;
  /** A pg_restore to use; otherwise one is looked for. */
  readonly pgRestore?: string;
  /** More object stores to read shred tombstones from (the old data dir's `file://…/objects`). */
  readonly tombstonesFrom?: readonly string[];
  /** `head` trusts the stores' recorded checksums for objects already present; `read` reads them through. */
  readonly verifyObjects?: 'head' | 'read';
  readonly progress: (line: string) => void;
}

/** The restored installation, opened once the database is in: its owner pool and its object store. */
export interface OpenedTarget {
  readonly database: Pick<Database, 'owner'>;
  /** Without created-events: putting objects back is not news for the triggers. */
  readonly objects: ObjectStore;
  close(): Promise<void>;
}

export interface RestoreDeps {
  readonly config: Config;
  readonly logger: Logger;
  /** Every schema's migrations but the kernel's `platform` (openDatabase's order). */
  readonly migrations: readonly MigrationSet[];
  /** Opens the platform on the restored database (migrating it to this build's latest). */
  openTarget(): Promise<OpenedTarget>;
}

export interface RestoreSummary {
  /** Every check passed. */
  readonly ok: boolean;
  readonly source: string;
  readonly backupCreatedAt: string;
  readonly masterKey: { readonly fingerprint: string; readonly installedFromBackup: boolean };
  readonly database: {
    readonly format: Manifest['database']['format'];
    readonly tables: number;
    readonly rows: number;
    readonly rowMismatches: readonly { table: string; expected: number; actual: number }[];
  };
  readonly objects: ObjectsRestoreReport & { readonly mode: Manifest['objects']['mode'] };
  readonly tombstones: { readonly read: number; readonly reapplied: number; readonly invalid: number };
  readonly audit: {
    readonly tenants: number;
    readonly entries: number;
    readonly breaks: readonly { tenantId: string; seq: number; reason: string }[];
  };
}

/**
 * Restores a backup in the order keys → database → objects, then shreds again what was erased after
 * the backup and checks the result: row counts against the manifest, every object's SHA-256, the
 * audit chains. The database must hold no Switchboard table (unless `force`).
 */
export async function restoreBackup(deps: RestoreDeps, options: RestoreOptions): Promise<RestoreSummary> {
  const { progress } = options;
  const source = path.resolve(options.source);
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new BackupError('BACKUP_INVALID', `${source}: no such backup folder or file`);
  let root = source;
  let extracted: string | undefined;
  if (info.isFile()) {
    extracted = `${source}.restore-${randomBytes(4).toString('hex')}`;
    progress(`backup: unpacking ${path.basename(source)}`);
    await extractTar(source, extracted);
    root = extracted;
  }
  try {
    const manifest = await readManifest(root);
    progress(
      `backup: made ${manifest.createdAt} by Switchboard ${manifest.switchboardVersion} (${manifest.database.format}, ${manifest.objects.count} objects)`,
    );
    for (const [file, digest] of Object.entries(manifest.files)) await assertFileIntact(root, file, digest);

    // 1. Keys: before anything is written, or every wrapped key would be useless.
    const { keys, installed } = await masterKeysFor(deps.config, root, manifest, progress);
    assertMasterKeyMatches(keys, manifest.masterKey.fingerprints);
    progress(`keys: master key ${masterKeyFingerprint(keys.keys[0] ?? Buffer.alloc(0))} matches the backup`);

    // 2. Database.
    const database = await restoreDatabase(deps, root, manifest, options);

    // 3. Objects, through the restored platform (the filesystem store encrypts under restored keys).
    const target = await deps.openTarget();
    try {
      const objects = await restoreObjects(target.objects, root, {
        cipher: backupObjectCipher(keys.keys),
        verify: options.verifyObjects ?? 'head',
        progress,
      });
      progress(
        `objects: ${objects.count} in the manifest: ${objects.restored} put back, ${objects.present} present, ` +
          `${objects.missingCount} missing, ${objects.mismatchedCount} not matching`,
      );

      // 4. Erasures after the backup stay erased.
      const tombstones = await reapplyTombstones(target, options.tombstonesFrom ?? [], progress);

      // 5. The audit chains.
      const report = await verifyAuditChains(target.database.owner, { archive: target.objects });
      progress(
        `audit: ${report.entries} entries in ${report.tenants} chain(s), ${report.breaks.length === 0 ? 'intact' : `${report.breaks.length} BROKEN`}`,
      );
      const ok =
        database.rowMismatches.length === 0 &&
        objects.missingCount === 0 &&
        objects.mismatchedCount === 0 &&
        report.breaks.length === 0;
      return {
        ok,
        source,
        backupCreatedAt: manifest.createdAt,
        masterKey: {
          fingerprint: masterKeyFingerprint(keys.keys[0] ?? Buffer.alloc(0)),
          installedFromBackup: installed,
        },
        database,
        objects: { ...objects, mode: manifest.objects.mode },
        tombstones,
        audit: {
          tenants: report.tenants,
          entries: report.entries,
          breaks: report.breaks.map((b) => ({ tenantId: b.tenantId, seq: b.seq, reason: b.reason })),
        },
      };
    } finally {
      await target.close();
    }
  } finally {
    if (extracted) await rm(extracted, { recursive: true, force: true });
  }
}

async function readManifest(root: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path.join(root, MANIFEST_FILE), 'utf8');
  } catch {
    throw new BackupError('BACKUP_INVALID', `${root} has no ${MANIFEST_FILE}: not a Switchboard backup`);
  }
  const parsed = manifestSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new BackupError(
      'BACKUP_INVALID',
      `${MANIFEST_FILE} is not a manifest this version reads: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}

/** The configured master keys; with none configured, the backup's own (when it holds one), installed as the key file. */
async function masterKeysFor(
  config: Config,
  root: string,
  manifest: Manifest,
  progress: (line: string) => void,
): Promise<{ keys: MasterKeys; installed: boolean }> {
  const configured = await configuredMasterKeys(config);
  if (configured) return { keys: configured, installed: false };
  if (!manifest.masterKey.included)
    throw new BackupError(
      'BACKUP_MASTER_KEY',
      `no master key: restore the key with fingerprint ${manifest.masterKey.fingerprints[0]} first, as ` +
        `SWITCHBOARD_MASTER_KEY or the file ${path.join(config.dataDir, 'master.key')} (mode 0600). ` +
        `KEYS.md in the backup says where it was kept. A new key would decrypt nothing.`,
    );
  const file = await installMasterKeyFile(
    config.dataDir,
    await readFile(path.join(root, MASTER_KEY_FILE), 'utf8'),
  );
  progress(`keys: installed the backup's master key as ${file}`);
  const keys = await configuredMasterKeys(config);
  if (!keys) throw new BackupError('BACKUP_MASTER_KEY', `could not read back ${file}`);
  return { keys, installed: true };
}

async function restoreDatabase(
  deps: RestoreDeps,
  root: string,
  manifest: Manifest,
  options: RestoreOptions,
): Promise<RestoreSummary['database']> {
  const { config, logger } = deps;
  const { progress } = options;
  const sets = [platformMigrations, ...deps.migrations];
  const schemas = [...new Set([...manifest.database.schemas, ...sets.map((s) => s.schema)])];
  const db = await openDatabase({
    url: config.database.url,
    appUrl: config.database.appUrl,
    poolMax: 2,
    dataDir: config.dataDir,
    embeddedPort: config.database.embeddedPort,
    role: 'restore',
    exclusive: true,
    logger,
  });
  try {
    const client = new pg.Client({ connectionString: db.ownerUrl, application_name: 'switchboard-restore' });
    client.on('error', () => undefined); // a lost connection fails the next query, not the process
    await client.connect();
    try {
      await prepareTarget(client, schemas, manifest, options);
      if (manifest.database.format === 'pg_dump') {
        await restorePgDump(client, db.ownerUrl, root, manifest, options);
      } else {
        const levels = migrationLevels(manifest, sets);
        await withMigrationLock({ ownerUrl: db.ownerUrl, logger }, () =>
          migrateSchemasTo({ owner: db.owner, ownerUrl: db.ownerUrl }, sets, levels),
        );
        progress(`database: migrated an empty database to the backup's ${levels.size} schema levels`);
        const loaded = await loadTables(client, root, manifest.database, (table) => {
          if (table.rows > 0) progress(`database: ${table.schema}.${table.name} ${table.rows} rows`);
        });
        if (!loaded.triggersDeferred)
          progress('database: not allowed to set session_replication_role; loaded in foreign-key order');
      }
      const tables = manifest.database.tables.filter((t) => !isMigrationBookkeeping(t));
      const counts = await countRows(client, tables);
      const rowMismatches = tables
        .map((t, i) => ({ table: `${t.schema}.${t.name}`, expected: t.rows, actual: counts[i] ?? 0 }))
        .filter((m) => m.expected !== m.actual);
      const rows = counts.reduce((sum, n) => sum + n, 0);
      progress(
        `database: ${tables.length} tables, ${rows} rows restored` +
          (rowMismatches.length > 0
            ? `, ${rowMismatches.length} table(s) NOT matching the manifest`
            : ', counts match'),
      );
      return { format: manifest.database.format, tables: tables.length, rows, rowMismatches };
    } finally {
      await client.end();
    }
  } finally {
    await db.close();
  }
}

/**
 * Refuses a database other Switchboard processes use, or one that holds Switchboard tables (unless
 * forced: then those schemas are dropped), and one older than the backup's server for a pg_dump archive.
 */
async function prepareTarget(
  client: pg.Client,
  schemas: readonly string[],
  manifest: Manifest,
  options: RestoreOptions,
): Promise<void> {
  const others = await client.query<{ name: string }>(
    `select distinct application_name as name from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and application_name like 'switchboard-%' and application_name not like 'switchboard-restore%'`,
  );
  if (others.rows.length > 0)
    throw new BackupError(
      'BACKUP_DATABASE_NOT_EMPTY',
      `Switchboard processes are connected to this database (${others.rows.map((r) => r.name).join(', ')}): stop them before restoring`,
    );
  const held = await client.query<{ schema: string; tables: string }>(
    `select n.nspname as schema, count(*)::text as tables from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p') group by 1 order by 1`,
    [schemas],
  );
  if (held.rows.length > 0) {
    const list = held.rows.map((r) => `${r.schema} (${r.tables})`).join(', ');
    if (!options.force)
      throw new BackupError(
        'BACKUP_DATABASE_NOT_EMPTY',
        `the database already holds Switchboard tables in ${list}. Restore into an empty database (or an empty data dir), ` +
          `or pass --force to drop those schemas and everything in them first.`,
      );
    options.progress(`database: --force: dropping ${list}`);
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  }
  const version = await client.query<{ num: string }>(`select current_setting('server_version_num') as num`);
  const major = Math.floor(Number(version.rows[0]?.num ?? 0) / 10_000);
  if (manifest.database.format === 'pg_dump' && major < manifest.database.serverMajor)
    throw new BackupError(
      'BACKUP_PG_TOOLS',
      `the backup was dumped from PostgreSQL ${manifest.database.serverMajor}; this server is ${major}: restore into ${manifest.database.serverMajor} or newer`,
    );
}

/**
 * How far to migrate each schema before loading: to the backup's last migration; external schemas
 * (DBOS's) to their latest. A backup with a migration this build lacks was made by a newer build.
 */
function migrationLevels(manifest: Manifest, sets: readonly MigrationSet[]): Map<string, string> {
  const levels = new Map<string, string>();
  for (const set of sets) {
    if ('migrateExternal' in set) {
      if (manifest.database.schemas.includes(set.schema)) levels.set(set.schema, 'latest');
      continue;
    }
    const applied = manifest.database.migrations[set.schema];
    if (!applied || applied.length === 0) continue;
    const known = set.migrations.map((m) => m.name);
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0)
      throw new BackupError(
        'BACKUP_SCHEMA_MISMATCH',
        `the backup's ${set.schema} schema has migrations this build does not know (${unknown.join(', ')}): ` +
          `it was made by Switchboard ${manifest.switchboardVersion}; restore with that version or newer`,
      );
    levels.set(set.schema, applied[applied.length - 1] ?? '');
  }
  for (const schema of Object.keys(manifest.database.migrations))
    if (!sets.some((s) => s.schema === schema))
      throw new BackupError(
        'BACKUP_SCHEMA_MISMATCH',
        `the backup holds the schema ${schema}, which this build does not have: restore with Switchboard ${manifest.switchboardVersion}`,
      );
  return levels;
}

async function restorePgDump(
  client: pg.Client,
  ownerUrl: string,
  root: string,
  manifest: Manifest,
  options: RestoreOptions,
): Promise<void> {
  const pgRestore = await findPgTool('pg_restore', manifest.database.pgDumpMajor ?? 0, options.pgRestore);
  if (!pgRestore)
    throw new BackupError(
      'BACKUP_PG_TOOLS',
      `no pg_restore of version ${manifest.database.pgDumpMajor} or newer (the version of the pg_dump that wrote the archive) was found: install one or name it with --pg-restore`,
    );
  // pg_dump of chosen schemas leaves the extensions out; their objects must exist before the tables.
  for (const extension of manifest.database.extensions)
    await client.query(
      `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(extension.name)} WITH SCHEMA ${quoteIdent(extension.schema)}`,
    );
  options.progress(`database: pg_restore ${pgRestore.version} (${pgRestore.path})`);
  const { dbname, env } = libpqConnection(ownerUrl);
  await runPgTool(
    pgRestore,
    [
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      '--no-password',
      `--dbname=${dbname}`,
      path.join(root, PG_DUMP_FILE),
    ],
    env,
  );
}

/** Reads the shred tombstones of the restored store and of `extra` stores, and shreds again what the database still holds. */
async function reapplyTombstones(
  target: OpenedTarget,
  extra: readonly string[],
  progress: (line: string) => void,
): Promise<RestoreSummary['tombstones']> {
  let read = 0;
  let reapplied = 0;
  let invalid = 0;
  const stores: { name: string; store: ObjectStore; close: boolean }[] = [
    { name: 'the object store', store: target.objects, close: false },
    ...extra.map((url) => ({ name: url.split('?')[0] ?? url, store: createObjectStore(url), close: true })),
  ];
  try {
    for (const { name, store } of stores) {
      for await (const tombstone of readTombstones(store, (key, reason) => {
        invalid += 1;
        progress(`tombstones: ${key} in ${name} is not a tombstone (${reason})`);
      })) {
        read += 1;
        reapplied += await reapplyTombstone(target.database.owner, tombstone);
      }
    }
  } finally {
    for (const { store, close } of stores) if (close) await store.close();
  }
  progress(`tombstones: ${read} read, ${reapplied} subject key(s) shredded again`);
  return { read, reapplied, invalid };
}
