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

export interface MigrationSet {
  /** Module name; its migrations are recorded in `<schema>.schema_migrations`. */
  readonly schema: string;
  readonly migrations: readonly ModuleMigration[];
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

function providerFor(set: MigrationSet): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          set.migrations.map((m): [string, Migration] => [m.name, { up: (db) => m.up(db as Kysely<NoTables>) }]),
        ),
      ),
  };
}

/**
 * Runs every module's pending migrations, module by module in the given order (the kernel's
 * `platform` schema first). Kysely runs each module's pending migrations in one transaction under
 * an advisory lock, so a failing migration leaves that schema as it was and concurrent starters
 * wait rather than race.
 */
export async function migrateToLatest(db: Kysely<NoTables>, sets: readonly MigrationSet[]): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const set of sets) {
    const names = set.migrations.map((m) => m.name);
    if (new Set(names).size !== names.length) throw new Error(`duplicate migration names in ${set.schema}`);
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
