import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleMigrations } from '../../src/app/modules.js';
import { createLogger } from '../../src/platform/telemetry/index.js';
import {
  MigrationFailedError,
  migrateToLatest,
  platformMigrations,
  sqlMigration,
  type Database,
} from '../../src/platform/db/index.js';
import { openTestDatabase } from '../support/open-test-database.js';
import { createEmptyDatabase, type TestDatabase } from '../support/test-database.js';

const logger = createLogger({ level: 'silent' });

describe('migrations', () => {
  let empty: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    empty = await createEmptyDatabase();
    database = await openTestDatabase({
      url: empty.url,
      poolMax: 2,
      logger,
    });
  });
  afterAll(async () => {
    await database.close();
    await empty.drop();
  });

  async function tables(): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema') order by 1`.execute(database.owner);
    return rows.map((r) => r.name);
  }

  it('migrates an empty database up to the latest schema', async () => {
    expect(await tables()).toEqual([]);
    const reports = await migrateToLatest(database, [platformMigrations, ...moduleMigrations]);
    expect(reports.find((r) => r.schema === 'identity')?.applied).toContain('0001_tenants');
    expect(await tables()).toEqual(
      expect.arrayContaining(['identity.tenants', 'identity.schema_migrations']),
    );
  });

  it('is a no-op when run again', async () => {
    const before = await tables();
    const reports = await migrateToLatest(database, [platformMigrations, ...moduleMigrations]);
    expect(reports.every((r) => r.applied.length === 0)).toBe(true);
    expect(await tables()).toEqual(before);
  });

  it('leaves the schema as it was when a migration fails', async () => {
    const broken = {
      schema: 'broken',
      migrations: [
        sqlMigration('0001_ok', 'CREATE TABLE broken.first (id int)'),
        sqlMigration(
          '0002_fails',
          'CREATE TABLE broken.second (id int); SELECT * FROM broken.missing_table;',
        ),
      ],
    };
    const error = await migrateToLatest(database, [broken]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).migration).toBe('0002_fails');
    const names = await tables();
    expect(names).not.toContain('broken.first');
    expect(names).not.toContain('broken.second');
  });

  it('applies only the new migration when a module gains one', async () => {
    const v1 = { schema: 'growing', migrations: [sqlMigration('0001_a', 'CREATE TABLE growing.a (id int)')] };
    await migrateToLatest(database, [v1]);
    const v2 = {
      ...v1,
      migrations: [...v1.migrations, sqlMigration('0002_b', 'CREATE TABLE growing.b (id int)')],
    };
    const [report] = await migrateToLatest(database, [v2]);
    expect(report?.applied).toEqual(['0002_b']);
  });

  // An up-to-date schema is recognised without the migrator; a database ahead of this build is not.
  it('refuses a schema that recorded a migration this build does not know (an older build on a newer database)', async () => {
    const newer = {
      schema: 'ahead',
      migrations: [
        sqlMigration('0001_a', 'CREATE TABLE ahead.a (id int)'),
        sqlMigration('0002_b', 'CREATE TABLE ahead.b (id int)'),
      ],
    };
    await migrateToLatest(database, [newer]);
    const older = { ...newer, migrations: newer.migrations.slice(0, 1) };
    const error = await migrateToLatest(database, [older]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as Error).message).toMatch(/0002_b/);
  });
});
