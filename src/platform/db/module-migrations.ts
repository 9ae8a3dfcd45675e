import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { NoTables } from './tables.js';

/** A hand-written migration of one module. Names sort in the order they must run (`0001_...`). */
export interface ModuleMigration {
  readonly name: string;
  up(db: Kysely<NoTables>): Promise<void>;
}

/** Shorthand for a migration that is plain SQL, the common case. */
export function sqlMigration(name: string, statements: string): ModuleMigration {
  return {
    name,
    up: async (db) => {
      await sql.raw(statements).execute(db);
    },
  };
}

/** A schema's hand-written migrations, run by Kysely's migrator. */
export interface ModuleMigrationSet {
  /** Module name; its migrations are recorded in `<schema>.schema_migrations`. */
  readonly schema: string;
  readonly migrations: readonly ModuleMigration[];
}

/**
 * A schema a library migrates itself, through connections of its own (DBOS's `dbos` schema). It
 * runs in the same sequence and under the same lock as the others, so no process starts while
 * another is still migrating it.
 */
export interface ExternalMigrationSet {
  readonly schema: string;
  /** Brings the schema up to date; returns the names of what it applied (empty when up to date). */
  migrateExternal(ownerUrl: string): Promise<readonly string[]>;
}

export type MigrationSet = ModuleMigrationSet | ExternalMigrationSet;

/** Where migrations run: the owner pool, and its URL for libraries that connect themselves. */
export interface MigrationTarget {
  readonly owner: Kysely<NoTables>;
  readonly ownerUrl: string;
}

export interface MigrationReport {
  schema: string;
  applied: string[];
}

export class MigrationFailedError extends Error {
  constructor(
    readonly schema: string,
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(
      `Migration ${schema}/${migration ?? '?'} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'MigrationFailedError';
  }
}

function providerFor(set: ModuleMigrationSet): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          set.migrations.map((m): [string, Migration] => [
            m.name,
            { up: (db) => m.up(db as Kysely<NoTables>) },
          ]),
        ),
      ),
  };
}

/**
 * The migrations each schema has recorded, read for all of them in two statements; a schema whose
 * table does not exist yet is absent. Every process start asks: Kysely's migrator takes a
 * transaction, its lock and several statements to find a schema up to date (about 50 ms a schema
 * here, a second for the platform's nineteen, on each start of a process or CLI command).
 */
async function recordedMigrations(
  db: Kysely<NoTables>,
  schemas: readonly string[],
): Promise<Map<string, Set<string>>> {
  const recorded = new Map<string, Set<string>>();
  const { rows: tables } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.relname = 'schema_migrations' and c.relkind in ('r', 'p') and n.nspname = any(${schemas})`.execute(
    db,
  );
  if (tables.length === 0) return recorded;
  for (const { schema } of tables) recorded.set(schema, new Set());
  const reads = tables.map(
    ({ schema }) =>
      sql`select ${schema}::text as schema, name from ${sql.table(`${schema}.schema_migrations`)}`,
  );
  const { rows } = await sql<{ schema: string; name: string }>`${sql.join(reads, sql` union all `)}`.execute(
    db,
  );
  for (const row of rows) recorded.get(row.schema)?.add(row.name);
  return recorded;
}

/**
 * Runs every module's pending migrations, module by module in the given order (the kernel's
 * `platform` schema first). Kysely runs each module's pending migrations in one transaction, so a
 * failing migration leaves that schema as it was. Processes starting together are kept apart by
 * the caller, which holds the platform's migration lock around all of it (see migration-lock.ts).
 */
export async function migrateToLatest(
  target: MigrationTarget,
  sets: readonly MigrationSet[],
): Promise<MigrationReport[]> {
  const db = target.owner;
  const reports: MigrationReport[] = [];
  const recorded = await recordedMigrations(
    db,
    sets.flatMap((set) => ('migrateExternal' in set ? [] : [set.schema])),
  );
  for (const set of sets) {
    if ('migrateExternal' in set) {
      try {
        reports.push({ schema: set.schema, applied: [...(await set.migrateExternal(target.ownerUrl))] });
      } catch (error) {
        throw new MigrationFailedError(set.schema, undefined, error);
      }
      continue;
    }
    const names = set.migrations.map((m) => m.name);
    if (new Set(names).size !== names.length) throw new Error(`duplicate migration names in ${set.schema}`);
    // Up to date: exactly these migrations recorded, no more and no fewer. Anything else (pending
    // migrations, or one this build does not know) goes through Kysely's migrator and its checks.
    const done = recorded.get(set.schema);
    if (done?.size === names.length && names.every((name) => done.has(name))) {
      reports.push({ schema: set.schema, applied: [] });
      continue;
    }
    const migrator = new Migrator({
      db,
      provider: providerFor(set),
      migrationTableSchema: set.schema,
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new MigrationFailedError(set.schema, failed, error);
    }
    reports.push({ schema: set.schema, applied: (results ?? []).map((r) => r.migrationName) });
  }
  return reports;
}

/**
 * Runs each schema's migrations up to and including the one `levels` names for it, and none for a
 * schema it leaves out: a restore rebuilds the schema exactly as the backup's data was written under,
 * loads the data, and only then lets the newer migrations of this build run over it. A schema a
 * library migrates itself can only be brought to its latest version: any level named for it means that.
 */
export async function migrateSchemasTo(
  target: MigrationTarget,
  sets: readonly MigrationSet[],
  levels: ReadonlyMap<string, string>,
): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const set of sets) {
    const level = levels.get(set.schema);
    if (level === undefined) continue;
    if ('migrateExternal' in set) {
      reports.push(...(await migrateToLatest(target, [set])));
      continue;
    }
    if (!set.migrations.some((m) => m.name === level))
      throw new Error(`${set.schema} has no migration named ${level}`);
    const migrator = new Migrator({
      db: target.owner,
      provider: providerFor(set),
      migrationTableSchema: set.schema,
      migrationTableName: 'schema_migrations',
      migrationLockTableName: 'schema_migrations_lock',
    });
    const { error, results } = await migrator.migrateTo(level);
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName;
      throw new MigrationFailedError(set.schema, failed, error);
    }
    reports.push({ schema: set.schema, applied: (results ?? []).map((r) => r.migrationName) });
  }
  return reports;
}
